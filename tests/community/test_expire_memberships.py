"""The nightly `expire_memberships` command: reminders 30 and 7 days ahead, then expiry."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from community.membership import services
from community.models import Membership
from notifications.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db


def ending_in(days):
    return factories.MembershipFactory(
        valid_until=timezone.localdate() + datetime.timedelta(days=days)
    )


def run(capture):
    with capture(execute=True):
        call_command("expire_memberships", stdout=StringIO())


def test_reminders_go_out_30_and_7_days_before_once_each(django_capture_on_commit_callbacks):
    in_30, in_7, in_45 = ending_in(30), ending_in(7), ending_in(45)
    run(django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([in_30.user.email, in_7.user.email])
    assert "arrive à échéance" in mail.outbox[0].subject
    assert Notification.objects.filter(kind="membership_renewal_due").count() == 2
    # Running it again the same day sends nothing more.
    run(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert Notification.objects.count() == 2
    in_45.refresh_from_db()
    assert in_45.reminders_sent == []


def test_the_7_day_reminder_follows_the_30_day_one(django_capture_on_commit_callbacks):
    membership = ending_in(30)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_renewal_reminders(today=today)
        services.send_renewal_reminders(today=today + datetime.timedelta(days=10))
        services.send_renewal_reminders(today=today + datetime.timedelta(days=23))
        services.send_renewal_reminders(today=today + datetime.timedelta(days=25))
    assert len(mail.outbox) == 2
    assert "dans 7 jours" in mail.outbox[1].body
    membership.refresh_from_db()
    assert len(membership.reminders_sent) == 2


def test_a_late_first_run_sends_only_the_closest_reminder(django_capture_on_commit_callbacks):
    # e.g. the cron job was down: the member still hears once, with the right number of days.
    ending_in(5)
    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert "dans 5 jours" in mail.outbox[0].body


def test_memberships_past_their_date_expire_and_the_rest_stay(django_capture_on_commit_callbacks):
    lapsed, current = ending_in(-1), ending_in(0)
    pending = factories.MembershipFactory(status=Membership.Status.PENDING, valid_until=None)
    suspended = factories.MembershipFactory(
        status=Membership.Status.SUSPENDED,
        valid_until=timezone.localdate() - datetime.timedelta(days=9),
    )
    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)
    statuses = {
        m.pk: m.status
        for m in Membership.objects.filter(pk__in=[lapsed.pk, current.pk, pending.pk, suspended.pk])
    }
    assert statuses == {
        lapsed.pk: Membership.Status.EXPIRED,
        current.pk: Membership.Status.ACTIVE,
        pending.pk: Membership.Status.PENDING,
        suspended.pk: Membership.Status.SUSPENDED,
    }


def test_a_renewal_resets_the_reminders(staff, django_capture_on_commit_callbacks):
    membership = ending_in(7)
    run(django_capture_on_commit_callbacks)
    services.renew_membership(membership, by=staff)
    membership.refresh_from_db()
    assert membership.reminders_sent == []
