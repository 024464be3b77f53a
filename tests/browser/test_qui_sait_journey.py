"""« Qui sait ? » in a real browser: a member looks for a colleague who knows preventive
conservation, opens their page, sees their accepted answers and asks them a question."""

import re

import pytest
from machina.core.db.models import get_model
from playwright.sync_api import expect

from community.models import Skill
from forum.models import TopicSolution
from tests import factories
from tests.browser.conftest import assert_accessible
from tests.forum.conftest import make_reply, make_topic

pytestmark = pytest.mark.browser
Forum = get_model("forum", "Forum")


@pytest.mark.usefixtures("seeded_forums")
def test_find_who_knows_and_ask_them(new_page, member):
    # The lists come from a data migration that earlier transactional tests flushed away.
    skill, _ = Skill.objects.get_or_create(name="Conservation préventive")
    expert = factories.make_member(job_title="Restauratrice")
    expert.first_name, expert.last_name = "Claire", "Puech"
    expert.save()
    expert.skills.add(skill)
    forum = Forum.objects.get(name="Conservation préventive")
    topic = make_topic(forum, member)
    TopicSolution.objects.create(topic=topic, post=make_reply(topic, expert), marked_by=member)

    page = new_page(member)
    page.goto("/annuaire/")
    search = page.get_by_role("search", name="Rechercher dans l’annuaire")
    search.get_by_label("Compétence").select_option(label="Conservation préventive")
    search.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("link", name="Claire Puech")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Claire Puech").click()
    expect(page.get_by_text(f"1 solution retenue dans « {forum.name} »")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Lui poser la question").click()
    expect(page).to_have_url(re.compile(r"mention="))
    expect(page.locator("textarea[name=content]")).to_have_value(f"@{expert.handle} ")
