"""Personal data of the notifications app: the notifications a person received and their preferences."""

from notifications.models import (
    DigestSubscription,
    Notification,
    NotificationPreference,
    OutgoingEmail,
)
from notifications.services import end_live_sessions


def export(user) -> dict:
    return {
        "data": {
            "notifications": [
                {
                    "kind": notification.kind,
                    "title": notification.title,
                    "url": notification.url,
                    "created_at": notification.created_at,
                    "read_at": notification.read_at,
                    "emailed_at": notification.emailed_at,
                }
                for notification in Notification.objects.filter(recipient=user).order_by(
                    "created_at", "pk"
                )
            ],
            "preferences": {
                preference.kind: preference.delivery
                for preference in NotificationPreference.objects.filter(user=user)
            },
            "digest_frequency": DigestSubscription.objects.filter(user=user)
            .values_list("frequency", flat=True)
            .first(),
        },
        "files": [],
    }


def erase(user) -> None:
    Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    DigestSubscription.objects.filter(user=user).delete()
    # Emails not sent yet to a closed account never leave; sent ones keep no copy of the address.
    OutgoingEmail.objects.filter(to=user.email).delete()
    # Other people's notifications no longer point at the person who caused them.
    Notification.objects.filter(actor=user).update(actor=None)
    # The account is closed in the same transaction: its open sockets close once it commits.
    end_live_sessions([user.pk])
