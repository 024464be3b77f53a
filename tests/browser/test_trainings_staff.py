"""Staff create and publish a training in the browser; a member finds it in the month view."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.factories import StructureFactory
from trainings.models import Training

pytestmark = pytest.mark.browser


def test_staff_create_and_publish_then_member_sees_it_in_the_month(new_page, staff, member):
    structure = StructureFactory(name="Musée Fabre", city="Montpellier", departement="34")
    start = (timezone.localtime() + datetime.timedelta(days=3)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    page = new_page(staff)
    page.goto("/formations/gestion/nouvelle/")
    assert_accessible(page)
    page.get_by_label("Titre").fill("Photographier les collections")
    page.get_by_label("Structure organisatrice").select_option(str(structure.pk))
    page.get_by_label("Lieu (structure)").select_option(str(structure.pk))
    page.get_by_label("Début").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_ends_at").fill(
        (start + datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("Nombre de places").fill("12")
    page.get_by_label("Ouverture des inscriptions").fill(
        (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("Clôture des inscriptions").fill(
        (start - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".messages")).to_contain_text("Formation enregistrée en brouillon")
    assert_accessible(page)
    # The page already shows a message: wait for the new one, not for any.
    page.get_by_role("button", name="Publier et prévenir les membres").click()
    expect(page.locator(".messages")).to_contain_text("Formation publiée")
    training = Training.objects.get(title="Photographier les collections")
    assert training.status == Training.Status.PUBLISHED
    assert training.departement == "34"

    other = new_page(member)
    other.goto(f"/formations/mois/{start.year}/{start.month}/")
    link = other.get_by_role("link", name="Photographier les collections")
    expect(link).to_have_count(1)
    assert_accessible(other)
    link.click()
    expect(other).to_have_url(re.compile(rf"/formations/{training.pk}/$"))
    expect(other.locator("#seats")).to_contain_text("12 places restantes")
