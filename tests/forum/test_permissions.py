"""Who may reach which forum page: machina's views as each role."""

import pytest
from django.urls import reverse

from tests.forum.conftest import (
    create_topic_url,
    make_reply,
    post_update_url,
    reply_url,
    topic_url,
)

READERS = ["member", "recruiter", "moderator", "staff"]
REFUSED = ["applicant", "suspended", "expired"]


def pages(forum, topic):
    return {
        "index": reverse("forum:index"),
        "forum": reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk}),
        "topic": topic_url(topic),
        "create_topic": create_topic_url(forum),
        "reply": reply_url(topic),
        "search": reverse("community:search") + "?q=taux&area=forum",
        "open_questions": reverse("cimaise_forum:open_questions"),
    }


@pytest.fixture
def others_post(topic, other_member):
    return make_reply(topic, other_member)


@pytest.mark.parametrize("role", READERS)
@pytest.mark.usefixtures("others_post")
def test_members_read_and_write(client_for_role, role, forum, topic):
    client, _user = client_for_role(role)
    for name, url in pages(forum, topic).items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
    assert "Conservation préventive" in client.get(reverse("forum:index")).content.decode()


@pytest.mark.parametrize("role", REFUSED)
@pytest.mark.usefixtures("others_post")
def test_non_members_are_refused_everywhere(client_for_role, role, forum, topic):
    client, _user = client_for_role(role)
    for name, url in pages(forum, topic).items():
        response = client.get(url)
        assert response.status_code in (302, 403), (name, response.status_code)
        assert "Hygrométrie" not in response.content.decode()


@pytest.mark.usefixtures("forum")
def test_anonymous_is_sent_to_login(anonymous_client, topic):
    response = anonymous_client.get(topic_url(topic))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("role", ["member", "recruiter"])
def test_members_cannot_edit_others_posts_nor_moderate(client_for_role, role, topic, others_post):
    client, _user = client_for_role(role)
    assert client.get(post_update_url(others_post)).status_code == 403
    assert client.get(reverse("forum_moderation:queue")).status_code == 403
    lock = reverse("forum_moderation:topic_lock", kwargs={"slug": topic.slug, "pk": topic.pk})
    assert client.post(lock).status_code == 403
    topic.refresh_from_db()
    assert not topic.is_locked


def test_author_edits_own_post(other_member_client, others_post):
    assert other_member_client.get(post_update_url(others_post)).status_code == 200


@pytest.mark.parametrize("role", ["moderator", "staff"])
def test_moderators_moderate(client_for_role, role, topic, others_post):
    client, _user = client_for_role(role)
    assert client.get(post_update_url(others_post)).status_code == 200
    assert client.get(reverse("forum_moderation:queue")).status_code == 200
    lock = reverse("forum_moderation:topic_lock", kwargs={"slug": topic.slug, "pk": topic.pk})
    response = client.post(lock)
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.is_locked


@pytest.mark.usefixtures("forum")
def test_in_grace_reads_but_cannot_post(in_grace_client, topic):
    from tests.forum.conftest import reply_data

    assert in_grace_client.get(topic_url(topic)).status_code == 200
    response = in_grace_client.post(reply_url(topic), reply_data())
    assert response.status_code == 403
    assert topic.posts.count() == 1


def test_new_forum_gets_member_permissions_without_setup(member_client, forum):
    from machina.core.db.models import get_model

    Forum = get_model("forum", "Forum")
    new = Forum.objects.create(name="Restauration", type=Forum.FORUM_POST, parent=forum.parent)
    assert member_client.get(create_topic_url(new)).status_code == 200
