"""Emails the association sends about a membership: decisions and renewal reminders."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from community.models import Membership

SUBJECTS = {
    "approved": lambda _m: _("Votre adhésion est acceptée"),
    "rejected": lambda _m: _("Votre demande d'adhésion"),
    "suspended": lambda _m: _("Votre adhésion est suspendue"),
    "renewed": lambda _m: _("Votre adhésion est renouvelée"),
    "reminder": lambda _m: _("Votre adhésion arrive à échéance"),
}

LINKS = {
    "approved": "community:home",
    "rejected": "community:apply",
    "suspended": "community:legal",
    "renewed": "community:home",
    "reminder": "community:renew",
}


def send_membership_email(membership: Membership, event: str, **extra) -> None:
    """One email (text + HTML, in French) telling the person what happened to their membership."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "membership": membership,
            "user": membership.user,
            "event": event,
            "link": settings.SITE_URL.rstrip("/") + reverse(LINKS[event]),
            "SITE_NAME": settings.SITE_NAME,
            "ASSOCIATION_NAME": settings.ASSOCIATION_NAME,
            **extra,
        }
        subject = f"[{settings.SITE_NAME}] {SUBJECTS[event](membership)}"
        text = render_to_string("community/emails/membership.txt", context)
        html = render_to_string("community/emails/membership.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[membership.user.email])
    message.attach_alternative(html, "text/html")
    message.send()
