"""Two servers run the same periodic command in the same minute (both crons fire): on
PostgreSQL each email still leaves once, whether queued by a job or sent by the outbox worker."""

import datetime
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connections
from django.utils import timezone

from community.models import Membership
from notifications.models import NotificationPreference, OutgoingEmail
from notifications.services import notify
from tests import factories

# Every periodic job of deploy/cimaise.cron (backups aside), then the worker that sends.
COMMANDS = [
    "expire_memberships",
    "close_expired_offers",
    "purge_expired_cvs",
    "send_cv_expiry_reminders",
    "documents_gc",
    "clearsessions",
    "send_notification_digest",
    "send_training_reminders",
]


def _twice_at_once(command: str) -> None:
    def run(_n):
        try:
            call_command(command, verbosity=0)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(run, range(2)))  # re-raises an error of either run


def _something_to_tell_by_each_job():
    today = timezone.localdate()
    renewing = factories.make_member(valid_until=today + datetime.timedelta(days=5))
    factories.MembershipFactory(
        status=Membership.Status.ACTIVE, valid_until=today - datetime.timedelta(days=2)
    )
    candidate = factories.CandidateProfileFactory(expires_on=today + datetime.timedelta(days=5))
    registration = factories.RegistrationFactory(
        training=factories.TrainingFactory(
            starts_at=timezone.now() + datetime.timedelta(days=1),
            ends_at=timezone.now() + datetime.timedelta(days=1, hours=3),
            registration_closes_at=timezone.now() + datetime.timedelta(hours=12),
        )
    )
    reader = factories.make_member()
    NotificationPreference.objects.create(user=reader, kind="forum_reply", delivery="digest")
    notify([reader], "forum_reply", title="Nouvelle réponse à « Prêt »", url="/forum/")
    return {
        renewing.email: "renewal",
        candidate.user.email: "cv expiry",
        registration.member.email: "training reminder",
        reader.email: "digest",
    }


@pytest.mark.django_db(transaction=True)
def test_each_periodic_command_run_twice_at_once_sends_each_email_once(settings):
    settings.OUTBOX_SEND_AT_ONCE = False  # as in production: only the worker sends
    expected = _something_to_tell_by_each_job()

    for command in COMMANDS:
        _twice_at_once(command)
    once_each = Counter(list(expected))  # {address: 1} for each person who has something to hear
    queued = Counter(OutgoingEmail.objects.values_list("to", flat=True))
    assert queued == once_each, queued

    _twice_at_once("send_outbox")
    _twice_at_once("send_outbox")

    sent = Counter(message.to[0] for message in mail.outbox)
    assert sent == once_each, sent
    assert not OutgoingEmail.objects.filter(sent_at__isnull=True).exists()
