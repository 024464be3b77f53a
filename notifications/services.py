"""notify(): the one seam through which every capability tells members what concerns them."""

import asyncio
import logging
from collections.abc import Iterable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from community import selectors
from notifications.kinds import KINDS, Delivery, get_kind
from notifications.models import Notification, NotificationPreference

logger = logging.getLogger(__name__)

# Recipients per INSERT: far below the parameter limits of SQLite (32766) and PostgreSQL.
INSERT_CHUNK = 5000


def user_group(user_id: int) -> str:
    return f"user-{user_id}"


def notify(
    recipients: Iterable,
    kind: str,
    *,
    actor=None,
    target=None,
    title: str,
    url: str = "",
) -> list[Notification]:
    """Store one notification per recipient who wants it, push them live after commit.

    `recipients` are users (or user ids). The actor is never notified of their own action, and
    recipients who are no longer current members (suspended, refused, lapsed past the grace
    period, account closed) are skipped: the same rule as the members-only gate and the socket.
    Two queries whatever the number of recipients: the recipients with their membership and
    preference, then one insert.
    """
    kind_def = get_kind(kind)
    actor_id = getattr(actor, "pk", actor)
    recipient_ids = {getattr(r, "pk", r) for r in recipients} - {None, actor_id}
    if not recipient_ids:
        return []
    # The rows are read again rather than trusting the objects passed in: the membership may have
    # changed since the caller loaded them (in this very transaction, for a decision).
    chosen = NotificationPreference.objects.filter(user=OuterRef("pk"), kind=kind).values(
        "delivery"
    )[:1]
    people = (
        get_user_model()
        .objects.filter(pk__in=recipient_ids)
        .select_related("membership")
        .annotate(chosen_delivery=Subquery(chosen))
        .order_by()
    )
    deliveries = {
        person.pk: person.chosen_delivery or kind_def.default_delivery
        for person in people
        if selectors.is_current(person)
    }
    wanted = sorted(uid for uid, delivery in deliveries.items() if delivery != Delivery.OFF)
    if not wanted:
        return []
    values = {
        "kind": kind,
        "actor_id": actor_id,
        "target_type_id": (
            ContentType.objects.get_for_model(target).pk if target is not None else None
        ),
        "target_id": str(target.pk) if target is not None else "",
        "title": str(title)[:300],
        "url": str(url)[:500],
        "created_at": timezone.now(),
    }
    created = _insert(wanted, values)
    immediate_ids = [n.pk for n in created if deliveries[n.recipient_id] == Delivery.IMMEDIATE]
    # Separate callbacks: a failing mail server must not stop the live push, nor the reverse.
    transaction.on_commit(lambda: push(created), robust=True)
    if immediate_ids:
        transaction.on_commit(lambda: _send_immediate(immediate_ids), robust=True)
    return created


def _send_immediate(notification_ids: list[int]) -> None:
    from notifications.emails import send_immediate_emails

    send_immediate_emails(notification_ids)


def _insert(recipient_ids: list[int], values: dict) -> list[Notification]:
    """One `INSERT … SELECT … RETURNING` for all recipients.

    `bulk_create()` splits rows in batches of 999 parameters on SQLite (a few dozen rows
    here), which would make the number of queries grow with the number of recipients.
    Only the recipient differs from row to row, so the rows are selected from the user table.
    """
    if connection.vendor not in ("sqlite", "postgresql"):
        return Notification.objects.bulk_create(
            [Notification(recipient_id=uid, **values) for uid in recipient_ids]
        )
    meta = Notification._meta
    quote = connection.ops.quote_name
    user_meta = get_user_model()._meta
    fields = [
        meta.get_field(name)
        for name in ("kind", "actor", "target_type", "target_id", "title", "url", "created_at")
    ]
    columns = ", ".join(quote(f.column) for f in [meta.get_field("recipient"), *fields])
    constants = [f.get_db_prep_save(values[f.attname], connection) for f in fields]
    placeholders = ", ".join(["%s"] * len(fields))
    rows = []
    with connection.cursor() as cursor:
        for start in range(0, len(recipient_ids), INSERT_CHUNK):
            chunk = recipient_ids[start : start + INSERT_CHUNK]
            sql = (
                f"INSERT INTO {quote(meta.db_table)} ({columns}) "
                f"SELECT u.{quote(user_meta.pk.column)}, {placeholders} "
                f"FROM {quote(user_meta.db_table)} u "
                f"WHERE u.{quote(user_meta.pk.column)} IN ({', '.join(['%s'] * len(chunk))}) "
                f"RETURNING {quote(meta.pk.column)}, {quote(meta.get_field('recipient').column)}"
            )
            cursor.execute(sql, [*constants, *chunk])
            rows.extend(cursor.fetchall())
    created = []
    for pk, recipient_id in sorted(rows, key=lambda row: row[1]):
        notification = Notification(pk=pk, recipient_id=recipient_id, **values)
        notification._state.adding = False
        notification._state.db = connection.alias
        created.append(notification)
    return created


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def unread_counts(user_ids: Iterable[int]) -> dict[int, int]:
    counts = (
        Notification.objects.filter(recipient_id__in=list(user_ids), read_at__isnull=True)
        .values("recipient_id")
        .annotate(n=Count("id"))
    )
    return {row["recipient_id"]: row["n"] for row in counts}


def push(notifications: list[Notification]) -> None:
    """Send each stored notification to its recipient's group. A lost push loses nothing:
    the client rebuilds its state over HTTP on reconnect."""
    if not notifications:
        return
    counts = unread_counts({n.recipient_id for n in notifications})
    _send(
        [
            (
                user_group(n.recipient_id),
                {
                    "type": "notification.message",
                    "notification": n.as_message(),
                    "unread_count": counts.get(n.recipient_id, 0),
                },
            )
            for n in notifications
        ]
    )


def push_count(user_id: int) -> None:
    """Tell every open tab of this member their new unread count (after marking as read)."""
    count = unread_count(user_id)
    _send([(user_group(user_id), {"type": "unread.count", "unread_count": count})])


def end_live_sessions(user_ids: Iterable[int]) -> None:
    """After commit, tell these people's open sockets that their membership changed: each socket
    reads the membership again and closes unless the person is still a current member.

    Called by every decision that can end a membership (suspension, refusal, lapse, closed
    account). The socket decides with the one rule, so a staff member or a renewal made in the
    meantime keeps it open.
    """
    ids = sorted(set(user_ids))
    if ids:
        transaction.on_commit(
            lambda: _send([(user_group(uid), {"type": "membership.changed"}) for uid in ids]),
            robust=True,
        )


def _send(messages: list[tuple[str, dict]]) -> None:
    layer = get_channel_layer()
    if layer is None or not messages:
        return

    async def send_all():
        return await asyncio.gather(
            *(layer.group_send(group, message) for group, message in messages),
            return_exceptions=True,
        )

    try:
        results = async_to_sync(send_all)()
    except Exception:  # the rows are stored: the client catches up over HTTP
        logger.warning("live push failed", exc_info=True)
        return
    for result in results:
        if isinstance(result, Exception):
            logger.warning("live push failed: %r", result)


# -- reading and preferences ---------------------------------------------------------------


@transaction.atomic
def mark_read(notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
        recipient_id = notification.recipient_id
        transaction.on_commit(lambda: push_count(recipient_id), robust=True)
    return notification


@transaction.atomic
def mark_all_read(*, user) -> int:
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if marked:
        transaction.on_commit(lambda: push_count(user.pk), robust=True)
    return marked


def deliveries_of(user) -> dict[str, str]:
    """The delivery this member gets for each declared kind (their choice or the default)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {key: chosen.get(key, kind.default_delivery) for key, kind in KINDS.items()}


@transaction.atomic
def set_preferences(*, user, deliveries: dict[str, str]) -> None:
    """Store the member's choices; a choice equal to the kind's default is not stored, so a
    later change of default reaches everyone who never chose."""
    for key, delivery in deliveries.items():
        get_kind(key)
        if delivery not in Delivery.values:
            raise ValueError(f"Unknown delivery {delivery!r}")
    NotificationPreference.objects.filter(user=user, kind__in=list(deliveries)).delete()
    NotificationPreference.objects.bulk_create(
        [
            NotificationPreference(user=user, kind=key, delivery=delivery)
            for key, delivery in deliveries.items()
            if delivery != get_kind(key).default_delivery
        ]
    )
