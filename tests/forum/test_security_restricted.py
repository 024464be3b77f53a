"""A forum staff closed to members: nothing of it reaches them by a direct URL either."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from machina.core.db.models import get_model

from tests.forum.conftest import make_reply, make_topic, reply_data, reply_url

Attachment = get_model("forum_attachments", "Attachment")
ForumPermission = get_model("forum_permission", "ForumPermission")
UserForumPermission = get_model("forum_permission", "UserForumPermission")


@pytest.fixture
def closed_topic(forum, staff):
    """Staff took reading away from members on this forum (machina's admin, per forum)."""
    for codename in ("can_see_forum", "can_read_forum"):
        UserForumPermission.objects.create(
            permission=ForumPermission.objects.get(codename=codename),
            forum=forum,
            authenticated_user=True,
            has_perm=False,
        )
    topic = make_topic(forum, staff, subject="Budget du bureau", content="Secret du bureau")
    post = topic.first_post
    attachment = Attachment(post=post, comment="")
    attachment.file.save("budget-bureau.txt", ContentFile(b"ligne budgetaire secrete"))
    return topic


def test_member_cannot_read_the_closed_topic(member_client, closed_topic):
    from tests.forum.conftest import topic_url

    response = member_client.get(topic_url(closed_topic))
    assert response.status_code == 403
    assert "Secret du bureau" not in response.content.decode()


def test_member_cannot_download_an_attachment_of_the_closed_forum(member_client, closed_topic):
    attachment = Attachment.objects.get(post__topic=closed_topic)
    url = reverse("forum_conversation:attachment", kwargs={"pk": attachment.pk})
    response = member_client.get(url)
    assert response.status_code == 403
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"secrete" not in body


def test_member_cannot_reply_nor_see_the_topic_review(member_client, member, closed_topic):
    response = member_client.get(reply_url(closed_topic))
    assert response.status_code == 403
    assert "Secret du bureau" not in response.content.decode()
    response = member_client.post(reply_url(closed_topic), reply_data(content="Intrus"))
    assert response.status_code == 403
    assert not closed_topic.posts.filter(poster=member).exists()


def test_staff_still_downloads(staff_client, closed_topic):
    attachment = Attachment.objects.get(post__topic=closed_topic)
    url = reverse("forum_conversation:attachment", kwargs={"pk": attachment.pk})
    response = staff_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_member_still_downloads_in_an_open_forum(member_client, other_member, forum):
    topic = make_topic(forum, other_member)
    make_reply(topic, other_member)
    attachment = Attachment(post=topic.first_post, comment="")
    attachment.file.save("fiche.txt", ContentFile(b"fiche ouverte"))
    url = reverse("forum_conversation:attachment", kwargs={"pk": attachment.pk})
    assert member_client.get(url).status_code == 200


def _close(forum):
    for codename in ("can_see_forum", "can_read_forum"):
        UserForumPermission.objects.get_or_create(
            permission=ForumPermission.objects.get(codename=codename),
            forum=forum,
            authenticated_user=True,
            defaults={"has_perm": False},
        )


def test_no_notification_about_a_forum_the_recipient_cannot_read(
    forum, staff, member, other_member, moderator
):
    from forum.models import ForumFollow
    from notifications.models import Notification

    # They followed / subscribed while the forum was open; then staff closed it.
    ForumFollow.objects.create(forum=forum, user=member)
    ForumFollow.objects.create(forum=forum, user=moderator)
    _close(forum)
    topic = make_topic(
        forum,
        staff,
        subject="Licenciement envisagé",
        content=f"Voir avec @{other_member.handle} et @{moderator.handle}",
    )
    topic.subscribers.add(member)
    make_reply(topic, staff, content=f"Relance @{other_member.handle}")
    leaked = Notification.objects.filter(recipient__in=[member, other_member])
    assert not leaked.exists(), list(leaked.values_list("title", flat=True))
    # Moderators read every forum: they are still told.
    assert Notification.objects.filter(recipient=moderator, kind="mention").exists()


def test_closing_one_forum_leaves_the_others_open(member_client, forum):
    """machina 1.3 let one forum's own rows leak into the forums after it in a list."""
    from django.urls import reverse

    from tests.forum.conftest import deny

    deny(forum, "can_see_forum", "can_read_forum")
    page = member_client.get(reverse("forum:index")).content.decode()
    assert forum.name not in page
    for name in ("Régie et mouvements", "Médiation et publics", "Vie du réseau"):
        assert name in page
