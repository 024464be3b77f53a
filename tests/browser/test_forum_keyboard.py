"""Without a mouse: ask a question, answer it, mark the solution, with Tab, Enter and the
editor's shortcuts only. The message field never traps the focus (WCAG 2.1.2)."""

import pytest
from machina.core.db.models import get_model
from playwright.sync_api import expect

from forum.models import TopicSolution

Topic = get_model("forum_conversation", "Topic")

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seeded_forums")]


def is_focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page, locator, *, backwards=False, limit=80):
    """Press Tab until `locator` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if is_focused(locator):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"Tab never reached {locator}")


def test_ask_answer_and_mark_the_solution_with_the_keyboard(new_page, member, other_member):
    asker = new_page(member)
    asker.goto("/")
    tab_to(asker, asker.get_by_role("link", name="Poser une question"))
    asker.keyboard.press("Enter")
    expect(asker.locator("h1")).to_have_text("Poser une question")

    tab_to(asker, asker.get_by_label("Titre de la question"))
    asker.keyboard.type("Lumière dans les vitrines")
    asker.keyboard.press("Tab")
    # The toolbar is one tab stop, named, before the field.
    expect(asker.get_by_role("button", name="Gras")).to_be_focused()
    asker.keyboard.press("Tab")
    message = asker.get_by_label("Votre question")
    expect(message).to_be_focused()
    asker.keyboard.type("Combien de lux pour des aquarelles ?")
    # Tab leaves the field: no trap.
    asker.keyboard.press("Tab")
    expect(message).not_to_be_focused()
    expect(message).to_have_value("Combien de lux pour des aquarelles ?")
    tab_to(asker, asker.get_by_role("button", name="Publier la question"))
    asker.keyboard.press("Enter")
    expect(asker.locator("h1")).to_have_text("Lumière dans les vitrines")
    topic = Topic.objects.get(subject="Lumière dans les vitrines")

    answerer = new_page(other_member)
    answerer.goto(asker.url)
    reply = answerer.get_by_label("Votre réponse")
    tab_to(answerer, reply)
    answerer.keyboard.type("50 lux au plus, et pas plus de 3 mois par an.")
    # The toolbar by keyboard: back to it, arrows to "Citation", Enter.
    answerer.keyboard.press("Shift+Tab")
    expect(answerer.get_by_role("button", name="Gras")).to_be_focused()
    for _ in range(3):
        answerer.keyboard.press("ArrowRight")
    expect(answerer.get_by_role("button", name="Citation")).to_be_focused()
    answerer.keyboard.press("Enter")
    expect(reply).to_be_focused()
    expect(reply).to_have_value("> 50 lux au plus, et pas plus de 3 mois par an.")
    # The preview, by keyboard too: the toolbar remembers its last button; End reaches "Aperçu".
    answerer.keyboard.press("Shift+Tab")
    expect(answerer.get_by_role("button", name="Citation")).to_be_focused()
    answerer.keyboard.press("End")
    preview = answerer.get_by_role("button", name="Aperçu")
    expect(preview).to_be_focused()
    answerer.keyboard.press("Enter")
    expect(preview).to_have_attribute("aria-pressed", "true")
    expect(answerer.locator("[data-editor-output] blockquote")).to_contain_text("50 lux au plus")
    answerer.keyboard.press("Enter")
    expect(preview).to_have_attribute("aria-pressed", "false")
    answerer.keyboard.press("Tab")
    expect(reply).to_be_focused()
    # Ctrl+Enter publishes from the field.
    answerer.keyboard.press("Control+Enter")
    expect(answerer.locator(".qa-reply blockquote")).to_contain_text("50 lux au plus")

    asker.reload()
    mark = asker.get_by_role("button", name="C'est la solution")
    tab_to(asker, mark)
    asker.keyboard.press("Enter")
    expect(asker.locator(".qa-solution")).to_contain_text("50 lux au plus")
    assert TopicSolution.objects.get(topic=topic).post.poster == other_member
