"""What each app contributes, read from its AppConfig in one place: the lists, the menu, the home."""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.urls import reverse

from community import registry
from community.access import url_access_table
from notifications.kinds import KINDS

FEATURE_APPS = ["forum", "documents", "cvtheque", "trainings"]
MEMBER_MENU = ["Forum", "Documents", "CVthèque", "Formations", "Annuaire"]


def apps_contributing(name: str) -> list[str]:
    return [app for app, _contribution in registry.contributions(name)]


def menu_of(html: str) -> list[str]:
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S)
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav.group(0)) if nav else []


# -- the registry -----------------------------------------------------------------------------


def test_every_app_contributes_access_and_gdpr_in_settings_order():
    assert apps_contributing("access") == settings.CIMAISE_APPS
    assert apps_contributing("gdpr") == settings.CIMAISE_APPS


def test_demo_data_comes_from_every_app_but_community_which_seeds_the_accounts_itself():
    assert apps_contributing("demo") == [a for a in settings.CIMAISE_APPS if a != "community"]


def test_every_app_declares_its_notification_kinds():
    assert apps_contributing("notification_kinds") == settings.CIMAISE_APPS
    declared = {
        kind.key for _app, kinds in registry.contributions("notification_kinds") for kind in kinds
    }
    assert declared <= set(KINDS)
    assert {"membership_approved", "announcement", "forum_reply", "document_new"} <= declared
    assert {"cv_contact", "training_promoted"} <= declared


def test_menu_and_home_cards_come_from_the_feature_apps():
    assert apps_contributing("navigation") == ["community", *FEATURE_APPS]
    assert apps_contributing("home_panels") == FEATURE_APPS


def test_the_access_table_merges_every_app_table():
    table = url_access_table()
    for _app, url_access in registry.contributions("access"):
        assert url_access.items() <= table.items()


def test_an_app_without_the_contribution_is_skipped_and_strings_are_imported(monkeypatch):
    configs = [
        SimpleNamespace(name="first", demo="community.management.commands.seed_demo:Command"),
        SimpleNamespace(name="silent"),
        SimpleNamespace(name="second", demo="community.gdpr"),
        SimpleNamespace(name="inline", demo=("an", "object")),
    ]
    monkeypatch.setattr(registry.apps, "get_app_configs", lambda: configs)
    from community import gdpr
    from community.management.commands.seed_demo import Command

    # The cached answer belongs to the real apps: ask the loader itself.
    found = registry.contributions.__wrapped__("demo")

    assert found == [("first", Command), ("second", gdpr), ("inline", ("an", "object"))]
    assert registry.contributions.__wrapped__("search") == []


# -- the main menu ----------------------------------------------------------------------------


def test_a_member_sees_each_app_entry_in_order(member_client):
    html = member_client.get(reverse("community:profile")).text

    assert menu_of(html) == MEMBER_MENU
    for url_name in ("forum:index", "documents:index", "cvtheque:home", "trainings:list"):
        assert f'href="{reverse(url_name)}"' in html


def test_staff_also_sees_memberships(staff_client):
    html = staff_client.get(reverse("community:profile")).text

    assert menu_of(html) == [*MEMBER_MENU, "Adhésions"]


def test_an_applicant_sees_no_menu(applicant_client):
    html = applicant_client.get(reverse("community:profile")).text

    assert 'class="main-nav"' not in html
    assert menu_of(html) == []


@pytest.mark.parametrize(
    ("url_name", "current"),
    [
        ("trainings:list", "Formations"),
        ("cvtheque:offer_list", "CVthèque"),
        ("community:directory", "Annuaire"),
    ],
)
def test_the_current_section_is_marked(member_client, url_name, current):
    html = member_client.get(reverse(url_name)).text

    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    assert re.findall(r'aria-current="page">([^<]+)</a>', nav) == [current]


def test_the_home_page_marks_no_section(member_client):
    nav = re.search(r'<nav class="main-nav".*?</nav>', member_client.get("/").text, re.S)

    assert "aria-current" not in nav.group(0)


# -- the home page ----------------------------------------------------------------------------


def test_the_home_page_shows_each_app_card(member_client):
    html = member_client.get(reverse("community:home")).text

    # Each app's card, computed for the member, in the apps' order.
    titles = {
        "forum:index": "Forum",
        "documents:index": "Documents",
        "cvtheque:home": "CVthèque et offres",
        "trainings:list": "Formations",
    }
    positions = []
    for url_name, title in titles.items():
        card = re.search(rf'<h2 id="[\w-]+"><a href="{reverse(url_name)}">{title}</a></h2>', html)
        assert card, title
        positions.append(card.start())
    assert positions == sorted(positions)
    assert "Mes questions sans réponse" in html and "Mes prochaines formations" in html


def test_community_templates_name_no_feature_app():
    """The menu and the home cards come from the registry: no feature URL written by hand, no
    feature app's template tags."""
    templates = Path(settings.BASE_DIR) / "community" / "templates"
    for template in templates.rglob("*.html"):
        text = template.read_text()
        for app_path in ("/forum/", "/documents/", "/cvtheque/", "/formations/", "/annuaire/"):
            assert f'"{app_path}' not in text, f"{template} writes {app_path}"
        assert "{% load forum" not in text, template
