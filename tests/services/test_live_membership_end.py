"""A member connected to one ASGI process is suspended by staff on another: their socket closes
and nothing sent to them afterwards arrives, while other members keep hearing."""

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus

from community.models import Membership
from notifications.models import Notification
from notifications.services import notify
from tests import factories
from tests.services.conftest import http, session_cookie
from tests.services.test_two_processes import next_notification, open_socket


def test_staff_suspends_a_connected_member_whose_socket_closes_at_once(two_servers):
    server_a, server_b = two_servers
    member = factories.make_member()
    colleague = factories.make_member()
    staff = factories.UserFactory(is_staff=True)
    factories.MembershipFactory(user=staff)
    member_cookie = session_cookie(member)

    with (
        open_socket(server_a, member_cookie) as ws,
        open_socket(server_a, session_cookie(colleague)) as colleague_ws,
    ):
        status, _, headers = http(
            "POST",
            f"{server_b.url}/adhesions/{member.membership.pk}/suspendre/",
            cookie=session_cookie(staff),
            data={"suspend-reason": "Cotisation impayée"},
        )
        assert status == 302, headers
        # The server ends the socket (no timeout here: recv() returns when it is closed).
        with pytest.raises(ConnectionClosed) as ended:
            ws.recv(timeout=10)
        # A job alert for both, sent afterwards from a third process through Redis.
        notify(
            [member, colleague],
            "job_match",
            title="Offre : régisseur·se des collections (CDD)",
            url="/cvtheque/",
        )
        heard = next_notification(colleague_ws)

    assert ended.value.rcvd is not None and ended.value.rcvd.code == 4403
    assert heard["notification"]["title"] == "Offre : régisseur·se des collections (CDD)"
    assert Membership.objects.get(user=member).status == Membership.Status.SUSPENDED
    assert not Notification.objects.filter(recipient=member).exists()
    # Reconnecting with the same session is refused at the handshake.
    with pytest.raises(InvalidStatus) as refused:
        open_socket(server_a, member_cookie)
    assert refused.value.response.status_code == 403
