"""Staff renew a membership: it runs to the end of the next year not yet covered."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from community.models import Membership
from notifications.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db


def url(membership):
    return reverse("community:membership_renew", args=[membership.pk])


def end_of_year_from(day: datetime.date) -> datetime.date:
    """A membership starting on `day` runs to 31 December, of the next year from 1 October."""
    return datetime.date(day.year + (day.month >= 10), 12, 31)


def test_renewing_a_lapsed_membership_restores_access(
    staff_client, expired, expired_client, django_capture_on_commit_callbacks
):
    assert expired_client.get(reverse("community:directory")).url == reverse("community:renew")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url(expired.membership))
    assert response.status_code == 302
    membership = Membership.objects.get(user=expired)
    assert membership.status == Membership.Status.ACTIVE
    assert membership.valid_until == end_of_year_from(timezone.localdate())
    assert "renouvelée" in mail.outbox[0].subject
    assert Notification.objects.get(recipient=expired).kind == "membership_approved"
    assert expired_client.get(reverse("community:directory")).status_code == 200


def test_renewing_a_current_membership_adds_the_next_year(staff_client, member):
    covered = member.membership.valid_until
    staff_client.post(url(member.membership))
    membership = Membership.objects.get(user=member)
    assert membership.valid_until == datetime.date(covered.year + 1, 12, 31)


def test_renewing_lifts_a_suspension(staff_client, suspended):
    staff_client.post(url(suspended.membership))
    assert Membership.objects.get(user=suspended).status == Membership.Status.ACTIVE


def test_a_pending_application_cannot_be_renewed(staff_client, applicant):
    response = staff_client.post(url(applicant.membership))
    assert response.status_code == 400
    assert "abord être acceptée" in response.content.decode()
    membership = Membership.objects.get(user=applicant)
    assert (membership.status, membership.valid_until) == (Membership.Status.PENDING, None)


@pytest.mark.parametrize("role, status", [("member", 403), ("expired", 302), ("anonymous", 302)])
def test_other_roles_cannot_renew(client_for_role, role, status):
    client, user = client_for_role(role)
    # Each tries to renew a lapsed membership (their own, when they have one).
    target = user.membership if user else factories.make_expired(days_ago=90).membership
    before = target.valid_until
    response = client.post(url(target))
    assert response.status_code == status
    assert Membership.objects.get(pk=target.pk).valid_until == before
