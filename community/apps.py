"""The site itself: members, structures, memberships, roles and the members-only gate."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from community import roles
from community.registry import NavItem
from notifications.kinds import Kind

MEMBERSHIP = _("Adhésion")


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Communauté")

    # What the community app contributes to the whole (read by community/registry.py).
    access = "community.access:URL_ACCESS"
    gdpr = "community.gdpr"
    # The decision is also emailed by the community app itself, so the default stays in-app.
    notification_kinds = (
        Kind("membership_approved", _("Adhésion acceptée ou renouvelée"), MEMBERSHIP),
        Kind("membership_rejected", _("Demande d'adhésion refusée"), MEMBERSHIP),
        Kind("membership_renewal_due", _("Adhésion bientôt à renouveler"), MEMBERSHIP),
    )
    # After the feature apps' entries (order 10 to 40).
    navigation = (
        NavItem(_("Annuaire"), "community:directory", order=50),
        NavItem(_("Adhésions"), "community:membership_list", order=60, role=roles.STAFF),
    )

    def ready(self):
        from django.urls import register_converter

        from community.params import DatabaseId

        # Before any urls.py is read: every app's row ids are <id:pk>.
        register_converter(DatabaseId, "id")
