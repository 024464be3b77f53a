"""A recruiter publishes a public-service offer: the form refuses a catégorie for a private
employer and keeps what was typed; once corrected, a member finds it with the offers' filters."""

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cvtheque.models import JobOffer
from tests.browser.conftest import assert_accessible
from tests.cvtheque.conftest import make_recruiter
from tests.factories import JobOfferFactory

pytestmark = pytest.mark.browser
SHOTS = "/tmp/h17shots"


def _shots(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        assert_accessible(page)
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def test_recruiter_publishes_and_a_member_filters(new_page, member):
    recruiter = make_recruiter()
    JobOfferFactory(title="Chargé·e de communication", sector="prive")
    closing = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()

    page = new_page(recruiter)
    page.goto("/cvtheque/offres/nouvelle/")
    page.get_by_label("Intitulé du poste").fill("Assistant·e de conservation")
    page.get_by_label("Employeur").select_option(label="Privé")
    page.get_by_label("Catégorie").select_option(label="Catégorie B")
    page.get_by_label("Cadre d'emplois").select_option(
        label="Assistant de conservation du patrimoine et des bibliothèques"
    )
    page.get_by_label("Grade").fill("Assistant de conservation principal de 2e classe")
    page.get_by_label("Statut du poste").select_option(label="Titulaire ou, à défaut, contractuel")
    page.get_by_label("Fondement du recrutement contractuel").select_option(value="L332-14")
    page.get_by_label("Type de contrat").select_option(label="CDD")
    page.get_by_label("Temps de travail").select_option(label="Temps complet")
    page.get_by_label("Métier").select_option(index=1)
    page.get_by_label("Description").fill("Inventaire, récolement, mouvements d'œuvres.")
    page.get_by_label("Lieu").fill("Albi")
    page.get_by_label("Département").select_option(value="81")
    page.get_by_label("Date limite de candidature").fill(closing)
    page.get_by_label("Rémunération").fill("IB 389 à 638")
    page.get_by_label("Comment candidater").fill("Lettre et CV à rh@albi.example")
    page.get_by_role("button", name="Publier").click()

    # Refused: a private employer has no catégorie. What was typed is still there.
    expect(page.locator(".has-error").first).to_contain_text(
        "Réservé aux offres de la fonction publique"
    )
    expect(page.get_by_label("Grade")).to_have_value(
        "Assistant de conservation principal de 2e classe"
    )
    assert not JobOffer.objects.filter(title="Assistant·e de conservation").exists()
    _shots(page, "offer-form-refused")

    page.get_by_label("Employeur").select_option(label="Fonction publique territoriale")
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assistant·e de conservation")
    expect(page.locator(".facts")).to_contain_text("Fonction publique territoriale")
    _shots(page, "offer-detail")

    # A member looks for category B posts in the public service.
    reader = new_page(member)
    reader.goto("/cvtheque/offres/")
    reader.get_by_label("Employeur").select_option(label="Fonction publique (les trois)")
    reader.get_by_label("Catégorie").select_option(label="Catégorie B")
    reader.get_by_role("button", name="Filtrer").click()
    results = reader.locator(".offer-results")
    expect(results).to_contain_text("Assistant·e de conservation")
    expect(results).not_to_contain_text("Chargé·e de communication")
    _shots(reader, "offer-list-filtered")
