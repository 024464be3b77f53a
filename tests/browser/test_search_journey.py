"""A member types "humidite reserve" in the header and finds the topic, with its accepted answer,
and the document about it; a restricted document stays out of sight."""

import re

import pytest
from machina.core.db.models import get_model
from playwright.sync_api import expect

from documents.models import Folder
from tests.browser.conftest import assert_accessible
from tests.search.conftest import make_answered_topic, make_document

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seeded_forums")]

Forum = get_model("forum", "Forum")


def test_a_member_searches_from_the_header(new_page, member, other_member):
    forum = Forum.objects.get(name="Conservation préventive")
    make_answered_topic(
        forum,
        other_member,
        member,
        subject="Quel taux d'humidité dans une réserve ?",
        question="Nous réaménageons une réserve de textiles.",
        answer="En réserve, visez 50 % d'humidité relative, stable.",
    )
    make_document(
        Folder.objects.create(name="Conservation", position=1),
        "Fiche humidité",
        text="Humidité relative des réserves : 45 à 55 %.",
    )
    make_document(
        Folder.objects.create(
            name="Direction", position=2, read_access="restricted", read_roles=["staff"]
        ),
        "Audit confidentiel",
        text="Humidité des réserves, budget des travaux.",
    )

    page = new_page(member)
    page.goto("/")
    box = page.get_by_role("search").first.get_by_role("searchbox")
    box.fill("humidite reserve")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/recherche/\?q=humidite\+reserve"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Rechercher dans l’espace des membres"
    )
    forum_section = page.get_by_role("region", name=re.compile("^Forum"))
    topic = forum_section.get_by_role("link", name="Quel taux d'humidité dans une réserve ?")
    expect(topic).to_be_visible()
    expect(forum_section.get_by_text("Réponse retenue")).to_be_visible()
    expect(forum_section.locator("mark").first).to_be_visible()
    documents = page.get_by_role("region", name=re.compile("^Documents"))
    expect(documents.get_by_role("link", name="Fiche humidité")).to_be_visible()
    expect(page.get_by_text("Audit confidentiel")).to_have_count(0)
    assert_accessible(page)

    # The area filter keeps the query and shows that area alone.
    page.get_by_role("navigation", name="Résultats par rubrique").get_by_role(
        "link", name=re.compile("^Documents")
    ).click()
    expect(page).to_have_url(re.compile(r"area=documents"))
    expect(page.get_by_role("link", name="Fiche humidité")).to_be_visible()
    expect(page.get_by_role("region", name=re.compile("^Forum"))).to_have_count(0)

    topic_link = page.get_by_role("navigation", name="Résultats par rubrique").get_by_role(
        "link", name=re.compile("^Forum")
    )
    topic_link.click()
    page.get_by_role("link", name="Quel taux d'humidité dans une réserve ?").click()
    expect(page.get_by_text("visez 50 % d'humidité relative").first).to_be_visible()
