"""A museum's designated contact confirms a colleague's application from the home page; staff
see the confirmation in the membership dashboard. Keyboard only, axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from community.membership import services
from tests import factories
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_a_contact_confirms_a_colleague_and_staff_see_it(new_page, staff):
    museum = factories.StructureFactory(name="Musée Fenaille", city="Rodez", departement="12")
    contact = factories.make_member(structure=museum, job_title="Directrice")
    museum.contacts.add(contact)
    newcomer = factories.UserFactory(first_name="Hugo", last_name="Valat")
    services.apply_for_membership(
        user=newcomer, structure=museum, job_title="Régisseur", profession="regie"
    )

    page = new_page(contact)
    page.goto("/")
    notice = page.get_by_role("link", name=re.compile("attend votre confirmation"))
    notice.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/adhesion/confirmations/$"))
    expect(page.get_by_role("heading", level=2, name="Hugo Valat")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Oui, cette personne travaille ici").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Merci")
    expect(page.get_by_text("Votre réponse : Travaille dans la structure.")).to_be_visible()

    desk = new_page(staff)
    desk.goto("/adhesions/?status=pending")
    expect(desk.get_by_text("confirmée par la structure")).to_be_visible()
    desk.get_by_role("link", name="Hugo Valat").click()
    expect(desk.get_by_text("Travaille dans la structure")).to_be_visible()
    assert_accessible(desk)
