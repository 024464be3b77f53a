"""Notification emails: one per notification for "immediate" kinds, one digest for the rest.

Both are written to the outbox (notifications/mail.py) in the transaction that decides them."""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import Count
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from community import selectors
from community.middleware import language_of
from notifications import mail
from notifications.kinds import KINDS, Delivery, Kind
from notifications.mail import absolute
from notifications.models import (
    DigestSubscription,
    Notification,
    NotificationPreference,
    OutgoingEmail,
)
from notifications.rendering import lines

logger = logging.getLogger(__name__)

# A digest lists at most this many items, then says how many more wait on the site.
DIGEST_MAX_ITEMS = 50
UNSUBSCRIBE_SALT = "notifications.digest-unsubscribe"


def _context(user, **extra) -> dict:
    return {
        "user": user,
        "SITE_NAME": settings.SITE_NAME,
        "ASSOCIATION_NAME": settings.ASSOCIATION_NAME,
        "center_url": absolute(reverse("notifications:center")),
        "preferences_url": absolute(reverse("notifications:preferences")),
        **extra,
    }


def _render(template: str, context: dict) -> tuple[str, str]:
    """The text body, and the HTML one when the template has an .html twin."""
    text = render_to_string(f"{template}.txt", context)
    try:
        html = render_to_string(f"{template}.html", context)
    except TemplateDoesNotExist:
        html = ""
    return text, html


def notification_email(
    *,
    user,
    kind: Kind,
    title: str,
    link: str,
    target=None,
    params: dict | None = None,
    attachments=(),
    reply_to: str = "",
) -> OutgoingEmail:
    """The email of one notification for one person, from the kind's template (not saved)."""
    params = params or {}
    with translation.override(language_of(user)):
        # The params first: a param named like a context entry (a training's "title") is
        # still in `params`, and the template's `title` is the notification's.
        context = _context(
            user,
            **{
                **params,
                "title": title,
                "kind": kind.key,
                "kind_label": kind.label,
                "transactional": kind.transactional,
                "link": link,
                "target": target,
                "params": params,
            },
        )
        text, html = _render(kind.email_template, context)
    return mail.build(
        to=user.email,
        subject=title,
        text=text,
        html=html,
        attachments=attachments,
        reply_to=reply_to,
    )


def period_key(frequency: str, now) -> str:
    """The digest period `now` falls in: the day, or the ISO week."""
    day = timezone.localdate(now)
    if frequency == DigestSubscription.Frequency.DAILY:
        return day.isoformat()
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def _period_start(frequency: str, now):
    day = timezone.localdate(now)
    if frequency != DigestSubscription.Frequency.DAILY:
        day -= datetime.timedelta(days=day.weekday())
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def send_digests(*, now=None) -> int:
    """One digest per member and period (a day, or a week: their choice, weekly by default),
    with what they get as a digest and have neither read on the site nor received by email;
    the items are then marked emailed. Run every day; safe to run twice (even at once)."""
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
    subscriptions = {
        sub.user_id: sub for sub in DigestSubscription.objects.filter(user_id__in=per_recipient)
    }
    users = get_user_model().objects.filter(pk__in=per_recipient).select_related("membership")
    sent = 0
    for user in users:
        subscription = subscriptions.get(user.pk) or DigestSubscription(user=user)
        if not selectors.is_current(user) or subscription.frequency == "never":
            continue  # suspended or lapsed: the site tells them nothing more
        period = period_key(subscription.frequency, now)
        if subscription.last_period == period:
            continue
        try:
            if _send_digest(user, per_recipient[user.pk], now=now, period=period):
                sent += 1
        except Exception:  # one bad address must not stop the others' digests
            logger.exception("digest to user %s failed", user.pk)
    return sent


@transaction.atomic
def _send_digest(user, notification_ids: list[int], *, now, period: str) -> bool:
    # The member's row, locked: two runs at once send one digest for the period.
    DigestSubscription.objects.bulk_create([DigestSubscription(user=user)], ignore_conflicts=True)
    subscription = DigestSubscription.objects.select_for_update().get(user=user)
    if subscription.last_period == period or subscription.frequency == "never":
        return False
    items = list(
        Notification.objects.select_for_update(of=("self",))
        .select_related("actor")
        .filter(pk__in=notification_ids, emailed_at__isnull=True, read_at__isnull=True)
        .order_by("-created_at", "-id")
    )
    if not items:
        return False
    Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=now)
    subscription.last_period = period
    subscription.save(update_fields=["last_period"])
    unsubscribe_url = absolute(reverse("notifications:unsubscribe", args=[unsubscribe_token(user)]))
    with translation.override(language_of(user)):
        weekly = subscription.frequency == DigestSubscription.Frequency.WEEKLY
        areas = _areas(items[:DIGEST_MAX_ITEMS])
        context = _context(
            user,
            areas=areas,
            more=max(0, len(items) - DIGEST_MAX_ITEMS),
            total=len(items),
            weekly=weekly,
            network=_network(_period_start(subscription.frequency, now)),
            unsubscribe_url=unsubscribe_url,
        )
        if weekly:
            subject = ngettext(
                "Votre résumé de la semaine : %(count)d notification",
                "Votre résumé de la semaine : %(count)d notifications",
                len(items),
            ) % {"count": len(items)}
        else:
            subject = ngettext(
                "Votre résumé du jour : %(count)d notification",
                "Votre résumé du jour : %(count)d notifications",
                len(items),
            ) % {"count": len(items)}
        text, html = _render("notifications/email/digest", context)
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    mail.queue([mail.build(to=user.email, subject=subject, text=text, html=html, headers=headers)])
    return True


def _areas(items) -> list[tuple[str, list]]:
    """The digest's lines (several notifications about one target make one), by area."""
    areas: dict[str, list] = {}
    for line in lines(items):
        line.link = absolute(reverse("notifications:open", args=[line.first.pk]))
        areas.setdefault(str(KINDS[line.first.kind].group), []).append(line)
    return list(areas.items())


def _network(since) -> list[str]:
    """What happened in the whole network since `since`: one line per counted kind."""
    counted = {key: kind for key, kind in KINDS.items() if kind.network_summary}
    rows = (
        Notification.objects.filter(kind__in=list(counted), created_at__gte=since)
        .values("kind")
        .annotate(n=Count("target_id", distinct=True))
        .order_by("kind")
    )
    return [counted[row["kind"]].network_summary % {"count": row["n"]} for row in rows]


def unsubscribe_token(user) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_for_unsubscribe(token: str):
    """The member a digest's unsubscribe link was made for, or None if the link is not ours."""
    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=user_id).first()
