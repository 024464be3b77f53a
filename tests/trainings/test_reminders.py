"""Reminders two days before: `manage.py send_training_reminders`, safe to run twice."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from notifications.models import Notification
from tests.factories import TrainingFactory, make_member
from trainings.models import Registration


@pytest.mark.usefixtures("db")
def test_reminders_go_once_to_confirmed_members_two_days_before(django_capture_on_commit_callbacks):
    soon = TrainingFactory(starts_at=timezone.now() + datetime.timedelta(days=1, hours=20))
    later = TrainingFactory(starts_at=timezone.now() + datetime.timedelta(days=5))
    confirmed, waiting, far = make_member(), make_member(), make_member()
    Registration.objects.create(training=soon, member=confirmed, status="confirmed")
    Registration.objects.create(training=soon, member=waiting, status="waitlisted")
    Registration.objects.create(training=later, member=far, status="confirmed")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_training_reminders", stdout=open("/dev/null", "w"))
    assert [m.to for m in mail.outbox] == [[confirmed.email]]
    assert "Rappel" in mail.outbox[0].subject
    assert Notification.objects.filter(kind="training_reminder").count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_training_reminders", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(kind="training_reminder").count() == 1


@pytest.mark.usefixtures("db")
def test_no_reminder_for_a_cancelled_training(django_capture_on_commit_callbacks):
    training = TrainingFactory(
        status="cancelled", starts_at=timezone.now() + datetime.timedelta(days=1)
    )
    Registration.objects.create(training=training, member=make_member(), status="confirmed")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_training_reminders", stdout=open("/dev/null", "w"))
    assert mail.outbox == []
