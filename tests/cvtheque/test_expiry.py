"""CVs expire 24 months after their last update: reminders at 30 and 7 days, then purge."""

import datetime

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from cvtheque.models import CandidateProfile, ContactRequest, ProfileView
from notifications.models import Notification
from tests import factories


def _expiring_in(days, **kwargs):
    return factories.CandidateProfileFactory(
        expires_on=timezone.localdate() + datetime.timedelta(days=days), **kwargs
    )


@pytest.mark.usefixtures("db")
def test_reminders_sent_once_at_30_and_7_days(django_capture_on_commit_callbacks):
    in_30 = _expiring_in(30)
    in_7 = _expiring_in(6)
    far = _expiring_in(200)
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_cv_expiry_reminders")
    reminders = Notification.objects.filter(kind="cv_expiry")
    assert sorted(reminders.values_list("recipient_id", flat=True)) == sorted(
        [in_30.user_id, in_7.user_id]
    )
    assert not reminders.filter(recipient=far.user).exists()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([in_30.user.email, in_7.user.email])
    assert "renouvel" in mail.outbox[0].body
    in_30.refresh_from_db()
    assert in_30.reminders_sent == [30]


@pytest.mark.usefixtures("db")
def test_second_reminder_when_seven_days_are_left(django_capture_on_commit_callbacks):
    profile = _expiring_in(7, reminders_sent=[30])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_expired_cvs")
        call_command("purge_expired_cvs")
    assert Notification.objects.filter(recipient=profile.user, kind="cv_expiry").count() == 1
    assert len(mail.outbox) == 1
    profile.refresh_from_db()
    assert profile.reminders_sent == [7, 30]


def test_renewal_starts_the_reminders_again(member_client, member):
    profile = _expiring_in(7, user=member, reminders_sent=[7, 30])
    member_client.post("/cvtheque/mon-cv/renouveler/")
    profile.refresh_from_db()
    assert profile.reminders_sent == []
    assert profile.days_left > 700


def test_purge_removes_expired_rows_and_files(recruiter, django_capture_on_commit_callbacks):
    name = default_storage.save("cvtheque/old.pdf", ContentFile(b"%PDF-1.4 old"))
    expired = _expiring_in(-1, cv_file=name, cv_filename="old.pdf")
    ProfileView.objects.create(profile=expired, recruiter=recruiter)
    ContactRequest.objects.create(profile=expired, recruiter=recruiter, message="Bonjour")
    kept_name = default_storage.save("cvtheque/kept.pdf", ContentFile(b"%PDF-1.4 kept"))
    kept = _expiring_in(0, cv_file=kept_name)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_expired_cvs", "--no-reminders")
    assert list(CandidateProfile.objects.all()) == [kept]
    assert not ProfileView.objects.exists() and not ContactRequest.objects.exists()
    assert not default_storage.exists(name)
    assert default_storage.exists(kept_name)
    # Safe to run twice.
    call_command("purge_expired_cvs", "--no-reminders")
    assert CandidateProfile.objects.count() == 1
