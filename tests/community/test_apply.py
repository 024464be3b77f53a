"""A signed-up person applies for membership, then (once approved) reaches the members' space."""

import pytest
from django.urls import reverse

from community.membership.forms import structure_label
from community.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


def application(structure, **overrides):
    data = {
        "structure": structure_label(structure),
        "job_title": "Régisseuse",
        "profession": "regie",
        "application_note": "Je travaille au musée depuis 2019.",
    }
    data.update(overrides)
    return data


def test_a_newcomer_applies_and_waits(client):
    newcomer = factories.UserFactory()
    structure = factories.StructureFactory()
    client.force_login(newcomer)
    assert client.get(reverse("community:home")).url == reverse("community:apply")
    response = client.post(reverse("community:apply"), application(structure))
    assert response.status_code == 302
    assert response.url == reverse("community:pending")
    membership = Membership.objects.get(user=newcomer)
    assert membership.status == Membership.Status.PENDING
    assert membership.structure == structure
    page = client.get(reverse("community:pending"))
    assert "est en cours d" in page.content.decode()


def test_apply_then_approve_then_access(client, staff_client, django_capture_on_commit_callbacks):
    newcomer = factories.UserFactory()
    client.force_login(newcomer)
    client.post(reverse("community:apply"), application(factories.StructureFactory()))
    membership = Membership.objects.get(user=newcomer)
    # Before approval the members' space is closed.
    assert client.get(reverse("community:directory")).url == reverse("community:pending")
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("community:membership_approve", args=[membership.pk]))
    response = client.get(reverse("community:home"))
    assert response.status_code == 200
    assert "Votre adhésion est valable jusqu" in response.content.decode()
    assert client.get(reverse("community:directory")).status_code == 200


def test_invalid_application_is_refused_and_nothing_saved(client):
    newcomer = factories.UserFactory()
    client.force_login(newcomer)
    response = client.post(
        reverse("community:apply"), application(factories.StructureFactory(), job_title="")
    )
    assert response.status_code == 400
    assert "Ce champ est obligatoire" in response.content.decode()
    assert not Membership.objects.filter(user=newcomer).exists()


def test_a_member_cannot_apply_again(member_client, member):
    before = Membership.objects.get(user=member)
    response = member_client.post(
        reverse("community:apply"), application(factories.StructureFactory())
    )
    assert response.status_code == 302
    after = Membership.objects.get(user=member)
    assert (after.status, after.structure_id) == (before.status, before.structure_id)


def test_a_rejected_person_may_apply_again(client):
    membership = factories.MembershipFactory(
        status=Membership.Status.REJECTED, valid_until=None, decision_reason="Hors région"
    )
    client.force_login(membership.user)
    page = client.get(reverse("community:apply"))
    assert "Hors région" in page.content.decode()
    client.post(reverse("community:apply"), application(factories.StructureFactory()))
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING
    assert membership.decision_reason == ""


def test_anonymous_is_sent_to_login(anonymous_client):
    response = anonymous_client.post(
        reverse("community:apply"), application(factories.StructureFactory())
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not Membership.objects.exists()
