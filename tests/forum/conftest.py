"""Forum fixtures: a forum from the seeded categories, topics and replies made through machina."""

import pytest
from django.urls import reverse
from machina.core.db.models import get_model

Forum = get_model("forum", "Forum")
ForumPermission = get_model("forum_permission", "ForumPermission")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")
UserForumPermission = get_model("forum_permission", "UserForumPermission")


@pytest.fixture
def forum(db):  # noqa: ARG001 - db: the forum is read from the database
    return Forum.objects.get(slug="conservation-preventive")


def make_topic(forum, poster, subject="Hygrométrie des réserves", content="Quel taux viser ?"):
    topic = Topic.objects.create(
        forum=forum,
        poster=poster,
        subject=subject,
        type=Topic.TOPIC_POST,
        status=Topic.TOPIC_UNLOCKED,
    )
    Post.objects.create(topic=topic, poster=poster, subject=subject, content=content)
    topic.refresh_from_db()
    return topic


def make_reply(topic, poster, content="Entre 45 et 55 % d'humidité relative."):
    post = Post.objects.create(
        topic=topic, poster=poster, subject=f"Re: {topic.subject}", content=content
    )
    topic.refresh_from_db()
    return post


@pytest.fixture
def topic(forum, member):
    return make_topic(forum, member)


def topic_url(topic):
    return reverse(
        "forum_conversation:topic",
        kwargs={
            "forum_slug": topic.forum.slug,
            "forum_pk": topic.forum_id,
            "slug": topic.slug,
            "pk": topic.pk,
        },
    )


def reply_url(topic):
    return reverse(
        "forum_conversation:post_create",
        kwargs={
            "forum_slug": topic.forum.slug,
            "forum_pk": topic.forum_id,
            "topic_slug": topic.slug,
            "topic_pk": topic.pk,
        },
    )


def create_topic_url(forum):
    return reverse(
        "forum_conversation:topic_create", kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk}
    )


def post_update_url(post):
    topic = post.topic
    return reverse(
        "forum_conversation:post_update",
        kwargs={
            "forum_slug": topic.forum.slug,
            "forum_pk": topic.forum_id,
            "topic_slug": topic.slug,
            "topic_pk": topic.pk,
            "pk": post.pk,
        },
    )


# What machina's forms expect besides the message: the (empty) attachment and poll formsets.
FORMSETS = {
    "attachment-TOTAL_FORMS": "0",
    "attachment-INITIAL_FORMS": "0",
    "poll-TOTAL_FORMS": "0",
    "poll-INITIAL_FORMS": "0",
}


def topic_data(subject="Question", content="Texte de la question", **extra):
    return {"subject": subject, "content": content, "topic_type": "0", **FORMSETS, **extra}


def reply_data(content="Une réponse", subject="Re: Question", **extra):
    return {"subject": subject, "content": content, **FORMSETS, **extra}


def deny(forum, *codenames):
    """What staff would do in machina's admin: take permissions away from members there."""
    for codename in codenames:
        UserForumPermission.objects.create(
            permission=ForumPermission.objects.get(codename=codename),
            forum=forum,
            authenticated_user=True,
            has_perm=False,
        )
