"""Staff reject an application, with a reason the applicant receives."""

import pytest
from django.core import mail
from django.urls import reverse

from community.models import Membership
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def url(membership):
    return reverse("community:membership_reject", args=[membership.pk])


def test_staff_rejects_with_a_reason(staff_client, applicant, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            url(applicant.membership), {"reject-reason": "Structure hors Occitanie"}
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user=applicant)
    assert membership.status == Membership.Status.REJECTED
    assert membership.decision_reason == "Structure hors Occitanie"
    assert len(mail.outbox) == 1
    assert "Structure hors Occitanie" in mail.outbox[0].body
    assert "n'a pas été retenue" in mail.outbox[0].body
    # Not a member, they see no notification on the site: the email is the message.
    assert not Notification.objects.filter(recipient=applicant).exists()


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reason_is_required(staff_client, applicant, reason, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url(applicant.membership), {"reject-reason": reason})
    assert response.status_code == 400
    assert "Indiquez le motif du refus" in response.content.decode()
    assert Membership.objects.get(user=applicant).status == Membership.Status.PENDING
    assert len(mail.outbox) == 0
    assert not Notification.objects.exists()


def test_an_active_membership_cannot_be_rejected(staff_client, member):
    response = staff_client.post(url(member.membership), {"reject-reason": "Erreur"})
    assert response.status_code == 400
    assert Membership.objects.get(user=member).status == Membership.Status.ACTIVE


@pytest.mark.parametrize("role, status", [("member", 403), ("applicant", 302), ("anonymous", 302)])
def test_other_roles_cannot_reject(client_for_role, applicant, role, status):
    client, _user = client_for_role(role)
    response = client.post(url(applicant.membership), {"reject-reason": "Non"})
    assert response.status_code == status
    assert Membership.objects.get(user=applicant).status == Membership.Status.PENDING
