"""Forum subjects, messages and polls lose their invisible characters (bidi overrides, zero-width
spaces) when they are typed, through our overrides of machina's forms."""

import pytest
from machina.core.db.models import get_model

from tests.forum.conftest import (
    create_topic_url,
    make_reply,
    post_update_url,
    reply_data,
    reply_url,
    topic_data,
)
from tests.forum.test_polls import poll_data

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")
TopicPoll = get_model("forum_polls", "TopicPoll")


def test_a_question_is_saved_without_bidi_controls(member_client, forum):
    response = member_client.post(
        create_topic_url(forum),
        topic_data("Facture\u202egnp.exe", "Voir la pi\u200bèce \u2066jointe\u2069."),
    )
    assert response.status_code == 302
    topic = Topic.objects.get()
    assert topic.subject == "Facturegnp.exe"
    post = topic.first_post
    assert (post.subject, post.content.raw) == ("Facturegnp.exe", "Voir la pièce jointe.")
    assert "\u202e" not in post._content_rendered


def test_a_subject_of_invisible_characters_only_is_refused(member_client, forum):
    response = member_client.post(create_topic_url(forum), topic_data("\u202e\u200b", "Texte"))
    assert response.status_code == 400
    assert "Ce champ est obligatoire" in response.content.decode()
    assert not Topic.objects.exists()


@pytest.mark.usefixtures("member")
def test_a_reply_and_its_edit_are_saved_clean(member_client, topic):
    response = member_client.post(reply_url(topic), reply_data(content="Oui\u202d, 50\u00a0%"))
    assert response.status_code == 302
    reply = topic.posts.order_by("-pk").first()
    assert reply.content.raw == "Oui, 50\u00a0%"
    response = member_client.post(post_update_url(reply), reply_data(content="Non\u2067 ?"))
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.content.raw == "Non ?"


def test_a_poll_question_and_its_options_are_saved_clean(member_client, forum):
    data = poll_data(
        **{"poll_question": "Quel\u202e outil ?", "poll-0-text": "Flo\u200bra"},
    )
    assert member_client.post(create_topic_url(forum), data).status_code == 302
    poll = TopicPoll.objects.get()
    assert poll.question == "Quel outil ?"
    assert sorted(option.text for option in poll.options.all()) == ["Flora", "Micromusée"]


def test_someone_elses_post_stays_as_it_was(member_client, topic, other_member):
    # The cleaning is at input only: nothing is rewritten behind an author's back.
    post = make_reply(topic, other_member, "Texte\u200b d'origine")
    member_client.post(post_update_url(post), reply_data(content="Modifié"))
    post.refresh_from_db()
    assert post.content.raw == "Texte\u200b d'origine"
