"""Who may reach what in trainings: anonymous, applicant, member, staff."""

import pytest
from django.urls import reverse

from tests.factories import TrainingFactory
from trainings.models import Training

MEMBER_PAGES = ["trainings:list", "trainings:month", "trainings:mine"]
STAFF_PAGES = ["trainings:staff_list", "trainings:staff_create"]
# What the members-only gate shows a member who reaches for a staff page.
STAFF_ONLY = "Cette page est réservée à d&#x27;autres rôles que le vôtre."


def _refused_by_the_gate(response):
    """The gate's refusal page, not a 403 of the view (the page a member sees tells them)."""
    where = response.wsgi_request.path
    assert response.status_code == 403, where
    assert [t.name for t in response.templates][:1] == ["community/denied.html"], where
    assert STAFF_ONLY in response.content.decode(), where


@pytest.fixture
def training(db):  # noqa: ARG001 - db: the fixture writes rows
    return TrainingFactory()


def _staff_urls(training):
    return [reverse(name) for name in STAFF_PAGES] + [
        reverse(name, args=[training.pk])
        for name in (
            "trainings:staff_detail",
            "trainings:staff_edit",
            "trainings:staff_export",
            "trainings:staff_signin_sheet",
        )
    ]


def _member_urls(training):
    return [reverse(name) for name in MEMBER_PAGES] + [
        reverse("trainings:detail", args=[training.pk]),
        reverse("trainings:ics", args=[training.pk]),
    ]


def test_anonymous_is_sent_to_login(anonymous_client, training):
    for url in _member_urls(training) + _staff_urls(training):
        response = anonymous_client.get(url)
        assert response.status_code == 302, url
        assert "/comptes/login/" in response["Location"]
    response = anonymous_client.post(reverse("trainings:register", args=[training.pk]))
    assert response.status_code == 302
    assert not training.registrations.exists()


def test_applicant_is_sent_to_the_pending_page(applicant_client, training):
    for url in _member_urls(training) + _staff_urls(training):
        response = applicant_client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].endswith("/adhesion/en-attente/")
    applicant_client.post(reverse("trainings:register", args=[training.pk]))
    assert not training.registrations.exists()


def test_member_reaches_member_pages_but_not_staff_pages(member_client, training):
    for url in _member_urls(training):
        assert member_client.get(url).status_code == 200, url
    for url in _staff_urls(training):
        _refused_by_the_gate(member_client.get(url))
    _refused_by_the_gate(member_client.post(reverse("trainings:staff_publish", args=[training.pk])))
    draft = TrainingFactory(status="draft")
    member_client.post(reverse("trainings:staff_publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == Training.Status.DRAFT
    _refused_by_the_gate(member_client.post(reverse("trainings:staff_cancel", args=[training.pk])))
    training.refresh_from_db()
    assert training.status == Training.Status.PUBLISHED


def test_staff_reach_everything(staff_client, training):
    for url in _member_urls(training) + _staff_urls(training):
        assert staff_client.get(url).status_code == 200, url


def test_members_do_not_see_drafts_staff_do(member_client, staff_client):
    draft = TrainingFactory(status="draft", title="Brouillon secret")
    assert member_client.get(reverse("trainings:detail", args=[draft.pk])).status_code == 404
    assert member_client.get(reverse("trainings:ics", args=[draft.pk])).status_code == 404
    assert "Brouillon secret" not in member_client.get(reverse("trainings:list")).content.decode()
    assert staff_client.get(reverse("trainings:detail", args=[draft.pk])).status_code == 200
    assert "Brouillon secret" in staff_client.get(reverse("trainings:list")).content.decode()
