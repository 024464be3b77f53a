"""A member opens the site in a real browser and reaches the home page."""

from tests.browser.conftest import assert_accessible


def test_anonymous_visitor_is_sent_to_login(page, live_url):
    page.goto("/")
    assert "/comptes/login/" in page.url
    assert page.locator("input[type=email], input[name=login]").count() == 1


def test_member_reaches_home_page_and_it_is_accessible(new_page, member):
    page = new_page(member)
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Bonjour")
    assert page.get_by_role("navigation", name="Navigation principale").is_visible()
    assert_accessible(page)
