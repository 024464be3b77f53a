"""notify(): the one seam through which every capability tells members what concerns them."""

from collections.abc import Iterable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count

from notifications.kinds import Delivery, get_kind
from notifications.models import Notification, NotificationPreference


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

    `recipients` are users (or user ids). The actor is never notified of their own action.
    """
    kind_def = get_kind(kind)
    actor_id = getattr(actor, "pk", actor)
    recipient_ids = {getattr(r, "pk", r) for r in recipients} - {None, actor_id}
    if not recipient_ids:
        return []
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=recipient_ids, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    deliveries = {uid: chosen.get(uid, kind_def.default_delivery) for uid in recipient_ids}
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    rows = [
        Notification(
            recipient_id=uid,
            kind=kind,
            actor_id=actor_id,
            target_type=target_type,
            target_id=str(target.pk) if target is not None else "",
            title=str(title)[:300],
            url=url,
        )
        for uid, delivery in sorted(deliveries.items())
        if delivery != Delivery.OFF
    ]
    created = Notification.objects.bulk_create(rows)
    immediate_ids = [
        n.pk for n in created if deliveries[n.recipient_id] == Delivery.IMMEDIATE and n.pk
    ]
    transaction.on_commit(lambda: _after_commit(created, immediate_ids))
    return created


def _after_commit(created: list[Notification], immediate_ids: list[int]) -> None:
    push(created)
    if immediate_ids:
        from notifications.emails import send_immediate_emails

        send_immediate_emails(immediate_ids)


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
    layer = get_channel_layer()
    if layer is None:
        return
    counts = unread_counts({n.recipient_id for n in notifications})
    for notification in notifications:
        message = {
            "type": "notification.message",
            "notification": notification.as_message(),
            "unread_count": counts.get(notification.recipient_id, 0),
        }
        try:
            async_to_sync(layer.group_send)(user_group(notification.recipient_id), message)
        except Exception:  # the channel layer is down: the rows are stored, the client catches up
            import logging

            logging.getLogger(__name__).warning("live push failed", exc_info=True)
