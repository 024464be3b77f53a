"""Who sees which CV: hidden never, recruiters-only never to plain members, shared to members."""

import datetime

import pytest
from django.utils import timezone

from cvtheque.models import CandidateProfile, ProfileView
from tests import factories

VISIBLE_TO = {
    # visibility -> roles who find it in lists and can open it
    "recruiters": {"recruiter", "staff"},
    "members": {"member", "moderator", "recruiter", "staff"},
    "hidden": set(),
}


def _pages_seen(client, profile):
    """Where a profile shows up for this client: list, search, detail, file."""
    seen = set()
    listing = client.get("/cvtheque/cv/")
    if listing.status_code == 200 and profile.headline in listing.content.decode():
        seen.add("list")
    search = client.get("/cvtheque/cv/recherche/")
    if search.status_code == 200 and profile.headline in search.content.decode():
        seen.add("search")
    if client.get(f"/cvtheque/cv/{profile.pk}/").status_code == 200:
        seen.add("detail")
    return seen


@pytest.mark.parametrize("visibility", ["recruiters", "members", "hidden"])
@pytest.mark.parametrize("role", ["member", "moderator", "recruiter", "staff"])
@pytest.mark.usefixtures("db")
def test_visibility_matrix(client_for_role, visibility, role):
    profile = factories.CandidateProfileFactory(visibility=visibility)
    client, _user = client_for_role(role)
    seen = _pages_seen(client, profile)
    if role in VISIBLE_TO[visibility]:
        assert "detail" in seen
        # Recruiters find CVs through the search; plain members through the shared list.
        assert ("search" in seen) if role in ("recruiter", "staff") else ("list" in seen)
    else:
        assert seen == set()


def test_hidden_profile_never_appears_even_to_staff(staff_client):
    profile = factories.CandidateProfileFactory(visibility="hidden", headline="Profil masqué")
    assert "Profil masqué" not in staff_client.get("/cvtheque/cv/recherche/").content.decode()
    assert "Profil masqué" not in staff_client.get("/cvtheque/cv/").content.decode()
    assert staff_client.get(f"/cvtheque/cv/{profile.pk}/").status_code == 404
    assert staff_client.get(f"/cvtheque/cv/{profile.pk}/fichier/").status_code == 404


def test_recruiters_only_profile_file_is_refused_to_members(member_client):
    profile = factories.CandidateProfileFactory(visibility="recruiters", cv_file="cvtheque/x.pdf")
    assert member_client.get(f"/cvtheque/cv/{profile.pk}/fichier/").status_code == 404


def test_expired_profile_never_appears(recruiter_client):
    profile = factories.CandidateProfileFactory(
        visibility="members",
        headline="Profil expiré",
        expires_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert "Profil expiré" not in recruiter_client.get("/cvtheque/cv/recherche/").content.decode()
    assert recruiter_client.get(f"/cvtheque/cv/{profile.pk}/").status_code == 404


def test_owner_always_sees_own_hidden_profile(member, member_client):
    profile = factories.CandidateProfileFactory(user=member, visibility="hidden")
    assert member_client.get(f"/cvtheque/cv/{profile.pk}/").status_code == 200


def test_each_recruiter_view_is_recorded_and_shown_to_candidate(
    recruiter, recruiter_client, member, member_client
):
    profile = factories.CandidateProfileFactory(user=member)
    recruiter_client.get(f"/cvtheque/cv/{profile.pk}/")
    recruiter_client.get(f"/cvtheque/cv/{profile.pk}/")
    assert ProfileView.objects.filter(profile=profile, recruiter=recruiter).count() == 2
    page = member_client.get("/cvtheque/mon-cv/").content.decode()
    assert recruiter.get_full_name() in page
    assert recruiter.membership.structure.name in page


def test_views_by_members_and_owner_are_not_recorded(member, member_client, other_member_client):
    profile = factories.CandidateProfileFactory(user=member, visibility="members")
    member_client.get(f"/cvtheque/cv/{profile.pk}/")
    other_member_client.get(f"/cvtheque/cv/{profile.pk}/")
    assert not ProfileView.objects.exists()


def test_profile_page_never_shows_the_email(recruiter_client):
    profile = factories.CandidateProfileFactory()
    page = recruiter_client.get(f"/cvtheque/cv/{profile.pk}/").content.decode()
    assert profile.user.email not in page
    assert CandidateProfile.objects.count() == 1


@pytest.mark.parametrize("how", ["suspended", "deactivated"])
def test_cv_of_a_suspended_or_deactivated_member_is_not_on_show(recruiter_client, how):
    profile = factories.CandidateProfileFactory(visibility="members")
    assert "detail" in _pages_seen(recruiter_client, profile)
    if how == "suspended":
        profile.user.membership.status = "suspended"
        profile.user.membership.save()
    else:
        profile.user.is_active = False
        profile.user.save()
    assert _pages_seen(recruiter_client, profile) == set()
