"""notify(): who gets a row, who gets an email, and what it costs in queries."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.kinds import Delivery
from notifications.models import Notification, NotificationPreference
from notifications.services import notify
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_stores_one_notification_per_recipient(member, other_member):
    structure = factories.StructureFactory()

    created = notify(
        [member, other_member.pk],
        "test_reply",
        target=structure,
        title="Nouvelle réponse à « Constat d'état »",
        url="/forum/sujet/1/",
    )

    assert len(created) == 2
    rows = Notification.objects.filter(kind="test_reply").order_by("recipient_id")
    assert [n.recipient_id for n in rows] == sorted([member.pk, other_member.pk])
    first = rows[0]
    assert first.title == "Nouvelle réponse à « Constat d'état »"
    assert first.url == "/forum/sujet/1/"
    assert first.target == structure
    assert first.read_at is None and first.emailed_at is None
    assert {n.pk for n in created} == {n.pk for n in rows}


def test_the_actor_is_never_notified_of_their_own_action(member, other_member):
    notify([member, other_member], "test_reply", actor=member, title="Réponse")

    assert not Notification.objects.filter(recipient=member).exists()
    row = Notification.objects.get(recipient=other_member)
    assert row.actor == member


def test_a_member_who_turned_a_kind_off_gets_nothing(member, other_member):
    NotificationPreference.objects.create(user=member, kind="test_reply", delivery=Delivery.OFF)

    notify([member, other_member], "test_reply", title="Réponse")

    assert not Notification.objects.filter(recipient=member).exists()
    assert Notification.objects.filter(recipient=other_member).exists()


def test_immediate_delivery_sends_an_email_after_commit(
    member, other_member, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(
        user=member, kind="test_reply", delivery=Delivery.IMMEDIATE
    )

    with django_capture_on_commit_callbacks(execute=True):
        notify([member, other_member], "test_reply", title="Réponse de Jeanne", url="/forum/")
        assert mail.outbox == []  # nothing leaves before the commit

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [member.email]
    assert "Réponse de Jeanne" in email.subject
    assert "Réponse de Jeanne" in email.body
    assert "/notifications/" in email.body and "/ouvrir/" in email.body
    html = email.alternatives[0][0]
    assert "Réponse de Jeanne" in html and "Bonjour" in html
    assert Notification.objects.get(recipient=member).emailed_at is not None
    assert Notification.objects.get(recipient=other_member).emailed_at is None


def test_digest_and_in_app_deliveries_send_no_email_now(
    member, other_member, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=member, kind="test_reply", delivery=Delivery.DIGEST)

    with django_capture_on_commit_callbacks(execute=True):
        notify([member, other_member], "test_reply", title="Réponse")

    assert mail.outbox == []
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 2


def test_the_default_delivery_of_the_kind_applies_without_a_preference(
    member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify([member], "test_daily", title="Nouveau document")

    assert Notification.objects.filter(recipient=member, kind="test_daily").exists()
    assert mail.outbox == []


def test_an_undeclared_kind_is_refused(member):
    with pytest.raises(LookupError):
        notify([member], "no_such_kind", title="?")
    assert not Notification.objects.exists()


def test_nobody_to_notify_costs_no_query(member, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert notify([member], "test_reply", actor=member, title="Moi") == []


@pytest.mark.parametrize("kind", ["test_reply", "test_daily"])
def test_query_count_does_not_grow_with_recipients(make_users, kind):
    few = make_users(5, prefix="peu")
    many = make_users(200, prefix="beaucoup")
    NotificationPreference.objects.create(user=many[0], kind=kind, delivery=Delivery.OFF)
    NotificationPreference.objects.create(user=few[0], kind=kind, delivery=Delivery.OFF)
    notify([few[1]], kind, title="Préchauffe")  # content types are cached after one call

    with CaptureQueriesContext(connection) as for_few:
        notify(few, kind, title="Pour quelques-uns")
    with CaptureQueriesContext(connection) as for_many:
        notify(many, kind, title="Pour beaucoup")

    assert len(for_few) == len(for_many) == 2  # recipients with membership and preference; insert
    assert Notification.objects.filter(title="Pour quelques-uns").count() == 4
    assert Notification.objects.filter(title="Pour beaucoup").count() == 199


def test_unknown_user_ids_are_skipped(member):
    created = notify([member.pk, 987654], "test_reply", title="Réponse")

    assert [n.recipient_id for n in created] == [member.pk]
    assert Notification.objects.count() == 1
