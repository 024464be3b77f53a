"""A moderator at work: locks a member's forum topic through the topic's moderation menu (the
member can no longer reply), then removes a member's document from the library."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from machina.core.db.models import get_model
from playwright.sync_api import expect

from documents import services as documents_services
from documents.models import Document, DocumentVersion
from tests import factories
from tests.browser.conftest import assert_accessible
from tests.documents import samples

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("seeded_forums")]


def _topic(member):
    forum = Forum.objects.get(name="Conservation préventive")
    subject = "Anoxie des textiles"
    topic = Topic.objects.create(
        forum=forum,
        poster=member,
        subject=subject,
        type=Topic.TOPIC_POST,
        status=Topic.TOPIC_UNLOCKED,
    )
    Post.objects.create(
        topic=topic, poster=member, subject=subject, content="Qui a testé l'anoxie ?"
    )
    topic.refresh_from_db()
    return topic


def _document(member):
    folder = factories.FolderFactory(name="Modèles de conventions")
    stored = documents_services.store_upload(
        SimpleUploadedFile("convention.pdf", samples.pdf_bytes("convention de pret"))
    )
    document = documents_services.publish_document(
        folder=folder, by=member, title="Convention de prêt type", stored=stored
    )
    return folder, document


def test_moderator_locks_a_topic_and_removes_a_document(new_page, moderator, member):
    topic = _topic(member)
    topic_path = f"/forum/forum/{topic.forum.slug}-{topic.forum.pk}/topic/{topic.slug}-{topic.pk}/"
    reply_path = topic_path + "post/create/"

    # The member can reply while the topic is open.
    author = new_page(member)
    author.goto(topic_path)
    expect(author.get_by_role("link", name="Répondre")).to_be_visible()
    expect(author.get_by_label("Votre réponse")).to_be_visible()

    # The moderator locks it through the moderation menu of the topic.
    mod = new_page(moderator)
    mod.goto(topic_path)
    expect(mod.locator("h1")).to_contain_text("Anoxie des textiles")
    menu = mod.locator("details.qa-menu")
    menu.locator("summary", has_text="Modération").click()
    menu.get_by_role("link", name="Verrouiller le sujet").click()
    mod.get_by_role("button", name="Verrouiller").click()
    # Back on the topic page (its URL may be percent-encoded: wait for the page, not the URL).
    expect(mod.locator(f'a[href$="-{topic.pk}/unlock/"]').first).to_be_attached()
    expect(mod.locator(f'a[href$="-{topic.pk}/lock/"]')).to_have_count(0)
    topic.refresh_from_db()
    assert topic.is_locked

    # The member finds no way to reply any more, and a direct POST is refused.
    author.reload()
    expect(author.locator("h1")).to_contain_text("Anoxie des textiles")
    expect(author.get_by_role("link", name="Répondre")).to_have_count(0)
    expect(author.get_by_label("Votre réponse")).to_have_count(0)
    expect(author.get_by_text("Ce sujet est verrouillé")).to_be_visible()
    client = Client()
    client.force_login(member)
    response = client.post(
        reply_path,
        {
            "subject": "Re: Anoxie des textiles",
            "content": "Je réponds quand même",
            "attachment-TOTAL_FORMS": "0",
            "attachment-INITIAL_FORMS": "0",
            "poll-TOTAL_FORMS": "0",
            "poll-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 403
    assert topic.posts.count() == 1

    # The moderator removes a member's document from the library.
    folder, document = _document(member)
    stored_name = document.current_version.file_name
    assert (Path(settings.MEDIA_ROOT) / stored_name).exists()
    mod.goto(f"/documents/{document.pk}/")
    expect(mod.get_by_role("heading", level=1)).to_have_text("Convention de prêt type")
    assert_accessible(mod)
    expect(mod.get_by_role("link", name="Modifier", exact=True)).to_be_visible()
    expect(mod.get_by_role("link", name="Déposer une nouvelle version")).to_have_count(0)
    mod.get_by_role("link", name="Supprimer", exact=True).click()
    mod.get_by_role("button", name="Supprimer définitivement").click()
    mod.wait_for_url(f"**/documents/dossiers/{folder.pk}/")
    expect(mod.locator(".messages")).to_contain_text("supprimés")
    expect(mod.locator("main")).not_to_contain_text("Convention de prêt type")
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()
    assert not (Path(settings.MEDIA_ROOT) / stored_name).exists()

    author.goto(f"/documents/dossiers/{folder.pk}/")
    expect(author.locator("main")).not_to_contain_text("Convention de prêt type")
