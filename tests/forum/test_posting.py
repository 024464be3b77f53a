"""Asking and answering through machina's forms: what is saved, what is refused, what is shown."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from machina.core.db.models import get_model

from tests.forum.conftest import (
    create_topic_url,
    make_reply,
    post_update_url,
    reply_data,
    reply_url,
    topic_data,
    topic_url,
)

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")


def test_member_asks_a_question(member_client, member, forum):
    response = member_client.post(
        create_topic_url(forum), topic_data("Climatiseur mobile", "Quel modèle ?")
    )
    assert response.status_code == 302
    topic = Topic.objects.get(subject="Climatiseur mobile")
    assert topic.poster == member
    assert topic.has_subscriber(member)  # the asker hears about the answers
    page = member_client.get(topic_url(topic)).content.decode()
    assert "Quel modèle ?" in page


def test_empty_post_is_refused(member_client, forum, topic):
    response = member_client.post(create_topic_url(forum), topic_data("Sujet", ""))
    assert response.status_code == 400
    assert "Ce champ est obligatoire" in response.content.decode()
    response = member_client.post(reply_url(topic), reply_data(content=""))
    assert response.status_code == 400
    assert "Ce champ est obligatoire" in response.content.decode()
    assert Topic.objects.count() == 1
    assert Post.objects.count() == 1


def test_over_long_subject_is_refused(member_client, forum):
    response = member_client.post(create_topic_url(forum), topic_data("x" * 300, "Texte"))
    assert response.status_code == 400
    assert "au plus 255 caractères" in response.content.decode()
    assert not Topic.objects.exists()


def test_locked_topic_refuses_replies(member_client, topic):
    topic.status = Topic.TOPIC_LOCKED
    topic.save()
    response = member_client.post(reply_url(topic), reply_data())
    assert response.status_code == 403
    assert topic.posts.count() == 1


def test_editing_someone_elses_post_is_refused(member_client, topic, other_member):
    post = make_reply(topic, other_member, "Ma réponse")
    response = member_client.post(post_update_url(post), reply_data(content="Piratée"))
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.content.raw == "Ma réponse"


XSS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "[clic](javascript:alert(1))",
    '<a href="#" onclick="alert(1)">a</a>',
    "<svg onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
]


def test_no_script_survives_rendering(member_client, topic, other_member):
    for attempt in XSS:
        make_reply(topic, other_member, f"Avant {attempt} après")
    page = member_client.get(topic_url(topic)).content.decode()
    main = page.split('id="main"', 1)[1].split("</main>", 1)[0]
    # Only real tags count: the attempts may show as escaped text.
    assert not re.search(r"<script[^>]*>\s*alert", main)
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", main, re.IGNORECASE)
    assert not re.search(r"<a[^>]*href=\"javascript:", main, re.IGNORECASE)
    assert "<iframe" not in main
    # Our own icons are inline SVG (class qa-icon); no other SVG may appear.
    assert not re.search(r'<svg(?![^>]*class="qa-icon")', main, re.IGNORECASE)
    assert "Avant" in main


@pytest.mark.usefixtures("member_client")
def test_markdown_still_formats(topic, other_member):
    post = make_reply(topic, other_member, "**important** et [lien](https://musees.fr)")
    assert "<strong>important</strong>" in post.content.rendered
    assert 'href="https://musees.fr"' in post.content.rendered


def test_refused_attachment_type(member_client, topic):
    data = reply_data(**{"attachment-TOTAL_FORMS": "1"})
    data["attachment-0-file"] = SimpleUploadedFile("outil.pdf", b"MZ\x90\x00binary program")
    data["attachment-0-comment"] = ""
    response = member_client.post(reply_url(topic), data)
    assert "exécutables ne sont pas acceptés" in response.content.decode()
    assert topic.posts.count() == 1


def test_accepted_attachment_goes_to_default_storage(member_client, topic):
    from django.core.files.storage import default_storage

    data = reply_data(**{"attachment-TOTAL_FORMS": "1"})
    data["attachment-0-file"] = SimpleUploadedFile(
        "note.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
    )
    data["attachment-0-comment"] = "Note"
    response = member_client.post(reply_url(topic), data)
    assert response.status_code == 302
    post = topic.posts.order_by("-pk").first()
    attachment = post.attachments.get()
    assert default_storage.exists(attachment.file.name)


def test_search_finds_posts(member_client, topic, other_member):
    make_reply(topic, other_member, "Le thermohygromètre enregistreur convient.")
    # machina's search address leads to the members' search, in the forum.
    response = member_client.get("/forum/search/?q=thermohygromètre", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/recherche/?")
    assert "Hygrométrie des réserves" in response.content.decode()
