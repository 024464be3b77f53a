"""The gate for members whose membership lapsed or was suspended."""

import pytest
from django.urls import reverse

from documents.models import Folder
from tests import factories
from tests.conftest import refused_by_gate

pytestmark = pytest.mark.django_db


def test_in_grace_a_member_still_reads(in_grace_client, other_member):
    assert in_grace_client.get(reverse("community:directory")).status_code == 200
    response = in_grace_client.get(reverse("community:member_detail", args=[other_member.pk]))
    assert response.status_code == 200


def test_in_grace_the_home_page_says_to_renew(in_grace_client):
    html = in_grace_client.get(reverse("community:home")).content.decode()
    assert "Votre adhésion a expiré" in html
    assert reverse("community:renew") in html


def test_in_grace_a_member_cannot_write(in_grace_client):
    response = in_grace_client.post(reverse("community:directory"), {})
    assert response.status_code == 403
    assert "mais pas y publier" in response.content.decode()


def test_in_grace_a_member_may_still_edit_their_profile(in_grace_client, in_grace):
    response = in_grace_client.post(
        reverse("community:profile"),
        {"first_name": "Grâce", "last_name": in_grace.last_name, "handle": in_grace.handle},
    )
    assert response.status_code == 302
    in_grace.refresh_from_db()
    assert in_grace.first_name == "Grâce"


def test_after_the_grace_period_only_the_renewal_page(expired_client):
    for name in ("community:home", "community:directory"):
        response = expired_client.get(reverse(name))
        assert response.status_code == 302
        assert response.url == reverse("community:renew")
    page = expired_client.get(reverse("community:renew"))
    assert page.status_code == 200
    assert "Renouveler mon adhésion" in page.content.decode()


def test_a_suspended_member_sees_nothing(suspended_client):
    for name in ("community:home", "community:directory", "community:renew", "community:profile"):
        response = suspended_client.get(reverse(name))
        assert response.status_code == 403
        assert "Votre compte est suspendu" in response.content.decode()


def test_a_suspended_member_may_still_read_the_legal_page(suspended_client):
    assert suspended_client.get(reverse("community:legal")).status_code == 200


def test_a_refusal_says_nothing_about_the_gate_in_its_headers(
    anonymous_client, applicant_client, suspended_client, in_grace_client
):
    """What production sends: the refusal a person sees, and no header naming our mechanism."""
    refusals = [
        anonymous_client.get(reverse("community:directory")),
        anonymous_client.get(reverse("community:directory"), HTTP_ACCEPT="application/json"),
        applicant_client.get(reverse("community:directory")),
        suspended_client.get(reverse("community:directory")),
        in_grace_client.post(reverse("community:directory"), {}),
    ]
    assert [response.status_code for response in refusals] == [302, 401, 302, 403, 403]
    for response in refusals:
        assert refused_by_gate(response)  # the test-only mark of tests/conftest.py
        assert not [name for name in response.headers if name.lower().startswith("x-cimaise")]


def test_the_test_mark_tells_the_gates_refusals_from_the_views_own(member_client, staff_client):
    # A member on a staff page: the gate refuses.
    assert refused_by_gate(member_client.get(reverse("community:membership_list")))
    # A page the member may reach, and a person the directory does not know: the view's 404.
    missing = member_client.get(reverse("community:member_detail", args=[999999]))
    assert missing.status_code == 404 and not refused_by_gate(missing)
    # The same refusal page, sent by the library's own rule (only staff deposit in this folder).
    folder = factories.FolderFactory(add_access=Folder.AddAccess.STAFF)
    deposit = member_client.get(reverse("documents:upload", args=[folder.pk]))
    assert deposit.status_code == 403 and not refused_by_gate(deposit)
    assert [t.name for t in deposit.templates][:1] == ["community/denied.html"]
    # Staff reach the page: no refusal at all.
    page = staff_client.get(reverse("community:membership_list"))
    assert page.status_code == 200 and not refused_by_gate(page)
