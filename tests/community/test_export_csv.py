"""Staff export the members as CSV; nobody else can."""

import csv
import io

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("community:membership_export")


def rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_staff_downloads_the_members(staff_client, member, applicant):
    response = staff_client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    table = rows(response)
    assert table[0][:3] == ["Nom", "Prénom", "E-mail"]
    emails = {row[2] for row in table[1:]}
    assert {member.email, applicant.email} <= emails


@pytest.mark.usefixtures("member")
def test_the_export_follows_the_dashboard_filters(staff_client, applicant):
    table = rows(staff_client.get(URL, {"status": "pending"}))
    assert [row[2] for row in table[1:]] == [applicant.email]


def test_the_export_shows_the_last_dues(staff_client, member):
    factories.DuesPaymentFactory(membership=member.membership, year=2025, amount=40)
    table = rows(staff_client.get(URL))
    line = next(row for row in table if row[2] == member.email)
    assert line[-1] == "2025 (40.00 €)"


def test_cells_cannot_smuggle_spreadsheet_formulas(staff_client):
    factories.make_member(job_title='=HYPERLINK("http://x")')
    table = rows(staff_client.get(URL))
    assert any(row[7] == '\'=HYPERLINK("http://x")' for row in table)


@pytest.mark.parametrize(
    "role, status",
    [
        ("member", 403),
        ("recruiter", 403),
        ("moderator", 403),
        ("applicant", 302),
        ("suspended", 403),
        ("anonymous", 302),
    ],
)
def test_only_staff_can_export(client_for_role, member, role, status):
    client, _user = client_for_role(role)
    response = client.get(URL)
    assert response.status_code == status
    assert member.email not in response.content.decode()
