"""A member whose membership ends stops receiving live notifications: their open sockets close
(suspension, refusal, lapse, closed account) and notify() no longer writes to them."""

import asyncio
import datetime
import zoneinfo
from io import StringIO

import pytest
import time_machine
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.asgi import application
from community.models import Membership
from notifications import consumers
from notifications.models import Notification
from notifications.services import notify, user_group
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
CLOSED = {"type": "websocket.close", "code": 4403}


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def tab_of(user) -> WebsocketCommunicator:
    """A browser tab of `user` on the notifications socket (same origin, their session)."""
    cookie = f"sessionid={logged_in(user).cookies['sessionid'].value}".encode()
    return WebsocketCommunicator(
        application,
        "/ws/notifications/",
        headers=[(b"origin", b"http://testserver"), (b"cookie", cookie)],
    )


def notify_and_commit(recipients, title):
    with transaction.atomic():
        return notify(recipients, "test_reply", title=title, url="/forum/")


def late_evening(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(23), tzinfo=PARIS)


def after_midnight(day: datetime.date) -> datetime.datetime:
    """When cron runs the nightly command, the night after `day`."""
    return datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time(0, 30), tzinfo=PARIS
    )


def nightly_run():
    call_command("expire_memberships", stdout=StringIO())


def test_a_suspended_members_open_socket_closes_and_hears_nothing_more(member, staff):
    tab = tab_of(member)
    staff_client = logged_in(staff)

    async def scenario():
        assert (await tab.connect())[0]
        response = await database_sync_to_async(staff_client.post)(
            reverse("community:membership_suspend", args=[member.membership.pk]),
            {"suspend-reason": "Cotisation impayée"},
        )
        assert response.status_code == 302
        closed = await tab.receive_output(timeout=2)
        # What would have been a job alert for them is neither stored nor pushed.
        await database_sync_to_async(notify_and_commit)([member], "Offre : régisseur·se (CDD)")
        assert await tab.receive_nothing(timeout=0.3)
        await tab.disconnect()
        return closed

    assert async_to_sync(scenario)() == CLOSED
    assert Membership.objects.get(user=member).status == Membership.Status.SUSPENDED
    assert not Notification.objects.filter(recipient=member).exists()


def test_a_refused_application_closes_a_socket_opened_while_the_membership_was_active(
    member, staff
):
    tab = tab_of(member)
    staff_client = logged_in(staff)

    async def scenario():
        assert (await tab.connect())[0]
        # The association put the membership back under review (Django admin), then refuses it.
        await database_sync_to_async(Membership.objects.filter(user=member).update)(
            status=Membership.Status.PENDING
        )
        response = await database_sync_to_async(staff_client.post)(
            reverse("community:membership_reject", args=[member.membership.pk]),
            {"reject-reason": "Structure hors Occitanie"},
        )
        assert response.status_code == 302
        closed = await tab.receive_output(timeout=2)
        await tab.disconnect()
        return closed

    assert async_to_sync(scenario)() == CLOSED
    assert Membership.objects.get(user=member).status == Membership.Status.REJECTED
    # Refused, they see no notification on the site: none is stored (the email tells them).
    assert not Notification.objects.filter(recipient=member).exists()


# The sockets below connect the evening before the change: the channel layer forgets a group
# membership after a day, so a longer jump would lose every message for a reason of its own.


@pytest.mark.parametrize("grace_days", [0, 30])
def test_the_nightly_run_after_the_last_day_closes_the_socket_unless_grace_remains(
    settings, grace_days
):
    settings.MEMBERSHIP_GRACE_DAYS = grace_days
    last_day = datetime.date(2031, 12, 31)
    member = factories.make_member(valid_until=last_day)

    with time_machine.travel(late_evening(last_day)):
        tab = tab_of(member)

    async def scenario():
        with time_machine.travel(late_evening(last_day)):
            assert (await tab.connect())[0]
        with time_machine.travel(after_midnight(last_day)):
            await database_sync_to_async(nightly_run)()
            await database_sync_to_async(notify_and_commit)([member], "Nouvelle formation")
            heard = await tab.receive_output(timeout=2)
        await tab.disconnect()
        return heard

    heard = async_to_sync(scenario)()
    assert Membership.objects.get(user=member).status == Membership.Status.EXPIRED
    titles = list(Notification.objects.filter(recipient=member).values_list("title", flat=True))
    if grace_days:
        # Decision: within the grace period they still read the site, notifications included.
        assert '"Nouvelle formation"' in heard["text"]
        assert titles == ["Nouvelle formation"]
    else:
        assert heard == CLOSED
        assert titles == []


def test_the_nightly_run_closes_the_socket_when_the_grace_period_ends(settings):
    settings.MEMBERSHIP_GRACE_DAYS = 30
    last_day_of_grace = datetime.date(2032, 1, 30)
    member = factories.MembershipFactory(
        status=Membership.Status.EXPIRED, valid_until=datetime.date(2031, 12, 31)
    ).user

    with time_machine.travel(late_evening(last_day_of_grace)):
        tab = tab_of(member)

    async def scenario():
        with time_machine.travel(late_evening(last_day_of_grace)):
            assert (await tab.connect())[0]
        with time_machine.travel(after_midnight(last_day_of_grace)):
            await database_sync_to_async(nightly_run)()
            closed = await tab.receive_output(timeout=2)
            await database_sync_to_async(notify_and_commit)([member], "Après la grâce")
        await tab.disconnect()
        return closed

    assert async_to_sync(scenario)() == CLOSED
    assert not Notification.objects.filter(recipient=member).exists()


def test_a_push_arriving_after_the_grace_period_ended_is_not_forwarded(settings):
    # The nightly run has not happened yet: the socket's own guard stops the push (one sent by a
    # process that decided before midnight, for instance).
    settings.MEMBERSHIP_GRACE_DAYS = 30
    last_day_of_grace = datetime.date(2032, 1, 30)
    member = factories.MembershipFactory(
        status=Membership.Status.EXPIRED, valid_until=datetime.date(2031, 12, 31)
    ).user
    message = {
        "type": "notification.message",
        "notification": {"id": 1, "title": "Offre : médiateur·rice", "url": "/cvtheque/"},
        "unread_count": 1,
    }

    with time_machine.travel(late_evening(last_day_of_grace)):
        tab = tab_of(member)

    async def scenario():
        layer = get_channel_layer()
        with time_machine.travel(late_evening(last_day_of_grace)):
            assert (await tab.connect())[0]
            await layer.group_send(user_group(member.pk), message)
            before = await tab.receive_json_from(timeout=2)
        with time_machine.travel(after_midnight(last_day_of_grace)):
            await layer.group_send(user_group(member.pk), message)
            after = await tab.receive_output(timeout=2)
            assert await tab.receive_nothing(timeout=0.3)
        await tab.disconnect()
        return before, after

    before, after = async_to_sync(scenario)()
    assert before["notification"]["title"] == "Offre : médiateur·rice"
    assert after == CLOSED


def test_closing_ones_account_closes_its_open_sockets(member):
    tab = tab_of(member)
    member_client = logged_in(member)

    async def scenario():
        assert (await tab.connect())[0]
        response = await database_sync_to_async(member_client.post)(
            reverse("community:gdpr_delete"), {"confirm_email": member.email}
        )
        assert response.status_code == 302
        closed = await tab.receive_output(timeout=2)
        await tab.disconnect()
        return closed

    assert async_to_sync(scenario)() == CLOSED


def test_a_refused_account_deletion_leaves_the_socket_open(member):
    tab = tab_of(member)
    member_client = logged_in(member)

    async def scenario():
        assert (await tab.connect())[0]
        response = await database_sync_to_async(member_client.post)(
            reverse("community:gdpr_delete"), {"confirm_email": "quelquun@ailleurs.fr"}
        )
        assert response.status_code == 400
        assert await tab.receive_nothing(timeout=0.3)
        await database_sync_to_async(notify_and_commit)([member], "Toujours membre")
        received = await tab.receive_json_from(timeout=2)
        await tab.disconnect()
        return received

    assert async_to_sync(scenario)()["notification"]["title"] == "Toujours membre"


def test_notify_skips_who_is_no_longer_a_current_member(
    member, in_grace, staff, suspended, expired, applicant
):
    deactivated = factories.make_member()
    deactivated.is_active = False
    deactivated.save()
    never_applied = factories.UserFactory()
    tab = tab_of(member)
    gone = [suspended, expired, applicant, deactivated, never_applied]

    async def scenario():
        layer = get_channel_layer()
        # Channels standing for sockets the others may have opened before their membership ended.
        listening = {}
        for person in gone:
            listening[person.pk] = await layer.new_channel()
            await layer.group_add(user_group(person.pk), listening[person.pk])
        assert (await tab.connect())[0]
        await database_sync_to_async(notify_and_commit)(
            [member, in_grace, staff, *gone], "Nouvelle formation : constat d'état"
        )
        received = await tab.receive_json_from(timeout=2)
        for channel in listening.values():
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(layer.receive(channel), timeout=0.1)
        await tab.disconnect()
        return received

    received = async_to_sync(scenario)()
    assert received["notification"]["title"] == "Nouvelle formation : constat d'état"
    recipients = set(Notification.objects.values_list("recipient_id", flat=True))
    assert recipients == {member.pk, in_grace.pk, staff.pk}


@pytest.mark.django_db  # in a test transaction: the push waits for a commit that never comes
@pytest.mark.parametrize("size", [5, 200])
def test_skipping_former_members_costs_no_query_per_recipient(make_users, size):
    members = make_users(size, prefix=f"membre{size}-")
    suspended = make_users(size, prefix=f"suspendu{size}-", status=Membership.Status.SUSPENDED)
    applicants = make_users(size, prefix=f"candidat{size}-", status=Membership.Status.PENDING)
    notify([members[0]], "test_reply", title="Préchauffe")  # content types are cached after one

    with CaptureQueriesContext(connection) as queries:
        notify([*members, *suspended, *applicants], "test_reply", title="Pour tous")

    assert len(queries) == 2  # the recipients with membership and preference, then one insert
    stored = set(Notification.objects.filter(title="Pour tous").values_list("recipient", flat=True))
    assert stored == {user.pk for user in members}


def test_a_socket_does_not_read_the_database_for_each_push(member, monkeypatch):
    loads = []
    real_load = consumers._load_listener

    async def counting_load(user):
        loads.append(user)
        return await real_load(user)

    monkeypatch.setattr(consumers, "_load_listener", counting_load)
    tab = tab_of(member)

    async def scenario():
        assert (await tab.connect())[0]
        for n in range(5):
            await database_sync_to_async(notify_and_commit)([member], f"Réponse {n}")
        received = [await tab.receive_json_from(timeout=2) for _ in range(5)]
        await tab.disconnect()
        return received

    received = async_to_sync(scenario)()
    assert [m["notification"]["title"] for m in received] == [f"Réponse {n}" for n in range(5)]
    assert len(loads) == 1  # at connect only


def test_a_staff_member_stays_connected_when_their_own_membership_is_suspended(staff):
    other_staff = factories.UserFactory(is_staff=True)
    tab = tab_of(staff)
    staff_client = logged_in(other_staff)

    async def scenario():
        assert (await tab.connect())[0]
        response = await database_sync_to_async(staff_client.post)(
            reverse("community:membership_suspend", args=[staff.membership.pk]),
            {"suspend-reason": ""},
        )
        assert response.status_code == 302
        # The suspension itself is told (transactional: emailed, and shown to who still reads).
        notice = await tab.receive_json_from(timeout=2)
        await database_sync_to_async(notify_and_commit)([staff], "Toujours dans l'équipe")
        received = await tab.receive_json_from(timeout=2)
        await tab.disconnect()
        return notice, received

    notice, received = async_to_sync(scenario)()
    assert notice["notification"]["title"] == "Votre adhésion est suspendue"
    assert received["notification"]["title"] == "Toujours dans l'équipe"
