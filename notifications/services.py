"""notify(): the one seam through which every capability tells members what concerns them."""

import asyncio
import json
import logging
from collections.abc import Iterable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from community import selectors
from notifications import mail
from notifications.kinds import Delivery, Kind, get_kind, preference_kinds
from notifications.mail import absolute
from notifications.models import DigestSubscription, Notification, NotificationPreference

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
    params: dict | None = None,
    reply_to: str = "",
) -> list[Notification]:
    """Tell recipients of an event: store one notification per recipient who wants it, queue the
    emails of those who want them now, push the rows live after commit. Nothing else sends mail
    about an event.

    `recipients` are users (or user ids). The actor is never notified of their own action, and
    recipients who are no longer current members (suspended, refused, lapsed past the grace
    period, account closed) are skipped: the same rule as the members-only gate and the socket.
    A transactional kind is emailed to every recipient with an active account whatever their
    preferences (a refusal reaches the person refused); only current members get the row.
    `params` are what the templates need (plain data, kept on the row); `reply_to` is the
    address the email answers to. The rows and the emails are written in the caller's
    transaction: a rollback tells no one. Queries: the recipients with their membership and
    preference, one insert per delivery group, and the outbox insert when someone gets an email.
    """
    kind_def = get_kind(kind)
    actor_id = getattr(actor, "pk", actor)
    recipient_ids = {getattr(r, "pk", r) for r in recipients} - {None, actor_id}
    if not recipient_ids:
        return []
    people = {person.pk: person for person in _recipients(recipient_ids, kind)}
    deliveries = {}
    for person in people.values():
        if selectors.is_current(person):
            chosen = person.chosen_delivery or kind_def.default_delivery
            deliveries[person.pk] = Delivery.IMMEDIATE if kind_def.transactional else chosen
        elif kind_def.transactional and person.is_active:
            deliveries[person.pk] = None  # emailed, no row: they no longer read the site
    now = timezone.now()
    values = {
        "kind": kind,
        "actor_id": actor_id,
        "target_type_id": (
            ContentType.objects.get_for_model(target).pk if target is not None else None
        ),
        "target_id": str(target.pk) if target is not None else "",
        "title": str(title)[:300],
        "url": str(url)[:500],
        # As stored (dates become ISO strings), so the live push carries plain JSON too.
        "params": json.loads(json.dumps(params or {}, cls=DjangoJSONEncoder)),
        "created_at": now,
        "emailed_at": None,
    }
    immediate = sorted(uid for uid, d in deliveries.items() if d == Delivery.IMMEDIATE)
    quiet = sorted(uid for uid, d in deliveries.items() if d in (Delivery.IN_APP, Delivery.DIGEST))
    with transaction.atomic(savepoint=False):
        created = _insert(immediate, {**values, "emailed_at": now}) if immediate else []
        created += _insert(quiet, values) if quiet else []
        emailed = [uid for uid, d in deliveries.items() if d in (Delivery.IMMEDIATE, None)]
        if emailed:
            rows = {n.recipient_id: n for n in created}
            _queue_emails(
                [people[uid] for uid in sorted(emailed)],
                rows,
                kind_def,
                target=target,
                title=str(title),
                url=str(url),
                params=params or {},
                reply_to=reply_to,
            )
    created.sort(key=lambda n: n.recipient_id)
    # A failing channel layer must not stop anything else after the commit.
    if created:
        transaction.on_commit(lambda: push(created), robust=True)
    return created


def _recipients(recipient_ids: set[int], kind: str):
    # The rows are read again rather than trusting the objects passed in: the membership may have
    # changed since the caller loaded them (in this very transaction, for a decision).
    chosen = NotificationPreference.objects.filter(user=OuterRef("pk"), kind=kind).values(
        "delivery"
    )[:1]
    return (
        get_user_model()
        .objects.filter(pk__in=recipient_ids)
        .select_related("membership")
        .annotate(chosen_delivery=Subquery(chosen))
        .order_by()
    )


def _queue_emails(people, rows: dict, kind: Kind, *, target, title, url, params, reply_to):
    """One outbox row per person; the link opens the notification (marking it read) when there
    is one, else the page itself."""
    from notifications.emails import notification_email

    attachments = kind.attachments_for(target)
    mail.queue(
        [
            notification_email(
                user=person,
                kind=kind,
                title=title,
                link=absolute(
                    reverse("notifications:open", args=[rows[person.pk].pk])
                    if person.pk in rows
                    else url
                ),
                target=target,
                params=params,
                attachments=attachments,
                reply_to=reply_to,
            )
            for person in people
            if person.email
        ]
    )


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
        for name in (
            "kind",
            "actor",
            "target_type",
            "target_id",
            "title",
            "url",
            "params",
            "created_at",
            "emailed_at",
        )
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
    for pk, recipient_id in rows:
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
                    # The socket renders the title again in its reader's language.
                    "render": {"kind": n.kind, "params": n.params, "stored": n.title},
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
    """Read this notification and the others of its line (same kind, same target): opening
    "3 new replies to …" reads the three."""
    now = timezone.now()
    same_line = Notification.objects.filter(recipient_id=notification.recipient_id)
    if notification.target_id:
        same_line = same_line.filter(
            kind=notification.kind,
            target_type_id=notification.target_type_id,
            target_id=notification.target_id,
        )
    else:
        same_line = same_line.filter(pk=notification.pk)
    marked = same_line.filter(read_at__isnull=True).update(read_at=now)
    if notification.read_at is None:
        notification.read_at = now
    if marked:
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
    return {key: chosen.get(key, kind.default_delivery) for key, kind in preference_kinds().items()}


@transaction.atomic
def set_preferences(*, user, deliveries: dict[str, str]) -> None:
    """Store the member's choices; a choice equal to the kind's default is not stored, so a
    later change of default reaches everyone who never chose."""
    for key, delivery in deliveries.items():
        if get_kind(key).transactional:
            raise ValueError(f"{key!r} is always emailed: it has no preference")
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


def digest_frequency_of(user) -> str:
    subscription = DigestSubscription.objects.filter(user=user).first()
    return subscription.frequency if subscription else DigestSubscription.Frequency.WEEKLY


def set_digest_frequency(*, user, frequency: str) -> None:
    if frequency not in DigestSubscription.Frequency.values:
        raise ValueError(f"Unknown digest frequency {frequency!r}")
    DigestSubscription.objects.update_or_create(user=user, defaults={"frequency": frequency})
