"""A poll stored with an absurd duration before the bound existed is capped by a migration: its
topic opens again instead of answering 500 to everyone."""

import importlib

from django.apps import apps
from machina.core.db.models import get_model

from tests.forum.conftest import make_topic, topic_url

TopicPoll = get_model("forum_polls", "TopicPoll")
migration = importlib.import_module("forum.migrations.0003_cap_stored_poll_durations")


def test_a_stored_poll_of_three_million_days_is_capped_and_its_topic_opens(
    member_client, member, forum
):
    topic = make_topic(forum, member)
    poll = TopicPoll.objects.create(topic=topic, question="Quel outil ?", duration=3_000_000)
    sane = TopicPoll.objects.create(
        topic=make_topic(forum, member, subject="Autre"), question="Et vous ?", duration=7
    )

    migration.cap(apps, None)

    poll.refresh_from_db()
    sane.refresh_from_db()
    assert poll.duration == migration.POLL_MAX_DAYS
    assert sane.duration == 7
    assert member_client.get(topic_url(topic)).status_code == 200
