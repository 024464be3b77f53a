"""A member asks, another answers, the asker hears of it live and marks the solution."""

import pytest
from machina.core.db.models import get_model
from playwright.sync_api import expect

from forum.models import TopicSolution

Forum = get_model("forum", "Forum")

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seeded_forums")]


def write(page, text):
    """machina's Markdown editor (EasyMDE) hides the textarea: type into the editor."""
    page.locator(".CodeMirror").first.click()
    page.keyboard.type(text)


def test_question_answer_solution(new_page, member, other_member):
    forum = Forum.objects.get(name="Conservation préventive")
    asker = new_page(member)
    asker.goto(f"/forum/forum/{forum.slug}-{forum.pk}/topic/create/")
    asker.locator("#id_subject").fill("Humidité des réserves")
    write(asker, "Quel taux d'humidité relative viser ?")
    asker.get_by_role("button", name="Soumettre").click()
    expect(asker.locator("h1")).to_contain_text("Humidité des réserves")
    topic_path = asker.url.split("?")[0].replace(asker.url.split("/forum/")[0], "")
    expect(asker.locator("#notification-bell")).to_have_attribute("data-live", "open")
    expect(asker.locator("#notification-count")).to_have_text("0")

    answerer = new_page(other_member)
    answerer.goto(topic_path.rstrip("/") + "/post/create/")
    write(answerer, "Entre 45 et 55 %, stable.")
    answerer.get_by_role("button", name="Soumettre").click()
    expect(answerer.locator(".post-content").last).to_contain_text("Entre 45 et 55")

    # The asker's bell changes without a reload.
    expect(asker.locator("#notification-count")).to_have_text("1")

    asker.reload()
    asker.locator(".forum-choose-solution button").first.click()
    expect(asker.locator(".forum-solution")).to_contain_text("Entre 45 et 55")
    assert TopicSolution.objects.filter(post__poster=other_member).exists()
