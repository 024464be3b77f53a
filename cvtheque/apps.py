"""CVthèque: members' CVs, recruiters' search and contacts, and job offers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from community.registry import HomePanel, NavItem
from notifications.kinds import Delivery, Kind

CVTHEQUE = _("CVthèque")


class CvthequeConfig(AppConfig):
    name = "cvtheque"
    verbose_name = CVTHEQUE

    # What the CV library contributes to the whole (read by community/registry.py).
    access = "cvtheque.access:URL_ACCESS"
    gdpr = "cvtheque.gdpr"
    demo = "cvtheque.demo:seed"
    search = "cvtheque.search:areas"
    # What is addressed to me is emailed at once by default, offers go to the digest.
    notification_kinds = (
        Kind(
            "cv_contact",
            _("Un recruteur me contacte"),
            CVTHEQUE,
            Delivery.IMMEDIATE,
            email_template="cvtheque/emails/contact",
            title=_("%(name)s vous a contacté au sujet de votre CV"),
        ),
        Kind(
            "cv_contact_reply",
            _("Un candidat répond à mon message"),
            CVTHEQUE,
            Delivery.IMMEDIATE,
            email_template="cvtheque/emails/reply",
            title=_("%(name)s a répondu à votre message"),
        ),
        Kind(
            "cv_expiry",
            _("Mon CV va expirer"),
            CVTHEQUE,
            Delivery.IMMEDIATE,
            email_template="cvtheque/emails/expiry",
            title=_("Votre CV expire le %(date)s : renouvelez-le pour le garder."),
        ),
        Kind(
            "job_match",
            _("Offre correspondant à mon profil"),
            CVTHEQUE,
            Delivery.DIGEST,
            network_summary=ngettext_lazy(
                "%(count)d nouvelle offre d'emploi", "%(count)d nouvelles offres d'emploi", "count"
            ),
            title=_("Nouvelle offre en %(profession)s : %(title)s (%(structure)s)"),
        ),
    )
    navigation = (NavItem(CVTHEQUE, "cvtheque:home", order=30),)
    home_panels = (
        HomePanel(
            "cvtheque/home_panel.html",
            order=30,
            context="cvtheque.home:panel_context",
            changes_with=("cvtheque.JobOffer", "community.Membership", "community.Structure"),
        ),
    )
