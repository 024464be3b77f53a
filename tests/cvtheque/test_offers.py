"""Recruiters publish job offers for their structure; members browse them; they close by date."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from cvtheque.models import JobOffer
from tests import factories
from tests.cvtheque.conftest import make_recruiter, offer_form


def test_recruiter_publishes_offer_for_their_structure(recruiter, recruiter_client, member_client):
    response = recruiter_client.post("/cvtheque/offres/nouvelle/", offer_form(publish="1"))
    assert response.status_code == 302
    offer = JobOffer.objects.get()
    assert offer.structure == recruiter.membership.structure
    assert offer.author == recruiter
    assert offer.status == JobOffer.Status.PUBLISHED and offer.published_at
    listing = member_client.get("/cvtheque/offres/").content.decode()
    assert "Régisseur·se des collections" in listing
    page = member_client.get(offer.get_absolute_url())
    assert page.status_code == 200
    assert recruiter.membership.structure.name in page.content.decode()
    assert "Gérer l'offre" not in page.content.decode()


@pytest.mark.usefixtures("recruiter")
def test_draft_then_publish_then_close(recruiter_client, member_client):
    recruiter_client.post("/cvtheque/offres/nouvelle/", offer_form(draft="1"))
    offer = JobOffer.objects.get()
    assert offer.status == JobOffer.Status.DRAFT
    assert member_client.get(offer.get_absolute_url()).status_code == 404
    assert offer.title not in member_client.get("/cvtheque/offres/").content.decode()
    assert recruiter_client.post(f"/cvtheque/offres/{offer.pk}/publier/").status_code == 302
    offer.refresh_from_db()
    assert offer.status == JobOffer.Status.PUBLISHED
    assert recruiter_client.post(f"/cvtheque/offres/{offer.pk}/cloturer/").status_code == 302
    offer.refresh_from_db()
    assert offer.status == JobOffer.Status.CLOSED and offer.closed_at
    assert offer.title not in member_client.get("/cvtheque/offres/").content.decode()
    assert "clôturée" in member_client.get(offer.get_absolute_url()).content.decode()


def test_closing_date_in_the_past_is_refused(recruiter_client):
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = recruiter_client.post(
        "/cvtheque/offres/nouvelle/", offer_form(closing_date=yesterday, publish="1")
    )
    assert response.status_code == 400
    assert "déjà passée" in response.content.decode()
    assert not JobOffer.objects.exists()


def test_missing_fields_are_refused(recruiter_client):
    response = recruiter_client.post("/cvtheque/offres/nouvelle/", offer_form(title=""))
    assert response.status_code == 400
    assert not JobOffer.objects.exists()


def test_publishing_an_outdated_draft_is_refused(recruiter):
    offer = factories.JobOfferFactory(
        structure=recruiter.membership.structure,
        status="draft",
        published_at=None,
        closing_date=timezone.localdate() - datetime.timedelta(days=2),
    )
    client = Client()
    client.force_login(recruiter)
    response = client.post(f"/cvtheque/offres/{offer.pk}/publier/")
    assert response.status_code == 400
    offer.refresh_from_db()
    assert offer.status == JobOffer.Status.DRAFT


def test_offers_close_automatically_after_closing_date(member_client):
    today = timezone.localdate()
    past = factories.JobOfferFactory(
        title="Offre échue", closing_date=today - datetime.timedelta(days=1)
    )
    current = factories.JobOfferFactory(title="Offre ouverte", closing_date=today)
    # Even before the nightly command, the list hides it.
    listing = member_client.get("/cvtheque/offres/").content.decode()
    assert "Offre échue" not in listing and "Offre ouverte" in listing
    call_command("close_expired_offers")
    past.refresh_from_db()
    current.refresh_from_db()
    assert past.status == JobOffer.Status.CLOSED and past.closed_at
    assert current.status == JobOffer.Status.PUBLISHED
    call_command("close_expired_offers")  # safe twice
    assert JobOffer.objects.filter(status="closed").count() == 1


def test_members_filter_offers(member_client):
    factories.JobOfferFactory(title="Médiation Nîmes", departement="30", contract_type="cdd")
    factories.JobOfferFactory(
        title="Conservateur Rodez", departement="12", profession="conservation", contract_type="cdi"
    )
    page = member_client.get("/cvtheque/offres/", {"departement": "30"}).content.decode()
    assert "Médiation Nîmes" in page and "Conservateur Rodez" not in page
    page = member_client.get("/cvtheque/offres/", {"contract_type": "cdi"}).content.decode()
    assert "Conservateur Rodez" in page and "Médiation Nîmes" not in page
    page = member_client.get("/cvtheque/offres/", {"profession": "conservation"}).content.decode()
    assert "Conservateur Rodez" in page and "Médiation Nîmes" not in page
    page = member_client.get("/cvtheque/offres/", {"q": "nîmes"}).content.decode()
    assert "Médiation Nîmes" in page and "Conservateur Rodez" not in page


@pytest.mark.parametrize("role", ["member", "moderator", "in_grace"])
@pytest.mark.usefixtures("db")
def test_non_recruiters_cannot_publish(client_for_role, role):
    client, _user = client_for_role(role)
    assert client.get("/cvtheque/offres/nouvelle/").status_code == 403
    response = client.post("/cvtheque/offres/nouvelle/", offer_form(publish="1"))
    assert response.status_code == 403
    assert not JobOffer.objects.exists()


def test_recruiter_of_another_structure_cannot_touch_the_offer(recruiter):
    offer = factories.JobOfferFactory(structure=recruiter.membership.structure)
    outsider = Client()
    outsider.force_login(make_recruiter())
    for action in ["modifier", "publier", "cloturer", "supprimer"]:
        assert (
            outsider.post(f"/cvtheque/offres/{offer.pk}/{action}/", offer_form()).status_code == 403
        )
    offer.refresh_from_db()
    assert (
        offer.status == JobOffer.Status.PUBLISHED and offer.title != "Régisseur·se des collections"
    )


def test_colleague_recruiter_of_same_structure_can_edit(recruiter):
    offer = factories.JobOfferFactory(structure=recruiter.membership.structure)
    colleague = Client()
    colleague.force_login(make_recruiter(structure=recruiter.membership.structure))
    response = colleague.post(f"/cvtheque/offres/{offer.pk}/modifier/", offer_form())
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == "Régisseur·se des collections"


def test_staff_edits_and_removes_any_offer(staff_client):
    offer = factories.JobOfferFactory()
    response = staff_client.post(
        f"/cvtheque/offres/{offer.pk}/modifier/", offer_form(title="Corrigé par l'association")
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == "Corrigé par l'association"
    assert staff_client.post(f"/cvtheque/offres/{offer.pk}/supprimer/").status_code == 302
    assert not JobOffer.objects.exists()
