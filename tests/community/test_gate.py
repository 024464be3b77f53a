"""The gate for members whose membership lapsed or was suspended."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_in_grace_a_member_still_reads(in_grace_client, other_member):
    assert in_grace_client.get(reverse("community:directory")).status_code == 200
    response = in_grace_client.get(reverse("community:member_detail", args=[other_member.pk]))
    assert response.status_code == 200


def test_in_grace_the_home_page_says_to_renew(in_grace_client):
    html = in_grace_client.get(reverse("community:home")).content.decode()
    assert "Votre adhésion a expiré" in html
    assert reverse("community:renew") in html


def test_in_grace_a_member_cannot_write(in_grace_client):
    response = in_grace_client.post(reverse("community:directory"), {})
    assert response.status_code == 403
    assert "mais pas y publier" in response.content.decode()


def test_in_grace_a_member_may_still_edit_their_profile(in_grace_client, in_grace):
    response = in_grace_client.post(
        reverse("community:profile"),
        {"first_name": "Grâce", "last_name": in_grace.last_name, "handle": in_grace.handle},
    )
    assert response.status_code == 302
    in_grace.refresh_from_db()
    assert in_grace.first_name == "Grâce"


def test_after_the_grace_period_only_the_renewal_page(expired_client):
    for name in ("community:home", "community:directory"):
        response = expired_client.get(reverse(name))
        assert response.status_code == 302
        assert response.url == reverse("community:renew")
    page = expired_client.get(reverse("community:renew"))
    assert page.status_code == 200
    assert "Renouveler mon adhésion" in page.content.decode()


def test_a_suspended_member_sees_nothing(suspended_client):
    for name in ("community:home", "community:directory", "community:renew", "community:profile"):
        response = suspended_client.get(reverse(name))
        assert response.status_code == 403
        assert "Votre compte est suspendu" in response.content.decode()


def test_a_suspended_member_may_still_read_the_legal_page(suspended_client):
    assert suspended_client.get(reverse("community:legal")).status_code == 200
