"""Documents' tsvector (PostgreSQL only): title 'A', description 'B', search_text 'C' (tags and
the file's extracted text), written by a trigger on every write of those columns, whatever the
code path (services, admin, bulk imports), under a GIN index. On SQLite the column stays null:
search there matches the folded search_text."""

import django.contrib.postgres.search
from django.db import migrations

# tsvector has a 1 MB limit: the first 500,000 characters of a file's text are indexed.
CREATE = """
CREATE FUNCTION documents_document_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('cimaise_french', coalesce(NEW.title, '')), 'A')
    || setweight(to_tsvector('cimaise_french', coalesce(NEW.description, '')), 'B')
    || setweight(to_tsvector('cimaise_french', left(coalesce(NEW.search_text, ''), 500000)), 'C');
  RETURN NEW;
END
$$;
CREATE TRIGGER documents_document_search_vector
  BEFORE INSERT OR UPDATE OF title, description, search_text ON documents_document
  FOR EACH ROW EXECUTE FUNCTION documents_document_search_vector();
CREATE INDEX documents_document_search_vector_gin ON documents_document USING gin (search_vector);
UPDATE documents_document SET title = title;
"""
DROP = """
DROP TRIGGER IF EXISTS documents_document_search_vector ON documents_document;
DROP FUNCTION IF EXISTS documents_document_search_vector();
DROP INDEX IF EXISTS documents_document_search_vector_gin;
"""


def create(apps, schema_editor):  # noqa: ARG001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):  # noqa: ARG001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0002_moved_by"),
        ("community", "0005_search_configuration"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
