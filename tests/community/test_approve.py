"""Staff approve a pending application from the membership dashboard."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from community.models import Membership
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def url(membership):
    return reverse("community:membership_approve", args=[membership.pk])


def test_staff_approves_a_pending_application(
    staff_client, staff, applicant, django_capture_on_commit_callbacks
):
    membership = applicant.membership
    spring = datetime.datetime(2026, 5, 12, 10, 0, tzinfo=datetime.UTC)
    with time_machine.travel(spring, tick=False), django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url(membership))
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert membership.valid_until == datetime.date(2026, 12, 31)
    assert membership.approved_by == staff
    assert membership.approved_at is not None
    # The decision is emailed (French, text and HTML) and stored as a notification.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [applicant.email]
    assert "Votre adhésion est acceptée" in message.subject
    assert "a été acceptée" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "a été acceptée" in html
    notification = Notification.objects.get(recipient=applicant)
    assert notification.kind == "membership_approved"
    assert notification.url == reverse("community:home")


def test_the_dashboard_lists_pending_applications_first(staff_client, applicant, member):
    response = staff_client.get(reverse("community:membership_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(applicant.membership.structure.name) < html.index(
        member.membership.structure.name
    )
    assert "1 candidature en attente" in html


def test_the_member_page_offers_the_decision_forms(staff_client, applicant):
    response = staff_client.get(
        reverse("community:membership_detail", args=[applicant.membership.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert url(applicant.membership) in html
    assert reverse("community:membership_reject", args=[applicant.membership.pk]) in html


def test_an_active_membership_cannot_be_approved_again(staff_client, member):
    before = Membership.objects.get(user=member)
    response = staff_client.post(url(before))
    assert response.status_code == 400
    assert "Seule une candidature en attente" in response.content.decode()
    after = Membership.objects.get(user=member)
    assert (after.approved_by, after.valid_until) == (before.approved_by, before.valid_until)
    assert len(mail.outbox) == 0


def test_it_rejects_get(staff_client, applicant):
    assert staff_client.get(url(applicant.membership)).status_code == 405
    assert Membership.objects.get(user=applicant).status == Membership.Status.PENDING


@pytest.mark.parametrize(
    "role, status", [("member", 403), ("moderator", 403), ("recruiter", 403), ("applicant", 302)]
)
def test_other_roles_cannot_approve(client_for_role, applicant, role, status):
    client, _user = client_for_role(role)
    response = client.post(url(applicant.membership))
    assert response.status_code == status
    assert Membership.objects.get(user=applicant).status == Membership.Status.PENDING
    assert not Notification.objects.exists()


def test_anonymous_cannot_approve(anonymous_client, applicant):
    response = anonymous_client.post(url(applicant.membership))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert Membership.objects.get(user=applicant).status == Membership.Status.PENDING


@pytest.mark.parametrize(
    ("role", "status", "sent_to"),
    [("member", 403, None), ("applicant", 302, "/adhesion/en-attente/")],
)
def test_other_roles_cannot_see_the_dashboard(client_for_role, role, status, sent_to):
    client, _user = client_for_role(role)
    response = client.get(reverse("community:membership_list"))
    assert response.status_code == status
    assert response.get("Location") == sent_to
    assert "candidature en attente" not in response.content.decode()


@pytest.mark.usefixtures("applicant")
def test_staff_home_shows_the_pending_count(staff_client):
    html = staff_client.get(reverse("community:home")).content.decode()
    assert "1 candidature en attente" in html
    assert reverse("community:membership_list") in html


@pytest.mark.usefixtures("applicant")
def test_member_home_shows_no_pending_count(member_client):
    html = member_client.get(reverse("community:home")).content.decode()
    assert "candidature en attente" not in html
    assert "Votre adhésion est valable jusqu" in html
