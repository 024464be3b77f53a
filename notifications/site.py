"""The Site object (used by allauth's emails and the sitemap) follows SITE_NAME and SITE_URL."""

from urllib.parse import urlparse

from django.conf import settings
from django.db import connections


def sync_site(site_model=None) -> None:
    """Name the site from the settings: no email or page ever says "example.com".

    Run by a data migration and after every `migrate` (post_migrate), so a change of
    SITE_NAME or SITE_URL reaches the database at the next deployment.
    """
    if site_model is None:
        from django.contrib.sites.models import Site as site_model
    domain = urlparse(settings.SITE_URL).netloc or "localhost"
    site_model.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain[:100], "name": settings.SITE_NAME[:50]}
    )
    if hasattr(site_model.objects, "clear_cache"):
        site_model.objects.clear_cache()


def sync_site_after_migrate(using: str = "default", **kwargs) -> None:  # noqa: ARG001 - signal
    from django.contrib.sites.models import Site

    if Site._meta.db_table in connections[using].introspection.table_names():
        sync_site()
