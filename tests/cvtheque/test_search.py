"""Recruiters search CVs by profession, skill, département, availability, contract and words."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.models import Membership, end_of_membership_year
from cvtheque.models import CandidateProfile
from tests import factories

SEARCH = "/cvtheque/cv/recherche/"


def _found(client, **params):
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    return response.content.decode()


def test_filters(recruiter_client):
    today = timezone.localdate()
    factories.CandidateProfileFactory(
        headline="Médiatrice Tarn",
        professions=["mediation"],
        skills=["ateliers", "lsf"],
        departements=["81"],
        contract_types=["cdd"],
        available_from=today + datetime.timedelta(days=60),
        summary="Visites en langue des signes.",
    )
    factories.CandidateProfileFactory(
        headline="Régisseur mobile",
        professions=["regie"],
        skills=["récolement"],
        departements=["31"],
        mobility="region",
        contract_types=["cdi"],
    )
    assert "Médiatrice Tarn" in _found(recruiter_client, profession="mediation")
    assert "Régisseur mobile" not in _found(recruiter_client, profession="mediation")
    assert "Médiatrice Tarn" in _found(recruiter_client, skill="LSF")
    assert "Régisseur mobile" not in _found(recruiter_client, skill="lsf")
    by_dept = _found(recruiter_client, departement="81")
    assert "Médiatrice Tarn" in by_dept and "Régisseur mobile" in by_dept  # whole region
    assert "Médiatrice Tarn" not in _found(recruiter_client, departement="31")
    soon = _found(recruiter_client, available_by=(today + datetime.timedelta(days=10)).isoformat())
    assert "Régisseur mobile" in soon and "Médiatrice Tarn" not in soon
    assert "Régisseur mobile" in _found(recruiter_client, contract_type="cdi")
    assert "Médiatrice Tarn" not in _found(recruiter_client, contract_type="cdi")
    assert "Médiatrice Tarn" in _found(recruiter_client, q="signes")
    assert "Régisseur mobile" in _found(recruiter_client, q="récolement")
    assert "Aucun" not in _found(recruiter_client, q="signes")


def test_bad_filter_is_400(recruiter_client):
    assert recruiter_client.get(SEARCH, {"available_by": "pas une date"}).status_code == 400
    assert recruiter_client.get(SEARCH, {"profession": "astronaute"}).status_code == 400


def test_results_are_paginated(recruiter_client, settings):
    settings.CV_SEARCH_PAGE_SIZE = 5
    factories.CandidateProfileFactory.create_batch(7)
    first = _found(recruiter_client)
    assert "7 CV trouvés" in first
    assert "Page 1 sur 2" in first
    assert first.count('class="card cv-card"') == 5
    assert _found(recruiter_client, page=2).count('class="card cv-card"') == 2


def _bulk_profiles(count, prefix):
    User = factories.UserFactory._meta.model
    users = User.objects.bulk_create(
        [User(email=f"{prefix}{i}@bulk.fr", handle=f"{prefix}{i}") for i in range(count)]
    )
    # Only current members' CVs are on show: each person gets an active membership.
    structure = factories.StructureFactory()
    Membership.objects.bulk_create(
        [
            Membership(
                user=user,
                structure=structure,
                job_title="Régisseuse",
                profession="regie",
                status=Membership.Status.ACTIVE,
                valid_until=end_of_membership_year(timezone.localdate()),
            )
            for user in users
        ]
    )
    expires = timezone.localdate() + datetime.timedelta(days=300)
    CandidateProfile.objects.bulk_create(
        [
            CandidateProfile(
                user=user,
                headline=f"Profil {user.pk}",
                professions=["regie"],
                skills=["récolement"],
                departements=["31"],
                consent_at=timezone.now(),
                expires_on=expires,
                visibility="members" if i % 2 else "recruiters",
            )
            for i, user in enumerate(users)
        ]
    )


def _count_queries(client, **params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(SEARCH, params)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_profiles(recruiter_client):
    _bulk_profiles(10, "few")
    small = _count_queries(recruiter_client, profession="regie", q="Profil")
    _bulk_profiles(490, "many")
    assert CandidateProfile.objects.count() == 500
    assert "500 CV trouvés" in _found(recruiter_client, profession="regie", q="Profil")
    assert _count_queries(recruiter_client, profession="regie", q="Profil") == small
    assert _count_queries(recruiter_client, profession="regie", page=3) == small


@pytest.mark.parametrize("role", ["member", "moderator", "in_grace"])
@pytest.mark.usefixtures("db")
def test_members_who_are_not_recruiters_cannot_search(client_for_role, role):
    factories.CandidateProfileFactory(visibility="members", headline="Profil partagé")
    client, _user = client_for_role(role)
    response = client.get(SEARCH, {"q": "Profil"})
    assert response.status_code == 403
    assert "Profil partagé" not in response.content.decode()


@pytest.mark.parametrize(
    ("role", "sent_to"),
    [
        ("anonymous", "/comptes/login/?next=%2Fcvtheque%2Fcv%2Frecherche%2F"),
        ("applicant", "/adhesion/en-attente/"),
        ("expired", "/adhesion/renouvellement/"),
    ],
)
@pytest.mark.usefixtures("db")
def test_outsiders_are_sent_away_from_search(client_for_role, role, sent_to):
    client, _user = client_for_role(role)
    response = client.get(SEARCH)
    assert response.status_code == 302
    assert response["Location"] == sent_to


def test_suspended_cannot_search(suspended_client):
    assert suspended_client.get(SEARCH).status_code == 403
