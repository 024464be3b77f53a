"""Who took each decision on a membership is kept, and staff see it on the dashboard."""

import html

import pytest
from django.urls import reverse

from community.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db


def _post(client, action, membership, data=None):
    return client.post(reverse(f"community:{action}", args=[membership.pk]), data or {})


def _page(client, membership) -> str:
    response = client.get(reverse("community:membership_detail", args=[membership.pk]))
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("action", "status", "data"),
    [
        ("membership_approve", Membership.Status.PENDING, {}),
        ("membership_reject", Membership.Status.PENDING, {"reject-reason": "Hors réseau"}),
        ("membership_suspend", Membership.Status.ACTIVE, {"suspend-reason": "Impayé"}),
        ("membership_renew", Membership.Status.EXPIRED, {}),
    ],
)
def test_each_decision_records_who_took_it(staff, staff_client, action, status, data):
    staff.first_name, staff.last_name = "Odile", "Decideuse"
    staff.save()
    membership = factories.MembershipFactory(status=status)
    assert membership.decided_by is None
    assert _post(staff_client, action, membership, data).status_code == 302
    membership.refresh_from_db()
    assert membership.decided_by == staff
    assert membership.decided_at is not None
    page = _page(staff_client, membership)
    assert "Dernière décision" in page and "par Odile Decideuse" in page


def test_a_refused_decision_records_nobody(staff_client):
    membership = factories.MembershipFactory(status=Membership.Status.ACTIVE)
    response = _post(staff_client, "membership_approve", membership)
    assert response.status_code == 400
    assert "Seule une candidature en attente peut être acceptée." in html.unescape(
        response.content.decode()
    )
    membership.refresh_from_db()
    assert membership.decided_by is None and membership.decided_at is None
