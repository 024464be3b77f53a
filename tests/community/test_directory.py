"""Members find each other in the directory; hidden members stay hidden."""

import pytest
from django.urls import reverse

from community.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("community:directory")


def person(first, last, **membership):
    user = factories.UserFactory(first_name=first, last_name=last)
    factories.MembershipFactory(user=user, **membership)
    return user


def names(response):
    return [p.get_full_name() for p in response.context["page"].object_list]


def test_members_are_listed_with_their_structure(member_client):
    fabre = factories.StructureFactory(name="Musée Fabre", city="Montpellier", departement="34")
    person("Anne", "Castan", structure=fabre, profession="regie")
    response = member_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Anne Castan" in html and "Musée Fabre" in html and "Hérault (34)" in html


def test_search_by_name_structure_profession_departement(member_client):
    albi = factories.StructureFactory(name="Musée Toulouse-Lautrec", city="Albi", departement="81")
    rodez = factories.StructureFactory(name="Musée Soulages", city="Rodez", departement="12")
    person("Paul", "Agasse", structure=albi, profession="mediation")
    person("Jeanne", "Borie", structure=rodez, profession="regie")
    assert names(member_client.get(URL, {"q": "agass"})) == ["Paul Agasse"]
    assert names(member_client.get(URL, {"structure": "soulages"})) == ["Jeanne Borie"]
    assert names(member_client.get(URL, {"profession": "mediation"})) == ["Paul Agasse"]
    assert names(member_client.get(URL, {"departement": "12"})) == ["Jeanne Borie"]


def test_bad_filter_values_answer_400(member_client):
    assert member_client.get(URL, {"departement": "75"}).status_code == 400


def test_hidden_members_and_applicants_are_not_listed(member_client, applicant):
    hidden = person("Cachée", "Discrète")
    hidden.hide_from_directory = True
    hidden.save()
    person("Suspendu", "Durand", status=Membership.Status.SUSPENDED)
    listed = names(member_client.get(URL))
    assert "Cachée Discrète" not in listed
    assert "Suspendu Durand" not in listed
    assert applicant.get_full_name() not in listed


def test_the_directory_is_paginated(member_client):
    for n in range(25):
        person("Membre", f"Numéro{n:02d}")
    first = member_client.get(URL)
    assert len(first.context["page"].object_list) == 20
    second = member_client.get(URL, {"page": 2})
    assert second.context["page"].number == 2
    assert 'rel="prev"' in second.content.decode()


def test_a_profile_page_shows_structure_and_profession(member_client, other_member):
    response = member_client.get(reverse("community:member_detail", args=[other_member.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert other_member.membership.structure.name in html
    assert "Conservation" in html


def test_a_hidden_member_has_no_profile_page_for_others(member_client, other_member):
    other_member.hide_from_directory = True
    other_member.save()
    url = reverse("community:member_detail", args=[other_member.pk])
    assert member_client.get(url).status_code == 404
    own = factories.UserFactory._meta.model.objects.get(pk=other_member.pk)
    from django.test import Client

    client = Client()
    client.force_login(own)
    assert client.get(url).status_code == 200


def test_an_applicant_has_no_profile_page(member_client, applicant):
    url = reverse("community:member_detail", args=[applicant.pk])
    assert member_client.get(url).status_code == 404


@pytest.mark.parametrize(
    "role, status", [("applicant", 302), ("anonymous", 302), ("expired", 302), ("suspended", 403)]
)
def test_non_members_cannot_open_the_directory(client_for_role, member, role, status):
    client, _user = client_for_role(role)
    response = client.get(URL)
    assert response.status_code == status
    assert member.get_full_name() not in response.content.decode()
