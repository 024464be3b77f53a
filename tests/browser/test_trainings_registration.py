"""A member registers from the calendar, sees the seats change, cancels; the waiting member is
promoted and sees the bell's count change without reloading."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.factories import TrainingFactory, make_member
from trainings import services
from trainings.models import Registration

pytestmark = pytest.mark.browser


def test_register_cancel_and_live_promotion(new_page, member):
    training = TrainingFactory(title="Régie des œuvres en prêt", capacity=2)
    services.register(member=make_member(), training=training)
    waiting_member = make_member()

    # The member finds the training in the calendar: one seat left.
    page = new_page(member)
    page.goto("/formations/")
    card = page.locator(f"article[data-training='{training.pk}']")
    expect(card).to_contain_text("1 place restante")
    card.get_by_role("link", name="Régie des œuvres en prêt").click()
    expect(page).to_have_url(re.compile(rf"/formations/{training.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Régie des œuvres en prêt")
    assert_accessible(page)

    # Registers with a note: the seat count drops to "Complet". The form posts back to the same
    # address, so the test waits for what the page says, not for its URL.
    page.get_by_label("Remarque (facultatif)").fill("Végétarien")
    page.get_by_role("button", name="S'inscrire").click()
    expect(page.locator(".messages")).to_contain_text("Votre inscription est confirmée")
    expect(page.locator("#seats")).to_contain_text("Complet")
    expect(page.locator("#my-status")).to_have_text("Vous êtes inscrit·e.")
    assert Registration.objects.get(member=member).note == "Végétarien"

    # Someone else joins the waiting list and keeps the calendar open.
    assert services.register(member=waiting_member, training=training).status == "waitlisted"
    other = new_page(waiting_member)
    other.goto("/formations/")
    expect(other.locator("#notification-bell")).to_have_attribute("data-live", "open")
    badge = other.locator("#notification-count")
    expect(badge).to_have_text("1")  # "on the waiting list", told when it happened

    # The member cancels (and confirms): the first waiting member takes the seat, told live.
    page.get_by_role("link", name="Se désinscrire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vous désinscrire ?")
    assert Registration.objects.get(member=member).status == "confirmed"
    assert_accessible(page)
    page.get_by_role("button", name="Oui, me désinscrire").click()
    expect(page.locator("#my-status")).to_have_text("Vous n'êtes pas inscrit·e.")
    expect(badge).to_have_text("2")
    assert other.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert Registration.objects.get(member=waiting_member).status == "confirmed"
    assert Registration.objects.get(member=member).status == "cancelled"
