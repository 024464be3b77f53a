"""Attachments in a topic: pictures shown in the page through our own view, other files as
links with their size, every download typed from its content."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from machina.core.db.models import get_model

from tests.documents import samples
from tests.forum.conftest import deny, make_reply, reply_data, reply_url, topic_url

Attachment = get_model("forum_attachments", "Attachment")
Post = get_model("forum_conversation", "Post")


def attach(post, name, data, comment=""):
    attachment = Attachment(post=post, comment=comment)
    attachment.file.save(name, ContentFile(data))
    return attachment


def preview_url(attachment):
    return reverse("cimaise_forum:attachment_preview", args=[attachment.pk])


def download_url(attachment):
    return reverse("forum_conversation:attachment", kwargs={"pk": attachment.pk})


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("fmt,mime", [("PNG", "image/png"), ("JPEG", "image/jpeg")])
def test_a_picture_is_shown_in_the_topic(member_client, topic, other_member, fmt, mime):
    reply = make_reply(topic, other_member)
    picture = attach(reply, f"reserve.{fmt.lower()}", samples.image_bytes(fmt), "La réserve")
    page = member_client.get(topic_url(topic)).content.decode()
    assert f'<img src="{preview_url(picture)}" alt="La réserve" loading="lazy">' in page

    response = member_client.get(preview_url(picture))
    assert response.status_code == 200
    assert response["Content-Type"] == mime
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert body(response) == samples.image_bytes(fmt)


def test_a_webp_picture_is_shown(member_client, topic, other_member):
    picture = attach(make_reply(topic, other_member), "plan.webp", samples.image_bytes("WEBP"))
    response = member_client.get(preview_url(picture))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"


def test_other_files_are_links_with_their_size(member_client, topic, other_member):
    pdf = samples.pdf_bytes("note de conservation")
    document = attach(make_reply(topic, other_member), "note.pdf", pdf)
    page = member_client.get(topic_url(topic)).content.decode()
    assert f'href="{download_url(document)}"' in page
    assert "note.pdf" in page
    assert f'<img src="{preview_url(document)}"' not in page
    assert f"({filesizeformat(len(pdf))})" in page
    assert member_client.get(preview_url(document)).status_code == 404


def test_a_picture_name_on_something_else_is_not_served_as_a_picture(
    member_client, topic, other_member
):
    disguised = attach(make_reply(topic, other_member), "photo.png", b"<html><script>x</script>")
    response = member_client.get(preview_url(disguised))
    assert response.status_code == 404
    assert b"<script>" not in body(response)


def test_downloads_are_typed_from_their_content_and_never_inline(
    member_client, topic, other_member
):
    pdf = samples.pdf_bytes()
    document = attach(make_reply(topic, other_member), "note.pdf", pdf)
    response = member_client.get(download_url(document))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == pdf


def test_pictures_of_a_closed_forum_stay_hidden(member_client, forum, topic, other_member):
    picture = attach(make_reply(topic, other_member), "secret.png", samples.image_bytes("PNG"))
    deny(forum, "can_see_forum", "can_read_forum")
    assert member_client.get(preview_url(picture)).status_code == 404
    assert member_client.get(download_url(picture)).status_code == 403


def test_a_missing_attachment_is_a_404(member_client):
    url = reverse("cimaise_forum:attachment_preview", args=[999999])
    assert member_client.get(url).status_code == 404


def test_a_reply_with_two_files_from_the_reply_box(other_member_client, other_member, topic):
    data = reply_data(content="Deux pièces", subject="", **{"attachment-TOTAL_FORMS": "2"})
    data["attachment-0-file"] = SimpleUploadedFile("photo.png", samples.image_bytes("PNG"))
    data["attachment-0-comment"] = "Vue de la réserve"
    data["attachment-1-file"] = SimpleUploadedFile("note.pdf", samples.pdf_bytes())
    data["attachment-1-comment"] = ""
    response = other_member_client.post(reply_url(topic), data)
    assert response.status_code == 302
    reply = topic.posts.get(poster=other_member)
    assert reply.attachments.count() == 2
    page = other_member_client.get(topic_url(topic)).content.decode()
    assert 'alt="Vue de la réserve"' in page


def test_files_of_a_post_awaiting_approval_stay_with_its_author_and_moderators(
    member_client, moderator_client, other_member_client, topic, other_member
):
    waiting = Post.objects.create(
        topic=topic, poster=other_member, subject="x", content="En attente", approved=False
    )
    picture = attach(waiting, "attente.png", samples.image_bytes("PNG"))
    assert member_client.get(preview_url(picture)).status_code == 404
    assert member_client.get(download_url(picture)).status_code == 403
    for allowed in (moderator_client, other_member_client):
        assert allowed.get(preview_url(picture)).status_code == 200
        assert allowed.get(download_url(picture)).status_code == 200
