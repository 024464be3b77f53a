"""The site itself: members, structures, memberships, roles and the members-only gate."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from community import roles
from community.registry import FirstStep, NavItem
from notifications.kinds import Delivery, Kind

MEMBERSHIP = _("Adhésion")
MEMBERSHIP_EMAIL = "community/emails/membership"


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Communauté")

    # What the community app contributes to the whole (read by community/registry.py).
    access = "community.access:URL_ACCESS"
    gdpr = "community.gdpr"
    search = "community.search.members:areas"
    # A refusal or a suspension reaches someone who no longer reads the site: always emailed.
    notification_kinds = (
        Kind(
            "membership_application",
            _("Nouvelle demande d'adhésion (équipe de l'association)"),
            MEMBERSHIP,
            Delivery.IMMEDIATE,
            title=_("Nouvelle demande d'adhésion : %(name)s (%(structure)s)"),
        ),
        Kind(
            "membership_approved",
            _("Adhésion acceptée ou renouvelée"),
            MEMBERSHIP,
            Delivery.IMMEDIATE,
            email_template=MEMBERSHIP_EMAIL,
            title=_("Votre adhésion est valable jusqu'au %(until)s."),
        ),
        Kind(
            "membership_rejected",
            _("Demande d'adhésion refusée"),
            MEMBERSHIP,
            Delivery.IMMEDIATE,
            email_template=MEMBERSHIP_EMAIL,
            title=_("Votre demande d'adhésion n'a pas été retenue."),
            transactional=True,
        ),
        Kind(
            "membership_suspended",
            _("Adhésion suspendue"),
            MEMBERSHIP,
            Delivery.IMMEDIATE,
            email_template=MEMBERSHIP_EMAIL,
            title=_("Votre adhésion est suspendue"),
            transactional=True,
        ),
        Kind(
            "membership_vouch",
            _("Confirmer qu'un candidat travaille dans ma structure (contacts désignés)"),
            MEMBERSHIP,
            Delivery.IMMEDIATE,
            title=_(
                "%(name)s demande à adhérer et dit travailler à %(structure)s : confirmez-vous ?"
            ),
        ),
        Kind(
            "member_moved",
            _("Un membre change de structure (équipe de l'association)"),
            MEMBERSHIP,
            Delivery.IN_APP,
            title=_("%(name)s a changé de structure : %(old)s → %(new)s"),
        ),
        Kind(
            "membership_renewal_due",
            _("Adhésion bientôt à renouveler"),
            MEMBERSHIP,
            Delivery.IMMEDIATE,
            email_template=MEMBERSHIP_EMAIL,
            title=_("Votre adhésion arrive à échéance le %(until)s."),
        ),
    )
    first_steps = (
        FirstStep(
            _("Ajouter ma photo à mon profil"),
            "community:profile",
            "community.membership.photos:has_photo",
            10,
        ),
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

        from community import home

        home.connect_receivers()
