"""The notification center, the bell's JSON feed and marking as read."""

import pytest
from django.utils import timezone

from notifications.models import Notification

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def _notification(user, title="Une réponse", url="/forum/sujet/1/", read=False, **extra):
    return Notification.objects.create(
        recipient=user,
        kind="test_reply",
        title=title,
        url=url,
        read_at=timezone.now() if read else None,
        **extra,
    )


def test_the_center_lists_unread_first(member_client, member):
    old_unread = _notification(
        member, title="Ancienne non lue", created_at=timezone.now() - timezone.timedelta(days=3)
    )
    _notification(member, title="Récente déjà lue", read=True)

    response = member_client.get("/notifications/")

    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Ancienne non lue") < page.index("Récente déjà lue")
    assert "1 notification non lue" in page
    assert f"/notifications/{old_unread.pk}/ouvrir/" in page


@pytest.mark.usefixtures("member")
def test_the_center_shows_only_ones_own_notifications(member_client, other_member):
    _notification(other_member, title="Pour quelqu'un d'autre")

    response = member_client.get("/notifications/")

    assert "Pour quelqu&#x27;un d&#x27;autre" not in response.content.decode()
    assert "aucune notification pour le moment" in response.content.decode()


def test_the_center_is_paginated(member_client, member):
    Notification.objects.bulk_create(
        [Notification(recipient=member, kind="test_reply", title=f"Numéro {i}") for i in range(25)]
    )

    first = member_client.get("/notifications/")
    second = member_client.get("/notifications/?page=2")

    assert first.content.decode().count('class="notification unread"') == 20
    assert second.content.decode().count('class="notification unread"') == 5
    assert "Page 2 sur 2" in second.content.decode()


def test_the_bell_count_is_on_every_page_for_members(member_client, member):
    _notification(member)
    _notification(member)
    _notification(member, read=True)

    response = member_client.get("/notifications/preferences/")

    assert response.context["unread_notifications"] == 2
    assert 'id="notification-count" class="badge" data-count="2"' in response.content.decode()


def test_the_api_gives_the_count_and_the_latest_ten(member_client, member, other_member):
    Notification.objects.bulk_create(
        [Notification(recipient=member, kind="test_reply", title=f"N{i}") for i in range(12)]
    )
    _notification(member, title="Lue", read=True)
    _notification(other_member, title="Pas à moi")

    response = member_client.get("/notifications/api/", **JSON)

    assert response.status_code == 200
    data = response.json()
    assert data["unread_count"] == 12
    assert len(data["items"]) == 10
    assert {"id", "kind", "title", "url", "created_at", "read"} <= set(data["items"][0])
    assert "Pas à moi" not in {item["title"] for item in data["items"]}


def test_mark_one_as_read(member_client, member):
    notification = _notification(member)

    response = member_client.post(f"/notifications/{notification.pk}/lue/")

    assert response.status_code == 302
    assert response["Location"] == "/notifications/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_one_as_read_returns_to_a_local_page_only(member_client, member):
    first, second = _notification(member), _notification(member)

    local = member_client.post(
        f"/notifications/{first.pk}/lue/", {"next": "/notifications/?page=2"}
    )
    foreign = member_client.post(
        f"/notifications/{second.pk}/lue/", {"next": "https://evil.example/"}
    )

    assert local["Location"] == "/notifications/?page=2"
    assert foreign["Location"] == "/notifications/"


def test_mark_all_as_read_touches_only_ones_own(member_client, member, other_member):
    _notification(member)
    _notification(member)
    theirs = _notification(other_member)

    response = member_client.post("/notifications/tout-lu/", follow=True)

    assert response.status_code == 200
    assert "Toutes vos notifications sont marquées comme lues." in response.content.decode()
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_opening_a_notification_marks_it_read_and_follows_its_link(member_client, member):
    notification = _notification(member, url="/formations/3/")

    response = member_client.get(f"/notifications/{notification.pk}/ouvrir/")

    assert response.status_code == 302
    assert response["Location"] == "/formations/3/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_a_notification_never_leaves_the_site(member_client, member):
    notification = _notification(member, url="https://evil.example/")

    response = member_client.get(f"/notifications/{notification.pk}/ouvrir/")

    assert response["Location"] == "/notifications/"


@pytest.mark.parametrize(
    "method, path",
    [("post", "/notifications/{pk}/lue/"), ("get", "/notifications/{pk}/ouvrir/")],
)
def test_another_members_notification_does_not_exist(member_client, other_member, method, path):
    theirs = _notification(other_member)

    response = getattr(member_client, method)(path.format(pk=theirs.pk))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_requires_post(member_client, member):
    notification = _notification(member)

    assert member_client.get(f"/notifications/{notification.pk}/lue/").status_code == 405
    assert member_client.get("/notifications/tout-lu/").status_code == 405
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.parametrize("path", ["/notifications/", "/notifications/preferences/"])
def test_anonymous_visitors_are_sent_to_login(anonymous_client, path):
    response = anonymous_client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/")


def test_anonymous_api_calls_get_401(anonymous_client):
    assert anonymous_client.get("/notifications/api/", **JSON).status_code == 401


def test_applicants_are_refused(applicant_client, applicant):
    _notification(applicant)

    page = applicant_client.get("/notifications/")
    api = applicant_client.get("/notifications/api/", **JSON)

    assert page.status_code == 302 and page["Location"] == "/adhesion/en-attente/"
    assert api.status_code == 403


def test_suspended_members_are_refused(suspended_client, suspended):
    notification = _notification(suspended)

    assert suspended_client.get("/notifications/").status_code == 403
    assert suspended_client.get("/notifications/api/", **JSON).status_code == 403
    assert suspended_client.post(f"/notifications/{notification.pk}/lue/").status_code == 403
    notification.refresh_from_db()
    assert notification.read_at is None


def test_lapsed_members_are_sent_to_renewal(expired_client):
    response = expired_client.get("/notifications/")

    assert response.status_code == 302 and response["Location"] == "/adhesion/renouvellement/"


def test_staff_have_their_own_center(staff_client, staff):
    _notification(staff, title="Pour l'équipe")

    response = staff_client.get("/notifications/")

    assert response.status_code == 200
    assert "Pour l&#x27;équipe" in response.content.decode()
