"""The one way Cimaise sends email: rows queued in the outbox, sent and retried by a worker.

`queue()` writes the rows in the caller's transaction (a rollback sends nothing, a commit
loses nothing). `send_due()` sends what is due; `manage.py send_outbox` runs it (every minute
from cron, or `--loop` as a service). With OUTBOX_SEND_AT_ONCE (the default with the console
and locmem backends: `make run`, tests), the rows just queued are also sent right after commit.
"""

import base64
import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone

from notifications.models import OutgoingEmail

logger = logging.getLogger(__name__)

# Retries wait 1, 2, 4… minutes, at most an hour; after this many attempts the row is given up.
MAX_ATTEMPTS = 30
FIRST_DELAY = datetime.timedelta(minutes=1)
LONGEST_DELAY = datetime.timedelta(hours=1)


def absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL.rstrip("/") + url


def build(
    *,
    to: str,
    subject: str,
    text: str,
    html: str = "",
    attachments=(),
    reply_to: str = "",
    headers: dict | None = None,
) -> OutgoingEmail:
    """One outbox row, not saved: `attachments` are (filename, content, mimetype)."""
    return OutgoingEmail(
        to=to,
        subject=f"[{settings.SITE_NAME}] {subject}"[:400],
        body=text,
        html=html,
        reply_to=reply_to,
        headers=headers or {},
        attachments=[
            {
                "filename": filename,
                "content": base64.b64encode(
                    content.encode() if isinstance(content, str) else content
                ).decode(),
                "mimetype": mimetype,
            }
            for filename, content, mimetype in attachments
        ],
    )


def queue(emails: list[OutgoingEmail]) -> list[OutgoingEmail]:
    """Store the emails in the current transaction; sent by the worker (or at once, see above)."""
    emails = [email for email in emails if email.to]
    if not emails:
        return []
    now = timezone.now()
    for email in emails:
        email.created_at = email.next_attempt_at = now
    created = OutgoingEmail.objects.bulk_create(emails)
    if settings.OUTBOX_SEND_AT_ONCE:
        ids = [email.pk for email in created]
        transaction.on_commit(lambda: send_due(ids=ids), robust=True)
    return created


def as_message(row: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body,
        to=[row.to],
        reply_to=[row.reply_to] if row.reply_to else None,
        headers=row.headers or None,
    )
    if row.html:
        message.attach_alternative(row.html, "text/html")
    for attachment in row.attachments:
        message.attach(
            attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"]
        )
    return message


def send_due(*, ids: list[int] | None = None, now=None, limit: int | None = None) -> int:
    """Send the due rows (only `ids` if given), one transaction each; returns how many left."""
    sent = 0
    tried: set[int] = set()
    connection = get_connection()
    try:
        while limit is None or len(tried) < limit:
            outcome = _send_next(connection, ids=ids, exclude=tried, now=now)
            if outcome is None:
                break
            pk, ok = outcome
            tried.add(pk)
            sent += ok
    finally:
        connection.close()
    return sent


def _send_next(connection, *, ids, exclude, now) -> tuple[int, bool] | None:
    """Claim one due row under a row lock (others skip it), send it, record the outcome."""
    now = now or timezone.now()
    with transaction.atomic():
        due = OutgoingEmail.objects.filter(
            sent_at__isnull=True, failed_at__isnull=True, next_attempt_at__lte=now
        ).exclude(pk__in=exclude)
        if ids is not None:
            due = due.filter(pk__in=ids)
        row = due.select_for_update(skip_locked=True).order_by("next_attempt_at", "pk").first()
        if row is None:
            return None
        try:
            connection.send_messages([as_message(row)])
        except Exception as error:  # recorded on the row and retried later
            if _record_failure(row, error, now):
                logger.error("email %s to %s given up", row.pk, row.to, exc_info=True)
            else:
                logger.warning(
                    "email %s to %s failed, retried later", row.pk, row.to, exc_info=True
                )
            connection.close()
            return row.pk, False
        OutgoingEmail.objects.filter(pk=row.pk).update(sent_at=timezone.now(), last_error="")
    return row.pk, True


def _record_failure(row: OutgoingEmail, error: Exception, now) -> bool:
    """Count the attempt and set the next one; True when the row is given up."""
    attempts = row.attempts + 1
    refused = isinstance(error, smtplib.SMTPRecipientsRefused)
    gave_up = refused or attempts >= MAX_ATTEMPTS
    delay = min(FIRST_DELAY * 2 ** min(attempts - 1, 10), LONGEST_DELAY)
    OutgoingEmail.objects.filter(pk=row.pk).update(
        attempts=attempts,
        last_error=repr(error)[:2000],
        next_attempt_at=now + delay,
        failed_at=now if gave_up else None,
    )
    return gave_up
