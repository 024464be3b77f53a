"""A person edits their own profile ("Mon profil") and sees their membership and dues."""

import pytest
from django.urls import reverse

from community.models import User
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("community:profile")


def form(user, **overrides):
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "handle": user.handle,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_a_member_sees_membership_and_dues(member_client, member):
    factories.DuesPaymentFactory(membership=member.membership, year=2025, amount=30)
    response = member_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Active" in html
    assert "31 décembre" in html
    assert "30,00 €" in html and "2025" in html


def test_a_member_edits_names_handle_and_hides_from_directory(member_client, member):
    response = member_client.post(
        URL,
        form(member, first_name="Hélène", handle="helene-regie", hide_from_directory="on"),
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.first_name, member.handle, member.hide_from_directory) == (
        "Hélène",
        "helene-regie",
        True,
    )


def test_an_applicant_can_edit_their_profile(applicant_client, applicant):
    assert applicant_client.get(URL).status_code == 200
    applicant_client.post(URL, form(applicant, last_name="Nouveau"))
    applicant.refresh_from_db()
    assert applicant.last_name == "Nouveau"


def test_the_header_name_links_to_the_profile(member_client):
    html = member_client.get(reverse("community:home")).content.decode()
    assert f'href="{URL}" class="who"' in html


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"handle": "pas un slug!"}, "Ce champ ne doit contenir que des lettres"),
        ({"first_name": ""}, "Ce champ est obligatoire"),
        ({"handle": ""}, "Ce champ est obligatoire"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(member_client, member, overrides, message):
    before = User.objects.get(pk=member.pk)
    response = member_client.post(URL, form(member, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    after = User.objects.get(pk=member.pk)
    assert (after.first_name, after.handle) == (before.first_name, before.handle)


def test_a_handle_taken_by_someone_else_is_refused(member_client, member, other_member):
    response = member_client.post(URL, form(member, handle=other_member.handle))
    assert response.status_code == 400
    assert "Cet identifiant est déjà pris" in response.content.decode()
    member.refresh_from_db()
    assert member.handle != other_member.handle


def test_anonymous_is_sent_to_login(anonymous_client):
    response = anonymous_client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_suspended_person_cannot_edit(suspended_client, suspended):
    response = suspended_client.post(URL, form(suspended, first_name="Autre"))
    assert response.status_code == 403
    suspended.refresh_from_db()
    assert suspended.first_name != "Autre"
