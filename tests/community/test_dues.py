"""Staff record a dues payment (year, amount, date, method)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from community.models import DuesPayment
from tests import factories

pytestmark = pytest.mark.django_db


def url(membership):
    return reverse("community:membership_record_dues", args=[membership.pk])


def dues(**overrides):
    today = timezone.localdate()
    data = {
        "dues-year": today.year,
        "dues-amount": "35.00",
        "dues-paid_on": today.isoformat(),
        "dues-method": "cheque",
    }
    data.update(overrides)
    return data


def test_staff_records_dues(staff_client, staff, member, member_client):
    response = staff_client.post(url(member.membership), dues())
    assert response.status_code == 302
    payment = DuesPayment.objects.get(membership=member.membership)
    assert payment.amount == Decimal("35.00")
    assert payment.method == "cheque"
    assert payment.recorded_by == staff
    # The member sees it in their profile, staff on the member page.
    assert "35,00 €" in member_client.get(reverse("community:profile")).content.decode()
    page = staff_client.get(reverse("community:membership_detail", args=[member.membership.pk]))
    assert "35,00 €" in page.content.decode()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"dues-amount": "0"}, "supérieure ou égale à 0.01"),
        ({"dues-amount": "-5"}, "supérieure ou égale à 0.01"),
        ({"dues-amount": "trente"}, "Saisissez un nombre"),
        ({"dues-method": "especes"}, "Sélectionnez un choix valide"),
        ({"dues-year": "1850"}, "supérieure ou égale à 2000"),
        (
            {"dues-paid_on": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()},
            "ne peut pas être dans le futur",
        ),
        ({"dues-paid_on": "hier"}, "Saisissez une date valide"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(staff_client, member, overrides, message):
    response = staff_client.post(url(member.membership), dues(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DuesPayment.objects.exists()


def test_dues_cannot_be_recorded_for_a_pending_application(staff_client, applicant):
    response = staff_client.post(url(applicant.membership), dues())
    assert response.status_code == 400
    assert not DuesPayment.objects.exists()


@pytest.mark.parametrize("role, status", [("member", 403), ("applicant", 302), ("anonymous", 302)])
def test_other_roles_cannot_record_dues(client_for_role, role, status):
    client, _user = client_for_role(role)
    target = factories.make_member().membership
    response = client.post(url(target), dues())
    assert response.status_code == status
    assert not DuesPayment.objects.exists()
