"""PostgreSQL only: the `cimaise_french` text search configuration the members' search uses.

french, with unaccent before the stemmer, so "humidite" finds "humidité" and the reverse.
unaccent is a trusted extension (PostgreSQL 13+): the database owner may create it. On SQLite
nothing is done (search there matches folded text, community/search/base.py).
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'cimaise_french') THEN
    CREATE TEXT SEARCH CONFIGURATION cimaise_french (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION cimaise_french
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
END
$$;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS cimaise_french;"


def create(apps, schema_editor):  # noqa: ARG001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):  # noqa: ARG001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("community", "0004_user_photo")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
