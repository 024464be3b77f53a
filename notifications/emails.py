"""Notification emails (immediate ones; the daily digest is a management command)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone

from notifications.models import Notification


def send_immediate_emails(notification_ids: list[int]) -> int:
    sent = 0
    pending = Notification.objects.filter(
        pk__in=notification_ids, emailed_at__isnull=True
    ).select_related("recipient")
    for notification in pending:
        context = {"notification": notification, "site_url": settings.SITE_URL}
        text = render_to_string("notifications/email/immediate.txt", context)
        html = render_to_string("notifications/email/immediate.html", context)
        message = EmailMultiAlternatives(
            subject=f"[{settings.SITE_NAME}] {notification.title}",
            body=text,
            to=[notification.recipient.email],
        )
        message.attach_alternative(html, "text/html")
        message.send()
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent
