"""CVthèque: members' CVs, recruiters' search and contacts, and job offers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CvthequeConfig(AppConfig):
    name = "cvtheque"
    verbose_name = _("CVthèque")

    def ready(self):
        from notifications.kinds import Delivery, register_kind

        group = _("CVthèque")
        # Contacts, replies and expiry reminders are also emailed by this app itself,
        # so their default stays in-app (no second email).
        register_kind(
            "cv_contact",
            _("Un recruteur me contacte"),
            group=group,
            default_delivery=Delivery.IN_APP,
        )
        register_kind(
            "cv_contact_reply",
            _("Un candidat répond à mon message"),
            group=group,
            default_delivery=Delivery.IN_APP,
        )
        register_kind(
            "cv_expiry", _("Mon CV va expirer"), group=group, default_delivery=Delivery.IN_APP
        )
        register_kind(
            "job_match",
            _("Offre correspondant à mon profil"),
            group=group,
            default_delivery=Delivery.IN_APP,
        )
