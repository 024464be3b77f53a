"""One delivery decision for every kind the apps declare: what a member chose is what they get.

For each kind: "off" -> no email and no row; "on the site" -> a row, no email; "immediate" ->
exactly one email; "digest" -> no email now and one entry in the next digest. A transactional
kind is emailed exactly once whatever is stored, even to someone who no longer reads the site.
"""

import pytest
from django.core import mail
from django.core.management import call_command

from notifications.kinds import KINDS, Delivery
from notifications.models import Notification, NotificationPreference
from notifications.services import notify
from tests import factories

pytestmark = pytest.mark.django_db

DECLARED = sorted(KINDS)  # the apps' kinds, read when the tests are collected
CHOSEN = sorted(key for key in DECLARED if not KINDS[key].transactional)
TRANSACTIONAL = sorted(key for key in DECLARED if KINDS[key].transactional)
TITLE = "Un événement à vous dire"


def _target_for(kind):
    """A training for the kinds that attach its .ics; nothing otherwise (plain data is enough)."""
    return factories.TrainingFactory() if kind.attachments else None


def _tell(person, key, capture):
    with capture(execute=True):
        # Params some templates count with (the days left before an expiry).
        notify(
            [person], key, target=_target_for(KINDS[key]), title=TITLE, url="/", params={"days": 7}
        )


def _digest():
    call_command("send_notification_digest", verbosity=0)
    call_command("send_outbox", verbosity=0)


def _choose(person, key, delivery):
    NotificationPreference.objects.update_or_create(
        user=person, kind=key, defaults={"delivery": delivery}
    )


def test_every_app_declares_its_kinds():
    assert {"mention", "forum_reply", "document_new", "training_cancelled", "cv_contact"} <= set(
        DECLARED
    )
    assert {"membership_rejected", "membership_suspended"} <= set(TRANSACTIONAL)


@pytest.mark.parametrize("key", CHOSEN)
def test_off_sends_nothing_and_stores_nothing(key, member, django_capture_on_commit_callbacks):
    _choose(member, key, Delivery.OFF)
    _tell(member, key, django_capture_on_commit_callbacks)
    _digest()
    assert mail.outbox == []
    assert not Notification.objects.filter(recipient=member).exists()


@pytest.mark.parametrize("key", CHOSEN)
def test_on_the_site_stores_one_row_and_sends_nothing(
    key, member, django_capture_on_commit_callbacks
):
    _choose(member, key, Delivery.IN_APP)
    _tell(member, key, django_capture_on_commit_callbacks)
    _digest()
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=member, kind=key).count() == 1


@pytest.mark.parametrize("key", CHOSEN)
def test_immediate_sends_exactly_one_email(key, member, django_capture_on_commit_callbacks):
    _choose(member, key, Delivery.IMMEDIATE)
    _tell(member, key, django_capture_on_commit_callbacks)
    _digest()  # already emailed: the digest does not repeat it
    assert [m.to for m in mail.outbox] == [[member.email]]
    email = mail.outbox[0]
    assert TITLE in email.subject and "example.com" not in email.body
    assert Notification.objects.filter(recipient=member, kind=key).count() == 1
    if KINDS[key].attachments:
        assert [a[2] for a in email.attachments] == ["text/calendar"]


@pytest.mark.parametrize("key", CHOSEN)
def test_digest_sends_nothing_now_and_one_entry_in_the_next_digest(
    key, member, django_capture_on_commit_callbacks
):
    _choose(member, key, Delivery.DIGEST)
    _tell(member, key, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    _digest()
    _digest()  # the next one has nothing more
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert mail.outbox[0].body.count(TITLE) == 1


@pytest.mark.parametrize("key", TRANSACTIONAL)
@pytest.mark.parametrize("stored", [None, Delivery.OFF, Delivery.DIGEST])
def test_a_transactional_kind_is_always_emailed_once(
    key, stored, member, django_capture_on_commit_callbacks
):
    if stored:  # cannot be chosen on the page; even a stray row changes nothing
        _choose(member, key, stored)
    _tell(member, key, django_capture_on_commit_callbacks)
    _digest()
    assert [m.to for m in mail.outbox] == [[member.email]]


@pytest.mark.parametrize("key", TRANSACTIONAL)
def test_a_transactional_kind_reaches_who_no_longer_reads_the_site(
    key, suspended, applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify([suspended, applicant], key, title=TITLE, url="/adhesion/candidature/")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([suspended.email, applicant.email])
    # No row: they cannot read the site, and the email links to the page itself.
    assert not Notification.objects.exists()
    assert "/adhesion/candidature/" in mail.outbox[0].body


@pytest.mark.parametrize("key", CHOSEN)
def test_who_no_longer_reads_the_site_gets_nothing_of_a_chosen_kind(
    key, suspended, django_capture_on_commit_callbacks
):
    _choose(suspended, key, Delivery.IMMEDIATE)
    _tell(suspended, key, django_capture_on_commit_callbacks)
    assert mail.outbox == [] and not Notification.objects.exists()
