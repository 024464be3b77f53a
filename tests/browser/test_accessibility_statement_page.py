"""Someone not logged in follows the footer's accessibility link from the login page and reads
the statement; the page passes axe at desktop and phone widths."""

import os

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser
SHOTS = "/tmp/h17shots"


def test_the_statement_is_one_link_away_from_the_login_page(page):
    page.goto("/comptes/login/")
    page.get_by_role("link", name="Accessibilité : partiellement conforme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Déclaration d'accessibilité")
    expect(page.locator("main")).to_contain_text("partiellement conforme")
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        assert_accessible(page)
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/accessibility-{width}.png", full_page=True)
