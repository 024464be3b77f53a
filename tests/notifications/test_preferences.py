"""A member chooses, per kind of notification, how they are told."""

import pytest

from notifications.kinds import KINDS, Delivery
from notifications.models import NotificationPreference

pytestmark = pytest.mark.django_db


def _choices(**chosen):
    """The whole form as a browser sends it: every kind at its default unless chosen."""
    data = {f"kind_{key}": kind.default_delivery for key, kind in KINDS.items()}
    data["digest_frequency"] = "weekly"
    data.update({f"kind_{key}": delivery for key, delivery in chosen.items()})
    return data


def test_the_page_lists_kinds_grouped_by_capability(member_client):
    response = member_client.get("/notifications/preferences/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<legend>Forum</legend>" in page and "<legend>Documents</legend>" in page
    assert "Réponse à un sujet suivi" in page
    assert 'for="id_kind_test_reply_0"' in page and 'type="radio"' in page
    assert "Résumé par e-mail" in page and "par défaut" in page


def test_the_page_shows_current_choices(member_client, member):
    NotificationPreference.objects.create(user=member, kind="test_reply", delivery=Delivery.OFF)

    form = member_client.get("/notifications/preferences/").context["form"]

    assert form["kind_test_reply"].value() == Delivery.OFF
    assert form["kind_test_daily"].value() == Delivery.DIGEST  # the kind's default


def test_saving_stores_the_choices(member_client, member):
    response = member_client.post(
        "/notifications/preferences/",
        _choices(test_reply=Delivery.IMMEDIATE, test_daily=Delivery.OFF),
        follow=True,
    )

    assert response.status_code == 200
    assert "Vos préférences de notification sont enregistrées." in response.content.decode()
    stored = dict(
        NotificationPreference.objects.filter(user=member).values_list("kind", "delivery")
    )
    assert stored == {"test_reply": Delivery.IMMEDIATE, "test_daily": Delivery.OFF}


def test_going_back_to_the_default_removes_the_stored_choice(member_client, member):
    NotificationPreference.objects.create(user=member, kind="test_reply", delivery=Delivery.OFF)

    member_client.post(
        "/notifications/preferences/",
        _choices(test_reply=Delivery.IN_APP, test_daily=Delivery.DIGEST),
    )

    assert not NotificationPreference.objects.filter(user=member).exists()


def test_an_invalid_choice_saves_nothing(member_client, member):
    NotificationPreference.objects.create(user=member, kind="test_reply", delivery=Delivery.OFF)

    response = member_client.post(
        "/notifications/preferences/",
        _choices(test_reply=Delivery.IMMEDIATE, test_daily="pigeon-voyageur"),
    )

    assert response.status_code == 400
    assert "Certains choix ne sont pas valables" in response.content.decode()
    stored = dict(
        NotificationPreference.objects.filter(user=member).values_list("kind", "delivery")
    )
    assert stored == {"test_reply": Delivery.OFF}


def test_one_members_choices_do_not_touch_anothers(member_client, other_member):
    NotificationPreference.objects.create(
        user=other_member, kind="test_reply", delivery=Delivery.OFF
    )

    member_client.post(
        "/notifications/preferences/",
        _choices(test_reply=Delivery.IMMEDIATE),
    )

    assert NotificationPreference.objects.get(user=other_member).delivery == Delivery.OFF


@pytest.mark.usefixtures("applicant")
def test_applicants_cannot_save_preferences(applicant_client):
    response = applicant_client.post(
        "/notifications/preferences/", _choices(test_reply=Delivery.OFF)
    )

    assert response.status_code == 302
    assert not NotificationPreference.objects.exists()
