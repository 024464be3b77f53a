"""Every page names an icon, and /favicon.ico (asked by browsers whatever the page says) is found,
even before logging in."""

import pytest
from django.contrib.staticfiles import finders
from django.test import Client


@pytest.mark.usefixtures("db")
def test_favicon_ico_is_found_without_logging_in():
    response = Client().get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/community/favicon.ico"
    assert "max-age" in response["Cache-Control"]
    path = finders.find("community/favicon.ico")
    with open(path, "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file


@pytest.mark.usefixtures("db")
def test_the_login_page_links_the_svg_icon():
    page = Client().get("/comptes/login/").content.decode()
    assert '<link rel="icon" href="/static/community/favicon.svg" type="image/svg+xml">' in page
    with open(finders.find("community/favicon.svg"), encoding="utf-8") as icon:
        assert icon.read().startswith("<svg ")


def test_member_pages_link_it_too(member_client):
    page = member_client.get("/formations/").content.decode()
    assert 'rel="icon" href="/static/community/favicon.svg"' in page
