"""Every forum page a member reaches is a Cimaise page: our layout, our stylesheet and scripts,
nothing of machina's Bootstrap theme, no inline script or style, no third-party asset."""

import re

from django.urls import reverse

from tests.forum.conftest import make_reply, post_update_url, reply_url, topic_url

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
THIRD_PARTY = re.compile(r"""(?:src|href)=["'](?:https?:)?//""", re.IGNORECASE)
MACHINA_THEME = ("machina.board_theme", "machina.packages", "machina.min.js", "easymde", "fa-")


def member_pages(forum, topic, reply, member):
    return {
        "index": reverse("forum:index"),
        "forum": reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk}),
        "category": reverse(
            "forum:forum", kwargs={"slug": forum.parent.slug, "pk": forum.parent.pk}
        ),
        "topic": topic_url(topic),
        "ask": reverse("cimaise_forum:ask"),
        "new topic": reverse(
            "forum_conversation:topic_create",
            kwargs={"forum_slug": forum.slug, "forum_pk": forum.pk},
        ),
        "reply": reply_url(topic),
        "edit reply": post_update_url(reply),
        "open questions": reverse("cimaise_forum:open_questions"),
        "subscriptions": reverse("forum_member:user_subscriptions"),
        "my posts": reverse("forum_member:user_posts", kwargs={"pk": member.pk}),
        "profile": reverse("forum_member:profile", kwargs={"pk": member.pk}),
        "unread": reverse("forum_tracking:unread_topics"),
        "mark read": reverse("forum_tracking:mark_all_forums_read"),
        "unsubscribe": reverse("forum_member:topic_unsubscribe", args=[topic.pk]),
    }


def moderator_pages(topic, reply):
    kwargs = {"slug": topic.slug, "pk": topic.pk}
    return {
        "queue": reverse("forum_moderation:queue"),
        "lock": reverse("forum_moderation:topic_lock", kwargs=kwargs),
        "move": reverse("forum_moderation:topic_move", kwargs=kwargs),
        "delete": reverse("forum_moderation:topic_delete", kwargs=kwargs),
        "sticky": reverse("forum_moderation:topic_update_to_sticky", kwargs=kwargs),
        "delete reply": reverse(
            "forum_conversation:post_delete",
            kwargs={
                "forum_slug": topic.forum.slug,
                "forum_pk": topic.forum_id,
                "topic_slug": topic.slug,
                "topic_pk": topic.pk,
                "pk": reply.pk,
            },
        ),
    }


def assert_ours(name, response):
    assert response.status_code == 200, (name, response.status_code)
    page = response.content.decode()
    assert "/static/community/css/site.css" in page, name
    assert "/static/forum/forum.css" in page, name
    assert '<script type="module" src="/static/forum/forum.js">' in page, name
    assert 'class="site-header"' in page, name
    for marker in MACHINA_THEME:
        assert marker not in page, (name, marker)
    assert not INLINE_SCRIPT.search(page), (name, INLINE_SCRIPT.search(page))
    assert " style=" not in page, name
    assert not re.search(r"\son[a-z]+=", page.split("<body>", 1)[1]), name
    assert not THIRD_PARTY.search(page), (name, THIRD_PARTY.search(page))
    assert "navbar" not in page and "btn-" not in page, name


def test_member_pages_are_ours(member_client, member, forum, topic, other_member):
    reply = make_reply(topic, member, "Ma réponse")
    make_reply(topic, other_member, "Celle d'un autre")
    for name, url in member_pages(forum, topic, reply, member).items():
        assert_ours(name, member_client.get(url))


def test_moderation_pages_are_ours(moderator_client, topic, other_member):
    reply = make_reply(topic, other_member)
    for name, url in moderator_pages(topic, reply).items():
        assert_ours(name, moderator_client.get(url))


def test_an_approval_queue_entry_is_ours(moderator_client, forum, other_member):
    from machina.core.db.models import get_model

    from tests.forum.conftest import make_topic

    Post = get_model("forum_conversation", "Post")

    topic = make_topic(forum, other_member)
    waiting = Post.objects.create(
        topic=topic, poster=other_member, subject="x", content="En attente", approved=False
    )
    url = reverse("forum_moderation:queued_post", args=[waiting.pk])
    assert_ours("queued post", moderator_client.get(url))


def test_unread_topics_are_counted_in_good_french(member_client, forum, other_member):
    from tests.forum.conftest import make_topic

    make_topic(forum, other_member, subject="Premier sujet")
    make_topic(forum, other_member, subject="Second sujet")
    page = member_client.get(reverse("forum_tracking:unread_topics")).content.decode()
    assert "2 sujets non lus" in page


def test_a_subscribed_topic_offers_to_unsubscribe(member_client, topic):
    page = member_client.get(topic_url(topic)).content.decode()
    assert "Se désabonner" in page
    assert "Supprimer la souscription" not in page


def test_search_results_are_counted_in_good_french(member_client, topic, other_member):
    make_reply(topic, other_member, "Le thermohygromètre enregistreur convient.")
    make_reply(topic, other_member, "Un autre thermohygromètre.")
    url = reverse("community:search") + "?q=thermohygrometre&area=forum"
    page = member_client.get(url).content.decode()
    # One result per topic, however many of its posts match.
    assert "1 résultat pour « thermohygrometre »" in page


def test_the_preview_renders_like_a_published_post(member_client):
    url = reverse("cimaise_forum:preview")
    response = member_client.post(url, {"content": "**gras** <script>alert(1)</script>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>gras</strong>" in html
    assert "<script" not in html
    assert member_client.get(url).status_code == 405
    too_long = member_client.post(url, {"content": "x" * 70_000})
    assert too_long.status_code == 413
