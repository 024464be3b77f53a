"""The site itself: members, structures, memberships, roles and the members-only gate."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Communauté")

    def ready(self):
        from django.urls import register_converter

        from community.params import DatabaseId
        from notifications.kinds import Delivery, register_kind

        # Before any urls.py is read: every app's row ids are <id:pk>.
        register_converter(DatabaseId, "id")

        group = _("Adhésion")
        # The decision is also emailed by the community app itself, so the default stays in-app.
        register_kind(
            "membership_approved",
            _("Adhésion acceptée ou renouvelée"),
            group=group,
            default_delivery=Delivery.IN_APP,
        )
        register_kind(
            "membership_rejected",
            _("Demande d'adhésion refusée"),
            group=group,
            default_delivery=Delivery.IN_APP,
        )
        register_kind(
            "membership_renewal_due",
            _("Adhésion bientôt à renouveler"),
            group=group,
            default_delivery=Delivery.IN_APP,
        )
