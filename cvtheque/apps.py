"""CVthèque: members' CVs, recruiters' search and contacts, and job offers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from community.registry import HomePanel, NavItem
from notifications.kinds import Kind

CVTHEQUE = _("CVthèque")


class CvthequeConfig(AppConfig):
    name = "cvtheque"
    verbose_name = CVTHEQUE

    # What the CV library contributes to the whole (read by community/registry.py).
    access = "cvtheque.access:URL_ACCESS"
    gdpr = "cvtheque.gdpr"
    demo = "cvtheque.demo:seed"
    # Contacts, replies and expiry reminders are also emailed by this app itself,
    # so their default stays in-app (no second email).
    notification_kinds = (
        Kind("cv_contact", _("Un recruteur me contacte"), CVTHEQUE),
        Kind("cv_contact_reply", _("Un candidat répond à mon message"), CVTHEQUE),
        Kind("cv_expiry", _("Mon CV va expirer"), CVTHEQUE),
        Kind("job_match", _("Offre correspondant à mon profil"), CVTHEQUE),
    )
    navigation = (NavItem(CVTHEQUE, "cvtheque:home", order=30),)
    home_panels = (
        HomePanel(
            "community/home_card.html",
            order=30,
            values={
                "title": CVTHEQUE,
                "url_name": "cvtheque:home",
                "text": _("CV et offres d'emploi du réseau."),
            },
        ),
    )
