"""A member opens the site in a real browser and reaches the home page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible


@pytest.mark.usefixtures("live_url")
def test_anonymous_visitor_is_sent_to_login(page):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/comptes/login/\?next=%2F$"))
    expect(page.locator("input[type=email], input[name=login]")).to_have_count(1)


def test_member_reaches_home_page_and_it_is_accessible(new_page, member):
    page = new_page(member)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Bonjour {member.first_name}")
    expect(page.get_by_role("navigation", name="Navigation principale")).to_be_visible()
    assert_accessible(page)
