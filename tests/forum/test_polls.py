"""A member asks a question with a poll: its duration and choices are bounded, never a 500."""

from machina.core.db.models import get_model

from tests.forum.conftest import FORMSETS, create_topic_url, topic_url

Topic = get_model("forum_conversation", "Topic")
TopicPoll = get_model("forum_polls", "TopicPoll")


def poll_data(duration="7", max_options="1", **extra):
    return {
        **FORMSETS,
        "subject": "Quel logiciel de récolement ?",
        "content": "Votez pour votre outil.",
        "topic_type": "0",
        "poll_question": "Quel outil utilisez-vous ?",
        "poll_max_options": max_options,
        "poll_duration": duration,
        "poll-TOTAL_FORMS": "2",
        "poll-INITIAL_FORMS": "0",
        "poll-0-text": "Flora",
        "poll-1-text": "Micromusée",
        **extra,
    }


def test_member_opens_a_poll_for_a_week(member_client, forum):
    response = member_client.post(create_topic_url(forum), poll_data(duration="7"))
    assert response.status_code == 302
    poll = TopicPoll.objects.get(topic__subject="Quel logiciel de récolement ?")
    assert poll.duration == 7
    assert [option.text for option in poll.options.order_by("pk")] == ["Flora", "Micromusée"]
    page = member_client.get(topic_url(poll.topic))
    assert page.status_code == 200
    assert "Quel outil utilisez-vous ?" in page.content.decode()


def test_a_poll_of_three_million_days_is_refused(member_client, forum):
    response = member_client.post(create_topic_url(forum), poll_data(duration="3000000"))
    assert response.status_code == 400
    assert "Un sondage dure au plus 365 jours" in response.content.decode()
    # Nothing half-saved, and what was typed is still there.
    assert not Topic.objects.filter(subject="Quel logiciel de récolement ?").exists()
    assert not TopicPoll.objects.exists()
    assert 'value="3000000"' in response.content.decode()


def test_an_absurd_duration_is_refused_not_a_server_error(member_client, forum):
    member_client.raise_request_exception = False
    response = member_client.post(create_topic_url(forum), poll_data(duration=str(10**20)))
    assert response.status_code == 400
    assert "Un sondage dure au plus 365 jours" in response.content.decode()
    assert not TopicPoll.objects.exists()


def test_a_never_ending_poll_is_still_allowed(member_client, forum):
    response = member_client.post(create_topic_url(forum), poll_data(duration="0"))
    assert response.status_code == 302
    poll = TopicPoll.objects.get()
    assert not poll.duration
    assert member_client.get(topic_url(poll.topic)).status_code == 200


def test_more_choices_per_voter_than_a_poll_can_have_is_refused(member_client, forum):
    member_client.raise_request_exception = False
    response = member_client.post(create_topic_url(forum), poll_data(max_options=str(10**20)))
    assert response.status_code == 400
    assert not TopicPoll.objects.exists()
