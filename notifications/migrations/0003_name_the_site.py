"""The Site object takes SITE_NAME and SITE_URL (it said "example.com")."""

from django.db import migrations


def name_the_site(apps, schema_editor):  # noqa: ARG001 - migration signature
    from notifications.site import sync_site

    sync_site(apps.get_model("sites", "Site"))


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_outbox_and_params"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]
