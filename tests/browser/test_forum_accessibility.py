"""The forum pages pass axe (no serious or critical issue), read on a 390 px phone without
horizontal scroll, fold the header into a menu button, and show live toasts."""

import pytest
from machina.core.db.models import get_model
from playwright.sync_api import expect

from notifications.services import notify
from tests.browser.conftest import assert_accessible
from tests.documents import samples
from tests.forum.conftest import make_reply, make_topic

Attachment = get_model("forum_attachments", "Attachment")
Forum = get_model("forum", "Forum")

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seeded_forums")]


@pytest.fixture
def discussion(member, other_member, recruiter):
    """A real-looking topic: a long question, replies with a quote, a list, a long link and
    two attachments (a picture and a PDF)."""
    from django.core.files.base import ContentFile

    forum = Forum.objects.get(name="Conservation préventive")
    topic = make_topic(
        forum,
        member,
        subject="Quel taux d'humidité relative pour une réserve de textiles anciens ?",
        content="Nous réaménageons une réserve pour des costumes du XIXe siècle. "
        "Quelles consignes d'humidité relative et de température retenez-vous ? " * 3,
    )
    answer = make_reply(
        topic,
        other_member,
        "> Quelles consignes retenez-vous ?\n\n"
        "Nous visons **50 % ± 5** et 18 °C :\n\n- stabilité avant tout\n- pas de pic l'été\n\n"
        "Voir https://example.org/une-adresse-tres-longue-sans-espace-qui-pourrait-deborder-"
        "de-la-page-sur-un-telephone-etroit",
    )
    for name, data in (("courbe.png", samples.image_bytes("PNG")), ("rapport.pdf", b"%PDF-1.4")):
        attachment = Attachment(post=answer, comment="Courbe de l'hiver" if "png" in name else "")
        attachment.file.save(name, ContentFile(data))
    make_reply(topic, recruiter, "Pensez aussi à l'obscurité et aux housses en Tyvek.")
    return topic


def topic_path(topic):
    return f"/forum/forum/{topic.forum.slug}-{topic.forum.pk}/topic/{topic.slug}-{topic.pk}/"


def test_forum_pages_have_no_serious_accessibility_issue(new_page, member, discussion):
    forum = discussion.forum
    pages = {
        "index": "/forum/",
        "category": f"/forum/forum/{forum.parent.slug}-{forum.parent.pk}/",
        "forum": f"/forum/forum/{forum.slug}-{forum.pk}/",
        "topic": topic_path(discussion),
        "ask": "/forum/entraide/poser-une-question/",
        "new topic": f"/forum/forum/{forum.slug}-{forum.pk}/topic/create/",
        "reply": topic_path(discussion) + "post/create/",
        "search": "/forum/search/?q=humidité",
        "open questions": "/forum/entraide/questions/?filtre=non-resolus",
        "subscriptions": "/forum/member/subscriptions/",
    }
    page = new_page(member)
    for name, path in pages.items():
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page)
        assert page.evaluate("document.querySelectorAll('link[href*=\"machina\"]').length") == 0, (
            name
        )


def test_a_topic_reads_on_a_phone_and_the_header_folds(new_page, member, discussion):
    page = new_page(member)
    page.set_viewport_size({"width": 390, "height": 844})
    for path in (topic_path(discussion), "/forum/", "/forum/entraide/poser-une-question/"):
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth"), path

    # The header is folded behind an accessible disclosure button.
    page.goto(topic_path(discussion))
    menu = page.get_by_role("button", name="Menu")
    navigation = page.get_by_role("navigation", name="Navigation principale")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(navigation).to_be_hidden()
    expect(page.locator("#notification-bell")).to_be_visible()  # the bell stays in sight
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(navigation.get_by_role("link", name="Documents")).to_be_visible()
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    assert_accessible(page)

    # On a wide screen the menu button is not there and everything shows.
    page.set_viewport_size({"width": 1366, "height": 900})
    expect(menu).to_be_hidden()
    expect(navigation).to_be_visible()


def test_a_live_toast_shows_on_a_topic_page(new_page, member, discussion, run_on_server):
    page = new_page(member)
    page.goto(topic_path(discussion))
    expect(page.locator("#notification-bell")).to_have_attribute("data-live", "open")
    badge = page.locator("#notification-count")
    before = int(badge.inner_text())
    run_on_server(
        notify, [member], "announcement", title="Journée d'étude à Albi", url="/notifications/"
    )
    toast = page.locator("#toasts .toast")
    expect(toast).to_contain_text("Journée d'étude à Albi")
    expect(toast).to_be_visible()
    style = toast.evaluate(
        "el => { const s = getComputedStyle(el); return [s.opacity, s.visibility, s.display]; }"
    )
    assert style == ["1", "visible", "block"], style
    expect(badge).to_have_text(str(before + 1))
    # Our badge, not restyled by another stylesheet: the accent colour of site.css.
    assert badge.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(122, 46, 58)"
