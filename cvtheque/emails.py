"""Emails of the CV library: contacts, replies and expiry reminders (plain text, in French)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def absolute(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url


def send_cv_email(*, to: str, subject: str, template: str, context: dict, reply_to=None) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            f"cvtheque/emails/{template}.txt",
            {"SITE_NAME": settings.SITE_NAME, "ASSOCIATION_NAME": settings.ASSOCIATION_NAME}
            | context,
        )
    EmailMessage(
        subject=f"[{settings.SITE_NAME}] {subject}",
        body=body,
        to=[to],
        reply_to=reply_to or None,
    ).send()
