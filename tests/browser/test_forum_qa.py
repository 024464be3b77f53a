"""A member asks, another answers, the asker hears of it live and marks the solution."""

import pytest
from machina.core.db.models import get_model
from playwright.sync_api import expect

from forum.models import TopicSolution

Forum = get_model("forum", "Forum")

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seeded_forums")]


def test_question_answer_solution(new_page, member, other_member):
    asker = new_page(member)
    asker.goto("/")
    asker.get_by_role("link", name="Poser une question").click()
    # The forum is suggested from the asker's profession (conservation).
    expect(asker.get_by_label("Forum", exact=True)).to_have_value(
        str(Forum.objects.get(name="Conservation préventive").pk)
    )
    asker.get_by_label("Titre de la question").fill("Humidité des réserves")
    asker.get_by_label("Votre question").fill("Quel taux d'humidité relative viser ?")
    asker.get_by_role("button", name="Publier la question").click()
    expect(asker.locator("h1")).to_contain_text("Humidité des réserves")
    topic_path = asker.url.split("?")[0].replace(asker.url.split("/forum/")[0], "")
    expect(asker.locator("#notification-bell")).to_have_attribute("data-live", "open")
    expect(asker.locator("#notification-count")).to_have_text("0")

    # The answer is written in the box at the bottom of the topic, not on another page.
    answerer = new_page(other_member)
    answerer.goto(topic_path)
    answerer.get_by_label("Votre réponse").fill("Entre 45 et 55 %, stable.")
    answerer.get_by_role("button", name="Publier ma réponse").click()
    expect(answerer.locator(".qa-reply .qa-post-body").last).to_contain_text("Entre 45 et 55")

    # The asker's bell changes without a reload.
    expect(asker.locator("#notification-count")).to_have_text("1")

    asker.reload()
    asker.get_by_role("button", name="C'est la solution").click()
    expect(asker.locator(".qa-solution")).to_contain_text("Entre 45 et 55")
    assert TopicSolution.objects.filter(post__poster=other_member).exists()
