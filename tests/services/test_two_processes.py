"""Two ASGI server processes share PostgreSQL and Redis: a member connected to one is told live
of what a request handled by the other did."""

import json

import pytest
from websockets.sync.client import connect

from community.models import Membership
from notifications.models import Notification
from notifications.services import notify
from tests import factories
from tests.services.conftest import http, session_cookie


def open_socket(server, cookie):
    return connect(
        f"{server.ws_url}/ws/notifications/",
        additional_headers={"Cookie": f"sessionid={cookie}", "Origin": server.url},
        open_timeout=10,
    )


def next_notification(ws, timeout=10):
    while True:
        message = json.loads(ws.recv(timeout=timeout))
        if message.get("type") == "notification":
            return message


def test_a_renewal_done_on_process_b_reaches_the_member_on_process_a(two_servers):
    server_a, server_b = two_servers
    member = factories.make_member()
    staff = factories.UserFactory(is_staff=True)
    factories.MembershipFactory(user=staff)
    valid_until = member.membership.valid_until

    with open_socket(server_a, session_cookie(member)) as ws:
        status, _, headers = http(
            "POST",
            f"{server_b.url}/adhesions/{member.membership.pk}/renouveler/",
            cookie=session_cookie(staff),
            data={},
        )
        assert status == 302, headers
        message = next_notification(ws)

    assert message["notification"]["kind"] == "membership_approved"
    assert "valable jusqu'au" in message["notification"]["title"]
    assert message["unread_count"] == 1
    stored = Notification.objects.get(recipient=member)
    assert stored.kind == "membership_approved"
    assert Membership.objects.get(user=member).valid_until > valid_until


def test_notify_from_another_process_reaches_the_socket_through_redis(two_servers):
    server_a, _ = two_servers
    member = factories.make_member()
    other = factories.make_member()

    with open_socket(server_a, session_cookie(member)) as ws:
        # This test process is a third process: its notify() goes through the Redis layer.
        notify([member], "membership_renewal_due", title="Échéance proche", url="/")
        message = next_notification(ws)

    assert message["notification"]["title"] == "Échéance proche"
    # Only the recipient's group receives it; the other member has no row.
    assert not Notification.objects.filter(recipient=other).exists()


def test_a_socket_without_a_member_session_is_refused(two_servers):
    server_a, _ = two_servers
    applicant = factories.MembershipFactory(status=Membership.Status.PENDING).user

    from websockets.exceptions import InvalidStatus

    # The consumer closes before accepting: the server refuses the handshake itself.
    with pytest.raises(InvalidStatus) as refused:
        open_socket(server_a, session_cookie(applicant))
    assert refused.value.response.status_code == 403


def test_an_idle_socket_stays_open_through_the_redis_layers_waits(two_servers):
    """channels-redis waits BRPOP_TIMEOUT seconds for each message; a Redis read timeout shorter
    than that used to crash the idle socket's consumer every few seconds (pushes then lost)."""
    from channels_redis.core import RedisChannelLayer
    from websockets.exceptions import ConnectionClosed

    server_a, _ = two_servers
    member = factories.make_member()

    with open_socket(server_a, session_cookie(member)) as ws:
        idle = 2 * RedisChannelLayer.brpop_timeout + 1
        try:
            while True:  # Nothing is sent: only the count may arrive, until the idle time ends.
                message = json.loads(ws.recv(timeout=idle))
                assert message.get("type") != "notification"
        except TimeoutError:
            pass
        except ConnectionClosed as closed:
            pytest.fail(f"the idle socket was closed by the server: {closed}")
        notify([member], "membership_renewal_due", title="Après un long silence", url="/")
        message = next_notification(ws)

    assert message["notification"]["title"] == "Après un long silence"
