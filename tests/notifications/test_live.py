"""The live path: pushes leave only after commit, over the websocket, to the recipient alone."""

import asyncio

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.db import transaction
from django.test import Client

from community.asgi import application
from notifications.models import Notification
from notifications.services import mark_all_read, notify, user_group

pytestmark = pytest.mark.django_db(transaction=True)


def _headers(user=None, origin=b"http://testserver"):
    """A browser's handshake headers: its origin and, when logged in, its session cookie."""
    headers = [(b"origin", origin)] if origin else []
    if user is not None:
        client = Client()
        client.force_login(user)
        headers.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    return headers


def _communicator(headers):
    return WebsocketCommunicator(application, "/ws/notifications/", headers=headers)


def _notify_and_commit(recipients, **kwargs):
    with transaction.atomic():
        return notify(recipients, "test_reply", **kwargs)


async def _listen(user_id):
    layer = get_channel_layer()
    channel = await layer.new_channel()
    await layer.group_add(user_group(user_id), channel)
    return layer, channel


def test_a_rolled_back_transaction_pushes_nothing(member):
    async def scenario():
        layer, channel = await _listen(member.pk)

        def rolled_back():
            with pytest.raises(RuntimeError), transaction.atomic():
                notify([member], "test_reply", title="Jamais envoyée")
                raise RuntimeError("the action failed")

        await database_sync_to_async(rolled_back)()
        # A later notification that commits: the first push the channel holds must be that one
        # (one channel delivers in order), so nothing left for the rolled-back one.
        await database_sync_to_async(_notify_and_commit)([member], title="Envoyée ensuite")
        return await asyncio.wait_for(layer.receive(channel), timeout=2)

    first = async_to_sync(scenario)()
    assert first["notification"]["title"] == "Envoyée ensuite"
    assert list(Notification.objects.values_list("title", flat=True)) == ["Envoyée ensuite"]


def test_the_push_leaves_after_commit_with_the_unread_count(member):
    Notification.objects.create(recipient=member, kind="test_reply", title="Ancienne")

    async def scenario():
        layer, channel = await _listen(member.pk)

        def committed():
            with transaction.atomic():
                notify([member], "test_reply", title="Nouvelle réponse", url="/forum/")
                # Still inside the transaction: nothing may have left yet.
                queue = layer.channels.get(channel)
                assert queue is None or queue.empty()

        await database_sync_to_async(committed)()
        return await asyncio.wait_for(layer.receive(channel), timeout=2)

    message = async_to_sync(scenario)()
    stored = Notification.objects.get(title="Nouvelle réponse")
    assert message["type"] == "notification.message"
    assert message["unread_count"] == 2
    assert message["notification"]["id"] == stored.pk
    assert message["notification"]["title"] == "Nouvelle réponse"
    assert message["notification"]["url"] == "/forum/"


def test_a_member_receives_their_own_notifications_and_never_another_members(member, other_member):
    mine_headers, their_headers = _headers(member), _headers(other_member)

    async def scenario():
        mine = _communicator(mine_headers)
        theirs = _communicator(their_headers)
        assert (await mine.connect())[0]
        assert (await theirs.connect())[0]
        await database_sync_to_async(_notify_and_commit)(
            [member], title="Votre inscription est confirmée", url="/formations/1/"
        )
        received = await mine.receive_json_from(timeout=2)
        # Then one for the other member: it must be the first their socket hears.
        await database_sync_to_async(_notify_and_commit)([other_member], title="Pour l'autre")
        heard = await theirs.receive_json_from(timeout=2)
        await mine.disconnect()
        await theirs.disconnect()
        return received, heard

    received, heard = async_to_sync(scenario)()
    assert heard["notification"]["title"] == "Pour l'autre"
    assert received["type"] == "notification"
    assert received["unread_count"] == 1
    assert received["notification"]["title"] == "Votre inscription est confirmée"
    assert received["notification"]["url"] == "/formations/1/"
    assert received["notification"]["id"] == Notification.objects.get(recipient=member).pk


def test_marking_all_as_read_updates_every_open_tab(member):
    Notification.objects.create(recipient=member, kind="test_reply", title="Ancienne")

    headers = _headers(member)

    async def scenario():
        tab = _communicator(headers)
        assert (await tab.connect())[0]
        await database_sync_to_async(mark_all_read)(user=member)
        message = await tab.receive_json_from(timeout=2)
        await tab.disconnect()
        return message

    assert async_to_sync(scenario)() == {"type": "unread_count", "unread_count": 0}


def test_the_socket_answers_pings(member):
    headers = _headers(member)

    async def scenario():
        tab = _communicator(headers)
        assert (await tab.connect())[0]
        await tab.send_to(text_data="pas du json")  # ignored, the socket stays open
        await tab.send_json_to({"type": "ping"})
        message = await tab.receive_json_from(timeout=2)
        await tab.disconnect()
        return message

    assert async_to_sync(scenario)() == {"type": "pong"}


def test_a_tab_open_for_days_still_hears_once_it_pinged(member):
    """Channel layers forget a group membership after `group_expiry` (a day): each ping joins
    the group again, so a tab left open for days keeps receiving."""
    headers = _headers(member)

    async def scenario():
        tab = _communicator(headers)
        assert (await tab.connect())[0]
        layer = get_channel_layer()
        members = layer.groups[user_group(member.pk)]
        channel = next(iter(members))
        # Joined two days ago: past the layer's expiry, the next clean-up would drop it.
        members[channel] -= 2 * 86400
        await tab.send_json_to({"type": "ping"})
        assert await tab.receive_json_from(timeout=2) == {"type": "pong"}
        layer._clean_expired()
        assert channel in layer.groups.get(user_group(member.pk), {})
        await database_sync_to_async(_notify_and_commit)([member], title="Trois jours après")
        message = await tab.receive_json_from(timeout=2)
        await tab.disconnect()
        return message

    assert async_to_sync(scenario)()["notification"]["title"] == "Trois jours après"


def test_a_member_in_the_grace_period_still_listens(in_grace):
    headers = _headers(in_grace)

    async def scenario():
        tab = _communicator(headers)
        connected, _ = await tab.connect()
        await tab.disconnect()
        return connected

    assert async_to_sync(scenario)() is True


@pytest.mark.parametrize("role", ["anonymous", "applicant", "suspended", "expired"])
def test_who_is_not_a_member_is_refused(request, role):
    user = None if role == "anonymous" else request.getfixturevalue(role)

    headers = _headers(user)

    async def scenario():
        tab = _communicator(headers)
        connected, code = await tab.connect()
        await tab.disconnect()
        return connected, code

    connected, code = async_to_sync(scenario)()
    assert connected is False
    assert code == 4403


def test_a_socket_from_another_site_is_refused(member):
    headers = _headers(member, origin=b"https://evil.example")

    async def scenario():
        tab = _communicator(headers)
        connected, _ = await tab.connect()
        await tab.disconnect()
        return connected

    assert async_to_sync(scenario)() is False
