"""Emails about trainings: confirmation (with the .ics), waiting list, promotion, changes, reminders."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from trainings.ical import calendar_for
from trainings.models import PARIS, Registration, Training

logger = logging.getLogger(__name__)

SUBJECTS = {
    "confirmed": gettext_lazy("Inscription confirmée : %(title)s"),
    "waitlisted": gettext_lazy("Liste d'attente : %(title)s"),
    "promoted": gettext_lazy("Une place s'est libérée : %(title)s"),
    "changed": gettext_lazy("Modification : %(title)s"),
    "cancelled": gettext_lazy("Annulation : %(title)s"),
    "reminder": gettext_lazy("Rappel : %(title)s dans deux jours"),
}

INTROS = {
    "confirmed": gettext_lazy("Votre inscription est confirmée."),
    "waitlisted": gettext_lazy(
        "La formation est complète : vous êtes en liste d'attente. "
        "Nous vous écrirons si une place se libère."
    ),
    "promoted": gettext_lazy(
        "Une place s'est libérée : votre inscription est maintenant confirmée."
    ),
    "changed": gettext_lazy(
        "La date ou le lieu de cette formation a changé. Voici les nouvelles informations."
    ),
    "cancelled": gettext_lazy("Cette formation est annulée. Nous vous prions de nous en excuser."),
    "reminder": gettext_lazy(
        "Pour rappel, vous êtes inscrit·e à cette formation qui a lieu dans deux jours."
    ),
}


def when_label(training: Training) -> str:
    start = timezone.localtime(training.starts_at, PARIS)
    end = timezone.localtime(training.ends_at, PARIS)
    if start.date() == end.date():
        return _("le %(date)s de %(start)s à %(end)s") % {
            "date": formats.date_format(start, "l j F Y"),
            "start": formats.time_format(start, "H:i"),
            "end": formats.time_format(end, "H:i"),
        }
    return _("du %(start)s au %(end)s") % {
        "start": formats.date_format(start, "l j F Y H:i"),
        "end": formats.date_format(end, "l j F Y H:i"),
    }


def _body(training: Training, what: str) -> str:
    lines = [
        str(INTROS[what]),
        "",
        training.title,
        when_label(training),
    ]
    if training.place_label():
        lines.append(_("Lieu : %(place)s") % {"place": training.place_label()})
    if training.online_url:
        lines.append(_("En ligne : %(url)s") % {"url": training.online_url})
    lines += [
        "",
        f"{settings.SITE_URL.rstrip('/')}{training.get_absolute_url()}",
        "",
        settings.ASSOCIATION_NAME,
    ]
    return "\n".join(lines)


def send_training_email(training: Training, members, what: str) -> int:
    """One email per member; the confirmation and promotion carry the training's .ics."""
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + str(SUBJECTS[what]) % {
        "title": training.title
    }
    body = _body(training, what)
    attach = what in ("confirmed", "promoted", "changed", "reminder")
    ics = calendar_for([training]) if attach else None
    sent = 0
    for member in members:
        if not member.email:
            continue
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [member.email])
        if ics:
            message.attach(f"formation-{training.pk}.ics", ics, "text/calendar")
        try:
            sent += message.send()
        except Exception:  # one refused address must not stop the others' emails
            # The registration is saved and the site shows it; the lost email must be seen.
            logger.warning(
                "training email %r for training %s to user %s failed",
                what,
                training.pk,
                member.pk,
                exc_info=True,
            )
    return sent


def send_registration_email(registration: Registration, what: str) -> int:
    return send_training_email(registration.training, [registration.member], what)
