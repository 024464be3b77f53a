"""Notifications: one notify() service, stored rows, preferences, email and live push."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from notifications.kinds import Kind


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    # What the notifications app contributes to the whole (read by community/registry.py).
    access = "notifications.access:URL_ACCESS"
    gdpr = "notifications.gdpr"
    demo = "notifications.demo:seed"
    # A generic kind for what the association tells its members (not tied to one capability).
    notification_kinds = (Kind("announcement", _("Annonce de l'association"), _("Association")),)

    def ready(self):
        from notifications.kinds import load_declared_kinds

        load_declared_kinds()
