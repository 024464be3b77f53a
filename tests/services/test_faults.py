"""When a service fails: Redis down, PostgreSQL restarted. The site keeps serving and loses
nothing; live push resumes when Redis is back and the client catches up over HTTP."""

import json
import os
import subprocess

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.utils.html import escape

from notifications.models import Notification
from tests import factories
from tests.services.conftest import free_port, http, session_cookie
from tests.services.test_two_processes import next_notification, open_socket


def make_staff():
    staff = factories.UserFactory(is_staff=True)
    factories.MembershipFactory(user=staff)
    return staff


def renew(server, staff_cookie, member):
    return http(
        "POST",
        f"{server.url}/adhesions/{member.membership.pk}/renouveler/",
        cookie=staff_cookie,
        data={},
    )


def bell(server, cookie):
    """What the notifications client fetches on (re)connect: the unread count and items."""
    request_headers = {"Accept": "application/json", "Cookie": f"sessionid={cookie}"}
    import urllib.request

    request = urllib.request.Request(f"{server.url}/notifications/api/", headers=request_headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, json.loads(response.read())


def test_redis_down_pages_still_served_rows_stored_and_client_catches_up(
    asgi_servers, redis_server
):
    port = free_port()
    server = asgi_servers(redis_url=redis_server.start(port))
    member, staff = factories.make_member(), make_staff()
    # The server checks passwords with its own hashers, not the tests' fast one (set before the
    # sessions: a password change ends them).
    hasher = PBKDF2PasswordHasher()
    member.password = hasher.encode(factories.PASSWORD, hasher.salt())
    member.save(update_fields=["password"])
    member_cookie, staff_cookie = session_cookie(member), session_cookie(staff)

    with open_socket(server, member_cookie) as ws:
        assert renew(server, staff_cookie, member)[0] == 302
        assert next_notification(ws)["unread_count"] == 1

    redis_server.stop(port)

    # Pages are served, and an action that notifies succeeds: the row is stored, the push
    # failure is only logged.
    status, body, _ = http("GET", f"{server.url}/", cookie=member_cookie)
    assert status == 200, body[-2000:]
    status, _, headers = renew(server, staff_cookie, member)
    assert status == 302, server.log()[-3000:]
    assert headers["Location"].endswith(f"/adhesions/{member.membership.pk}/")
    assert Notification.objects.filter(recipient=member).count() == 2
    assert "live push failed" in server.log()
    # Logging in still works: the login rate limit lives in the (Redis) cache, which degrades.
    status, body, headers = http(
        "POST",
        f"{server.url}/comptes/login/",
        cookie="anonymous",
        data={"login": member.email, "password": factories.PASSWORD},
    )
    assert status == 302, body[-2000:] + server.log()[-3000:]
    assert any(c.startswith("sessionid=") for c in headers.get_all("Set-Cookie"))

    # Redis is back (same port): the client reconnects, rebuilds its state over HTTP, and
    # receives the next notification live again.
    redis_server.start(port)
    status, state = bell(server, member_cookie)
    assert status == 200
    assert state["unread_count"] == 2
    assert len(state["items"]) == 2
    with open_socket(server, member_cookie) as ws:
        assert renew(server, staff_cookie, member)[0] == 302
        assert next_notification(ws)["unread_count"] == 3


def _as_postgres(command):
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def test_the_next_request_succeeds_after_a_postgresql_restart(two_servers):
    pg_bin, pg_data = os.environ.get("TEST_PG_BIN"), os.environ.get("TEST_PG_DATA")
    if not (pg_bin and pg_data):
        pytest.fail("TEST_PG_BIN and TEST_PG_DATA are not set: run `make test`.")
    server, _ = two_servers
    member = factories.make_member()
    cookie = session_cookie(member)
    assert http("GET", f"{server.url}/", cookie=cookie)[0] == 200

    # This process's own connection dies with the restart too: close it cleanly first.
    connection.close()
    subprocess.run(
        _as_postgres([f"{pg_bin}/pg_ctl", "-D", pg_data, "-m", "fast", "-w", "restart"]),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=60,
    )

    # pg_ctl -w returns once PostgreSQL accepts connections: the very next request works.
    status, body, _ = http("GET", f"{server.url}/", cookie=cookie)
    assert status == 200, body[-2000:]
    assert f"Bonjour {escape(member.first_name)}" in body
