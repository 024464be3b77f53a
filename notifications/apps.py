"""Notifications: one notify() service, stored rows, preferences, email and live push."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from notifications.kinds import Delivery, Kind


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    # What the notifications app contributes to the whole (read by community/registry.py).
    access = "notifications.access:URL_ACCESS"
    gdpr = "notifications.gdpr"
    demo = "notifications.demo:seed"
    # A generic kind for what the association tells its members (not tied to one capability).
    notification_kinds = (
        Kind("announcement", _("Annonce de l'association"), _("Association"), Delivery.DIGEST),
    )

    def ready(self):
        from django.db.models.signals import post_migrate

        from notifications.kinds import load_declared_kinds
        from notifications.site import sync_site_after_migrate

        load_declared_kinds()
        post_migrate.connect(sync_site_after_migrate, sender=self)
