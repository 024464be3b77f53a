"""The notification core and the membership workflows again, on real PostgreSQL and Redis:
row locks, constraints, JSON lookups, and pushes that leave only after commit."""

import asyncio
import datetime
import os
import queue
import threading

import pytest
import time_machine
from asgiref.sync import async_to_sync
from channels_redis.core import RedisChannelLayer
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.errors import MembershipError
from community.membership import services as community_services
from community.models import Membership, Structure
from notifications.models import Notification
from notifications.services import notify, user_group
from tests import factories


class Listener:
    """A channel of the Redis layer subscribed to a user's group, read in its own event loop
    (the layer's receive buffers belong to one loop)."""

    def __init__(self, user):
        self.group = user_group(user.pk)
        self.messages = queue.Queue()
        self.layer = RedisChannelLayer(hosts=[os.environ["TEST_REDIS_URL"]])
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(ready,), daemon=True)
        self.thread.start()
        assert ready.wait(10), "could not subscribe to the Redis channel layer"

    def _run(self, ready):
        async def main():
            self.channel = await self.layer.new_channel()
            await self.layer.group_add(self.group, self.channel)
            ready.set()
            while True:
                message = await self.layer.receive(self.channel)
                if message["type"] == "test.stop":
                    break
                self.messages.put(message)
            await self.layer.group_discard(self.group, self.channel)
            await self.layer.flush()

        self.loop.run_until_complete(main())

    def receive(self, timeout):
        try:
            return self.messages.get(timeout=timeout)
        except queue.Empty:
            return None

    def mark(self):
        """A marker sent to the user's group now, through Redis from another connection: what
        was pushed before it is received before it."""
        async_to_sync(RedisChannelLayer(hosts=[os.environ["TEST_REDIS_URL"]]).group_send)(
            self.group, {"type": "test.marker"}
        )

    def stop(self):
        async_to_sync(RedisChannelLayer(hosts=[os.environ["TEST_REDIS_URL"]]).send)(
            self.channel, {"type": "test.stop"}
        )
        self.thread.join(timeout=10)


@pytest.fixture
def listen():
    listeners = []

    def make(user):
        listeners.append(Listener(user))
        return listeners[-1]

    yield make
    for listener in listeners:
        listener.stop()


@pytest.mark.django_db
def test_notify_costs_the_same_queries_for_3_or_30_recipients():
    # Current members: notify() skips anyone else without a query, which would prove nothing.
    few = [factories.make_member() for _ in range(3)]
    many = [factories.make_member() for _ in range(30)]
    notify(few, "membership_renewal_due", title="x", url="/")  # warms the content-type cache
    with CaptureQueriesContext(connection) as small:
        notify(few, "membership_renewal_due", title="x", url="/")
    with CaptureQueriesContext(connection) as large:
        notify(many, "membership_renewal_due", title="x", url="/")
    assert len(large.captured_queries) == len(small.captured_queries) <= 3
    assert Notification.objects.filter(recipient__in=many).count() == 30


@pytest.mark.django_db(transaction=True)
def test_the_push_leaves_through_redis_only_after_commit(listen):
    member = factories.make_member()
    listener = listen(member)
    with transaction.atomic():
        notify([member], "membership_renewal_due", title="Échéance", url="/")
        listener.mark()
        # Nothing is pushed before the data is saved: the marker comes first.
        assert listener.receive(timeout=5)["type"] == "test.marker"
    message = listener.receive(timeout=5)
    assert message["notification"]["title"] == "Échéance"
    assert message["unread_count"] == 1


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_notify_stores_and_pushes_nothing(listen):
    member = factories.make_member()
    listener = listen(member)
    with pytest.raises(RuntimeError), transaction.atomic():
        notify([member], "membership_renewal_due", title="Échéance", url="/")
        raise RuntimeError("the action failed")
    listener.mark()
    assert listener.receive(timeout=5)["type"] == "test.marker"
    assert not Notification.objects.filter(recipient=member).exists()


@pytest.mark.django_db(transaction=True)
def test_two_staff_approving_at_once_approve_once(staff):
    """select_for_update: the second approval waits for the first, then sees it done."""
    other_staff = factories.UserFactory(is_staff=True)
    membership = factories.MembershipFactory(status=Membership.Status.PENDING, valid_until=None)
    results, barrier = [], threading.Barrier(2)

    def approve(by):
        try:
            barrier.wait()
            community_services.approve_membership(membership, by=by)
            results.append("ok")
        except MembershipError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(by,)) for by in (staff, other_staff)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == ["ok", "refused"]
    assert Membership.objects.get(pk=membership.pk).status == Membership.Status.ACTIVE
    assert Notification.objects.filter(recipient=membership.user).count() == 1


@pytest.mark.django_db
def test_staff_approves_an_application_over_http(staff_client):
    membership = factories.MembershipFactory(status=Membership.Status.PENDING, valid_until=None)
    spring = datetime.datetime(2026, 5, 12, 10, 0, tzinfo=datetime.UTC)
    with time_machine.travel(spring, tick=False):
        response = staff_client.post(f"/adhesions/{membership.pk}/accepter/")
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert membership.valid_until == datetime.date(2026, 12, 31)
    assert Notification.objects.filter(
        recipient=membership.user, kind="membership_approved"
    ).exists()


@pytest.mark.django_db
def test_a_member_cannot_approve_an_application(member_client):
    membership = factories.MembershipFactory(status=Membership.Status.PENDING, valid_until=None)
    response = member_client.post(f"/adhesions/{membership.pk}/accepter/")
    assert response.status_code == 403
    assert Membership.objects.get(pk=membership.pk).status == Membership.Status.PENDING


@pytest.mark.django_db
def test_postgresql_enforces_the_unique_museum_name_per_city():
    Structure.objects.create(name="Musée Fabre", city="Montpellier", departement="34")
    with pytest.raises(IntegrityError), transaction.atomic():
        Structure.objects.create(name="Musée Fabre", city="Montpellier", departement="34")
    assert Structure.objects.filter(name="Musée Fabre").count() == 1


@pytest.mark.django_db
def test_renewal_reminders_are_marked_in_a_json_list_and_sent_once():
    today = timezone.localdate()
    membership = factories.MembershipFactory(valid_until=today + datetime.timedelta(days=6))
    assert community_services.send_renewal_reminders(today=today) == 1
    assert community_services.send_renewal_reminders(today=today) == 0
    key = community_services.reminder_key(membership, 7)
    # A JSON containment lookup, which PostgreSQL answers natively (jsonb @>).
    assert list(Membership.objects.filter(reminders_sent__contains=[key])) == [membership]
    assert (
        Notification.objects.filter(
            recipient=membership.user, kind="membership_renewal_due"
        ).count()
        == 1
    )
