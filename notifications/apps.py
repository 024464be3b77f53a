"""Notifications: one notify() service, stored rows, preferences, email and live push."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from notifications.kinds import Delivery, register_kind

        # A generic kind for what the association tells its members (not tied to one capability).
        register_kind(
            "announcement",
            _("Annonce de l'association"),
            group=_("Association"),
            default_delivery=Delivery.IN_APP,
        )
