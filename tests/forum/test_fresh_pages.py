"""Forum pages are cached, never stale: whatever changes shows at once, for every reader who had
the page before (the cached pieces are keyed by the versions each change bumps)."""

import html

from django.contrib.auth.models import Group
from django.urls import reverse
from machina.core.db.models import get_model

from community import roles
from tests.forum.conftest import (
    deny,
    make_reply,
    make_topic,
    post_update_url,
    reply_data,
    reply_url,
    topic_url,
)
from tests.forum.test_topic_page import main

Post = get_model("forum_conversation", "Post")


def forum_url(forum):
    return reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})


def seen(client, *urls) -> None:
    """The reader has these pages (they are cached now)."""
    for url in urls:
        assert client.get(url).status_code == 200


def page(client, url) -> str:
    return main(client.get(url))


def test_an_edited_message_shows_at_once(member_client, other_member_client, topic, other_member):
    reply = make_reply(topic, other_member, "Première version")
    seen(member_client, topic_url(topic))
    seen(other_member_client, topic_url(topic))
    response = other_member_client.post(
        post_update_url(reply), reply_data(content="Version corrigée", subject="")
    )
    assert response.status_code == 302
    for client in (member_client, other_member_client):
        text = page(client, topic_url(topic))
        assert "Version corrigée" in text and "Première version" not in text
        assert "Modifié par" in text


def test_a_new_reply_shows_on_the_topic_the_forum_and_the_index(
    member_client, other_member_client, forum, topic
):
    seen(member_client, topic_url(topic), forum_url(forum), reverse("forum:index"))
    response = other_member_client.post(
        reply_url(topic), reply_data(content="Une réponse toute neuve", subject="")
    )
    assert response.status_code == 302
    # The lists first: reading the topic marks it read.
    row = next(r for r in page(member_client, forum_url(forum)).split("<li") if topic.subject in r)
    assert "is-unread" in row and "Dernière réponse" in row
    index = page(member_client, reverse("forum:index"))
    card = next(c for c in index.split('<li class="qa-forum') if forum.name in c)
    assert "is-unread" in card and topic.subject in card
    topic_page = page(member_client, topic_url(topic))
    assert "Une réponse toute neuve" in topic_page
    assert "1 réponse" in topic_page
    assert "Nouveau depuis votre dernière visite" in topic_page  # they read the topic before


def test_a_marked_solution_shows_for_every_reader(
    member_client, other_member_client, forum, topic, other_member
):
    answer = make_reply(topic, other_member, "La bonne réponse")
    seen(other_member_client, topic_url(topic), forum_url(forum))
    assert "Réponse retenue" not in page(other_member_client, topic_url(topic))
    response = member_client.post(reverse("cimaise_forum:mark_solution", args=[answer.pk]))
    assert response.status_code == 302
    text = page(other_member_client, topic_url(topic))
    assert "Réponse retenue" in text and "Résolu" in text
    row = next(
        r for r in page(other_member_client, forum_url(forum)).split("<li") if topic.subject in r
    )
    assert "Résolu" in row
    member_client.post(reverse("cimaise_forum:unmark_solution", args=[topic.pk]))
    assert "Réponse retenue" not in page(other_member_client, topic_url(topic))


def test_a_forum_closed_to_members_disappears_at_once(member_client, forum, topic):
    seen(member_client, reverse("forum:index"), forum_url(forum), topic_url(topic))
    assert forum.name in page(member_client, reverse("forum:index"))
    deny(forum, "can_read_forum", "can_see_forum")
    assert forum.name not in page(member_client, reverse("forum:index"))
    assert member_client.get(topic_url(topic)).status_code == 403
    assert member_client.get(forum_url(forum)).status_code == 403


def test_a_new_moderator_gets_the_moderation_menu_at_once(other_member_client, other_member, topic):
    assert "Verrouiller le sujet" not in page(other_member_client, topic_url(topic))
    other_member.groups.add(Group.objects.get_or_create(name=roles.MODERATORS_GROUP)[0])
    text = page(other_member_client, topic_url(topic))
    assert "Verrouiller le sujet" in text and "File de modération" in text


def test_a_locked_topic_loses_its_reply_box_at_once(other_member_client, moderator_client, topic):
    assert 'id="reponse"' in page(other_member_client, topic_url(topic))
    url = reverse("forum_moderation:topic_lock", kwargs={"slug": topic.slug, "pk": topic.pk})
    assert moderator_client.post(url).status_code == 302
    text = page(other_member_client, topic_url(topic))
    assert 'id="reponse"' not in text and "Ce sujet est verrouillé" in text


def test_a_renamed_member_is_shown_renamed_everywhere(member_client, forum, topic, other_member):
    make_reply(topic, other_member, "Ma réponse")
    old = other_member.get_full_name()
    urls = (topic_url(topic), forum_url(forum), reverse("forum:index"))
    seen(member_client, *urls)
    assert all(old in page(member_client, url) for url in urls)
    other_member.first_name, other_member.last_name = "Camille", "Renommée"
    other_member.save(update_fields=["first_name", "last_name"])
    for url in urls:
        text = page(member_client, url)
        assert "Camille Renommée" in text and old not in text, url


def test_an_erased_member_leaves_only_their_anonymised_posts(
    member_client, other_member, other_member_client, forum, topic
):
    make_reply(topic, other_member, "Une réponse avant de partir")
    other = make_topic(forum, other_member, subject="Sa propre question")
    name = other_member.get_full_name()
    urls = (topic_url(topic), topic_url(other), forum_url(forum), reverse("forum:index"))
    seen(member_client, *urls)
    response = other_member_client.post(
        reverse("community:gdpr_delete"), {"confirm_email": other_member.email}
    )
    assert response.status_code == 302
    for url in urls:
        text = page(member_client, url)
        assert name not in text, url
    text = page(member_client, topic_url(topic))
    assert "Une réponse avant de partir" in text and "Ancien membre" in text


def test_the_view_count_goes_up_without_writing_each_view(member_client, forum, topic):
    def views():
        text = html.unescape(page(member_client, topic_url(topic)))
        return int(text.split(" vue")[0].rsplit("·", 1)[1].strip())

    first = views()
    assert views() == first + 1
    assert views() == first + 2
    topic.refresh_from_db()
    assert topic.views_count < first + 2  # counted in the cache, written now and then
    row = next(r for r in page(member_client, forum_url(forum)).split("<li") if topic.subject in r)
    assert f"<dt>Vues</dt><dd>{first + 2}</dd>" in row  # the lists show the count too
