"""A member who picks English reads the forum in English: our pages and machina's."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import trans_real

from tests.forum.conftest import make_reply, topic_url

CATALOGUES = ["forum", "community"]


@pytest.fixture(scope="module")
def compiled():
    """The .mo files the pages need (make test builds them too); rebuilt when a .po is newer."""
    from pathlib import Path

    stale = []
    for app in CATALOGUES:
        po = Path(settings.BASE_DIR) / app / "locale" / "en" / "LC_MESSAGES" / "django.po"
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            stale.append(po)
    if stale:
        call_command(
            "compilemessages", locale=["en"], ignore=[".venv", ".cache", "var"], verbosity=0
        )
        trans_real._translations = {}
        trans_real._default = None


@pytest.fixture
def english(compiled, member_client):  # noqa: ARG001 - compiled: the English catalogue first
    assert member_client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
    return member_client


def test_the_forum_in_english(english, topic, other_member):
    make_reply(topic, other_member, "Visez 50 %.")
    pages = {
        reverse("forum:index"): ["Ask a question", "Open questions", "Topics", "Posts"],
        topic_url(topic): ["This is the solution", "Your answer", "Post my answer", "Add a file"],
        reverse("cimaise_forum:ask"): ["Question title", "Your question", "Add a poll", "Bold"],
        reverse("community:search") + "?q=taux&area=forum": ["1 result for", "Everywhere"],
        reverse("cimaise_forum:open_questions"): ["Colleagues are waiting for an answer"],
    }
    for url, english_texts in pages.items():
        page = english.get(url).content.decode()
        assert '<html lang="en">' in page, url
        for text in english_texts:
            assert text in page, (url, text)
        for french in ("Poser une question", "C'est la solution", "Votre réponse", "Répondre"):
            assert french not in page, (url, french)
