"""Whose CV is on show and who is alerted of an offer: current members only (the grace period
included), whatever the directory says."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from community.models import Membership
from cvtheque import services
from cvtheque.models import OfferAlert
from tests import factories
from tests.cvtheque.conftest import make_recruiter

pytestmark = pytest.mark.django_db

ON_SHOW = {"active", "hidden", "grace"}


def _candidates(settings):
    today = timezone.localdate()

    def cv(**membership):
        user = factories.MembershipFactory(**membership).user
        return factories.CandidateProfileFactory(
            user=user, visibility="members", professions=["regie"], departements=["31"]
        )

    return {
        "active": cv(),
        "hidden": cv(user__hide_from_directory=True),
        "grace": cv(
            status=Membership.Status.EXPIRED, valid_until=today - datetime.timedelta(days=3)
        ),
        "lapsed": cv(
            status=Membership.Status.EXPIRED,
            valid_until=today - datetime.timedelta(days=settings.MEMBERSHIP_GRACE_DAYS + 5),
        ),
        "suspended": cv(status=Membership.Status.SUSPENDED),
        "closed account": cv(user__is_active=False),
    }


def test_the_cv_list_shows_current_members_cvs(settings, member_client):
    profiles = _candidates(settings)
    page = member_client.get(reverse("cvtheque:profile_list")).context["page"]
    shown = {profile.pk for profile in page.object_list}
    for kind, profile in profiles.items():
        assert (profile.pk in shown) is (kind in ON_SHOW), kind


def test_a_lapsed_members_cv_page_is_gone(settings, member_client):
    profiles = _candidates(settings)
    for kind, profile in profiles.items():
        response = member_client.get(reverse("cvtheque:profile_detail", args=[profile.pk]))
        assert response.status_code == (200 if kind in ON_SHOW else 404), kind


def test_job_alerts_reach_current_members_only(settings):
    profiles = _candidates(settings)
    recruiter = make_recruiter()
    offer = factories.JobOfferFactory(
        structure=recruiter.membership.structure,
        author=recruiter,
        profession="regie",
        departement="31",
        status="draft",
        published_at=None,
    )
    services.publish_offer(offer=offer, by=recruiter)
    alerted = set(OfferAlert.objects.filter(offer=offer).values_list("user_id", flat=True))
    for kind, profile in profiles.items():
        assert (profile.user_id in alerted) is (kind in ON_SHOW), kind
