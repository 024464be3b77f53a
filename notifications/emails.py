"""Notification emails: one per notification for "immediate" kinds, one daily digest for the rest."""

import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from community import selectors
from notifications.kinds import KINDS, Delivery
from notifications.models import Notification, NotificationPreference

logger = logging.getLogger(__name__)

# A digest lists at most this many items, then says how many more wait on the site.
DIGEST_MAX_ITEMS = 50


def absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL.rstrip("/") + url


def _context(user, **extra) -> dict:
    return {
        "user": user,
        "SITE_NAME": settings.SITE_NAME,
        "ASSOCIATION_NAME": settings.ASSOCIATION_NAME,
        "center_url": absolute(reverse("notifications:center")),
        "preferences_url": absolute(reverse("notifications:preferences")),
        **extra,
    }


def _send(user, subject: str, template: str, context: dict) -> None:
    text = render_to_string(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=f"[{settings.SITE_NAME}] {subject}", body=text, to=[user.email]
    )
    message.attach_alternative(html, "text/html")
    message.send()


def send_immediate_emails(notification_ids: list[int]) -> int:
    """Email each notification not emailed yet; each is marked so the digest skips it."""
    sent = 0
    pending = Notification.objects.filter(
        pk__in=notification_ids, emailed_at__isnull=True
    ).select_related("recipient")
    for notification in pending:
        try:
            sent += _send_immediate(notification)
        except Exception:  # one bad address must not stop the other emails
            logger.exception("notification email %s failed", notification.pk)
    return sent


@transaction.atomic
def _send_immediate(notification: Notification) -> int:
    # Claim the row first: two workers never send the same email; a failed send rolls it back.
    claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        kind = KINDS.get(notification.kind)
        context = _context(
            notification.recipient,
            notification=notification,
            kind_label=kind.label if kind else "",
            link=absolute(reverse("notifications:open", args=[notification.pk])),
        )
        _send(notification.recipient, notification.title, "immediate", context)
    return 1


def send_digests(*, now=None) -> int:
    """One email per member with their unread notifications, not emailed yet, whose kind they
    get in the daily digest; the items are then marked emailed. Safe to run twice."""
    now = now or timezone.now()
    pending = list(
        Notification.objects.filter(
            read_at__isnull=True, emailed_at__isnull=True, kind__in=list(KINDS)
        ).values_list("pk", "recipient_id", "kind")
    )
    if not pending:
        return 0
    recipient_ids = {recipient_id for _pk, recipient_id, _kind in pending}
    chosen = {
        (user_id, kind): delivery
        for user_id, kind, delivery in NotificationPreference.objects.filter(
            user_id__in=recipient_ids
        ).values_list("user_id", "kind", "delivery")
    }
    per_recipient = defaultdict(list)
    for pk, recipient_id, kind in pending:
        delivery = chosen.get((recipient_id, kind), KINDS[kind].default_delivery)
        if delivery == Delivery.DIGEST:
            per_recipient[recipient_id].append(pk)

    users = get_user_model().objects.filter(pk__in=per_recipient).select_related("membership")
    sent = 0
    for user in users:
        if not selectors.is_current(user):
            continue  # suspended or lapsed: the site tells them nothing more
        try:
            if _send_digest(user, per_recipient[user.pk], now=now):
                sent += 1
        except Exception:  # one bad address must not stop the others' digests
            logger.exception("digest to user %s failed", user.pk)
    return sent


@transaction.atomic
def _send_digest(user, notification_ids: list[int], *, now) -> bool:
    items = list(
        Notification.objects.select_for_update()
        .filter(pk__in=notification_ids, emailed_at__isnull=True, read_at__isnull=True)
        .order_by("-created_at", "-id")
    )
    if not items:
        return False
    Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=now)
    with translation.override(settings.LANGUAGE_CODE):
        shown = items[:DIGEST_MAX_ITEMS]
        for item in shown:
            item.link = absolute(reverse("notifications:open", args=[item.pk]))
            kind = KINDS.get(item.kind)
            item.kind_label = kind.label if kind else ""
        context = _context(user, items=shown, more=len(items) - len(shown), total=len(items))
        subject = ngettext(
            "Votre résumé du jour : %(count)d notification",
            "Votre résumé du jour : %(count)d notifications",
            len(items),
        ) % {"count": len(items)}
        _send(user, subject, "digest", context)
    # If sending raised, the transaction rolls back and the items wait for the next digest.
    return True
