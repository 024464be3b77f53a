"""Mail never blocks a page and is never lost: the outbox and its worker, against a real SMTP
server started by the test (stopped while the notifications are made, started again after)."""

import datetime
import logging
import socket

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from notifications.models import NotificationPreference, OutgoingEmail
from notifications.services import notify
from tests.smtp_sink import SmtpSink

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """Real SMTP through Django's backend to a sink on loopback; nothing sent at commit."""
    port = _free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.OUTBOX_SEND_AT_ONCE = False
    sink = SmtpSink(port)
    yield sink
    sink.stop()


def _immediate(*people):
    for person in people:
        NotificationPreference.objects.create(user=person, kind="test_reply", delivery="immediate")


def test_emails_wait_while_the_server_is_down_and_leave_once_when_it_is_back(
    smtp, member, other_member, django_capture_on_commit_callbacks, caplog
):
    _immediate(member, other_member)
    with django_capture_on_commit_callbacks(execute=True):  # the page's commit sends nothing
        notify([member, other_member], "test_reply", title="Réponse de Jeanne", url="/forum/")
        notify([member], "test_reply", title="Réponse de Paul", url="/forum/")
    assert OutgoingEmail.objects.filter(sent_at__isnull=True).count() == 3

    with caplog.at_level(logging.WARNING, logger="notifications.mail"):
        call_command("send_outbox", verbosity=0)  # the server is down: each row waits
    assert smtp.messages == []
    rows = list(OutgoingEmail.objects.all())
    assert {(r.attempts, r.sent_at) for r in rows} == {(1, None)}
    assert all(r.next_attempt_at > timezone.now() for r in rows)
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 3

    smtp.start()
    call_command("send_outbox", verbosity=0)  # not due yet: the backoff is respected
    assert smtp.messages == []

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=2)):
        call_command("send_outbox", verbosity=0)
        call_command("send_outbox", verbosity=0)  # a second pass finds nothing to send

    received = sorted((to[0], message["Subject"]) for to, message in smtp.messages)
    assert received == sorted(
        [
            (member.email, "[Cimaise] Réponse de Jeanne"),
            (other_member.email, "[Cimaise] Réponse de Jeanne"),
            (member.email, "[Cimaise] Réponse de Paul"),
        ]
    )
    assert not OutgoingEmail.objects.filter(sent_at__isnull=True).exists()


def test_a_refused_address_is_given_up_and_the_others_still_leave(
    smtp, member, other_member, django_capture_on_commit_callbacks, caplog
):
    smtp.refuse = {member.email}
    smtp.start()
    _immediate(member, other_member)
    with django_capture_on_commit_callbacks(execute=True):
        notify([member, other_member], "test_reply", title="Réponse", url="/forum/")

    with caplog.at_level(logging.WARNING, logger="notifications.mail"):
        call_command("send_outbox", verbosity=0)

    assert [to for to, _message in smtp.messages] == [[other_member.email]]
    refused = OutgoingEmail.objects.get(to=member.email)
    assert refused.failed_at is not None and "550" in refused.last_error
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and member.email in errors[0].getMessage()


@pytest.mark.usefixtures("smtp")  # never started: every attempt fails
def test_the_retry_delay_doubles_up_to_an_hour(member, django_capture_on_commit_callbacks):
    _immediate(member)
    with django_capture_on_commit_callbacks(execute=True):
        notify([member], "test_reply", title="Réponse", url="/forum/")
    start = timezone.now()
    delays = []
    with time_machine.travel(start, tick=False) as clock:
        for _ in range(8):
            call_command("send_outbox", verbosity=0)
            row = OutgoingEmail.objects.get()
            delays.append(round((row.next_attempt_at - timezone.now()).total_seconds() / 60))
            clock.move_to(row.next_attempt_at)
    assert delays == [1, 2, 4, 8, 16, 32, 60, 60]
