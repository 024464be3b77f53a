"""A member registers from the calendar, sees the seats change, cancels; the waiting member is
promoted and sees the bell's count change without reloading."""

import pytest

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
    assert "1 place restante" in card.inner_text()
    card.get_by_role("link", name="Régie des œuvres en prêt").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Régie des œuvres en prêt"
    assert_accessible(page)

    # Registers with a note: the seat count drops to "Complet".
    page.get_by_label("Remarque (facultatif)").fill("Végétarien")
    page.get_by_role("button", name="S'inscrire").click()
    page.wait_for_url(f"**/formations/{training.pk}/")
    assert "Votre inscription est confirmée" in page.locator(".messages").inner_text()
    assert "Complet" in page.locator("#seats").inner_text()
    assert page.locator("#my-status").inner_text().strip() == "Vous êtes inscrit·e."

    # Someone else joins the waiting list and keeps the calendar open.
    assert services.register(member=waiting_member, training=training).status == "waitlisted"
    other = new_page(waiting_member)
    other.goto("/formations/")
    other.wait_for_selector("#notification-bell[data-live='open']")
    badge = other.locator("#notification-count")
    assert badge.inner_text() == "0"

    # The member cancels: the first waiting member takes the seat and is told live.
    page.get_by_role("button", name="Se désinscrire").click()
    page.wait_for_url(f"**/formations/{training.pk}/")
    assert "Vous n'êtes pas inscrit·e." in page.locator("#my-status").inner_text()
    other.wait_for_function(
        "() => document.getElementById('notification-count').textContent.trim() === '1'"
    )
    assert Registration.objects.get(member=waiting_member).status == "confirmed"
    assert Registration.objects.get(member=member).status == "cancelled"
