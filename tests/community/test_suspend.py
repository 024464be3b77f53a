"""Staff suspend a membership: the member is told by email and sees nothing any more."""

import pytest
from django.core import mail
from django.urls import reverse

from community.models import Membership

pytestmark = pytest.mark.django_db


def url(membership):
    return reverse("community:membership_suspend", args=[membership.pk])


def test_staff_suspends_a_member_who_then_sees_nothing(
    staff_client, member, member_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url(member.membership), {"suspend-reason": "Impayé"})
    assert response.status_code == 302
    membership = Membership.objects.get(user=member)
    assert membership.status == Membership.Status.SUSPENDED
    assert membership.decision_reason == "Impayé"
    assert len(mail.outbox) == 1
    assert "suspendue" in mail.outbox[0].subject
    for name in ("community:home", "community:directory", "community:profile"):
        page = member_client.get(reverse(name))
        assert page.status_code == 403
        assert "Votre compte est suspendu" in page.content.decode()


def test_suspending_twice_is_refused(staff_client, suspended):
    response = staff_client.post(url(suspended.membership), {"suspend-reason": ""})
    assert response.status_code == 400
    assert "déjà suspendue" in response.content.decode()


def test_a_pending_application_cannot_be_suspended(staff_client, applicant):
    response = staff_client.post(url(applicant.membership), {})
    assert response.status_code == 400
    assert Membership.objects.get(user=applicant).status == Membership.Status.PENDING


@pytest.mark.parametrize(
    "role, status", [("member", 403), ("moderator", 403), ("applicant", 302), ("anonymous", 302)]
)
def test_other_roles_cannot_suspend(client_for_role, other_member, role, status):
    client, _user = client_for_role(role)
    response = client.post(url(other_member.membership), {"suspend-reason": "x"})
    assert response.status_code == status
    assert Membership.objects.get(user=other_member).status == Membership.Status.ACTIVE
