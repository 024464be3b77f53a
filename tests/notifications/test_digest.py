"""The daily digest: one email per member with what they have not read, never twice."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from notifications.kinds import Delivery
from notifications.models import Notification, NotificationPreference
from notifications.services import notify

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _digest():
    """The digest queues its emails in the outbox; the worker sends them (as cron does)."""
    call_command("send_notification_digest", verbosity=0)
    call_command("send_outbox", verbosity=0)


def test_one_digest_per_member_with_their_unread_items(member, other_member):
    notify([member, other_member], "test_daily", title="Nouveau document : charte de prêt")
    notify([member], "test_daily", title="Nouveau document : grille tarifaire")

    _digest()

    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, other_member.email])
    mine = next(m for m in mail.outbox if m.to == [member.email])
    assert "2 notifications" in mine.subject
    assert "charte de prêt" in mine.body and "grille tarifaire" in mine.body
    assert "/ouvrir/" in mine.body
    html = mine.alternatives[0][0]
    assert "charte de prêt" in html and "<ul" in html
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_running_it_twice_sends_nothing_twice(member):
    monday = datetime.datetime(2026, 11, 23, 7, 0, tzinfo=PARIS)
    with time_machine.travel(monday, tick=False) as clock:
        notify([member], "test_daily", title="Nouveau document")

        _digest()
        _digest()
        notify([member], "test_daily", title="Un autre document")
        clock.move_to(monday + datetime.timedelta(days=3))
        _digest()  # the same week: the weekly digest has gone already

        assert len(mail.outbox) == 1
        clock.move_to(monday + datetime.timedelta(days=7))
        _digest()

    assert len(mail.outbox) == 2
    assert "Un autre document" in mail.outbox[1].body
    assert "Nouveau document" not in mail.outbox[1].body


def test_only_kinds_set_to_digest_and_unread_items_are_included(member):
    NotificationPreference.objects.create(user=member, kind="test_reply", delivery=Delivery.DIGEST)
    NotificationPreference.objects.create(user=member, kind="test_daily", delivery=Delivery.IN_APP)
    notify([member], "test_reply", title="Réponse à résumer")
    notify([member], "test_daily", title="Document sur le site seulement")
    read = notify([member], "test_reply", title="Réponse déjà lue")[0]
    Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())

    _digest()

    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Réponse à résumer" in body
    assert "Document sur le site seulement" not in body
    assert "Réponse déjà lue" not in body


def test_nothing_to_tell_sends_nothing(member):
    notify([member], "test_reply", title="Sur le site seulement")

    _digest()

    assert mail.outbox == []


def test_suspended_members_get_no_digest(suspended):
    notify([suspended], "test_daily", title="Nouveau document")

    _digest()

    assert mail.outbox == []
