"""Staff record a dues payment (year, amount, date, method)."""

import datetime
import html
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


def test_a_year_already_paid_is_not_recorded_twice_and_the_form_is_kept(staff_client, member):
    assert staff_client.post(url(member.membership), dues()).status_code == 302
    detail = reverse("community:membership_detail", args=[member.membership.pk])
    page = html.unescape(staff_client.get(detail).content.decode())
    year = timezone.localdate().year
    # The year is paid: the form is folded and offers the next year.
    assert f"La cotisation {year} est réglée" in page
    assert "<details>" in page and f'name="dues-year" value="{year + 1}"' in page

    again = staff_client.post(url(member.membership), dues(**{"dues-amount": "12.50"}))
    assert again.status_code == 400
    page = html.unescape(again.content.decode())
    assert f"La cotisation {year} est déjà enregistrée" in page
    assert 'value="12.50"' in page and "<details open>" in page  # what was typed is kept
    assert DuesPayment.objects.count() == 1

    supplement = dues(**{"dues-amount": "12.50", "dues-supplement": "on"})
    assert staff_client.post(url(member.membership), supplement).status_code == 302
    assert sorted(DuesPayment.objects.values_list("amount", flat=True)) == [
        Decimal("12.50"),
        Decimal("35.00"),
    ]
