"""The forum index, a forum page and a topic page cost the same number of queries with 1x and
10x the data, and a topic with 300 subscribers the same as one with 3: no query per forum,
topic, message or subscriber. Counted on a page seen before (what a member mostly gets: the
cached pieces) and on a first view after everything cached was dropped."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from machina.core.db.models import get_model

from tests.forum.conftest import make_reply, make_topic, topic_url

Forum = get_model("forum", "Forum")

# What a page seen before costs, besides the session: the members-only gate's reads (user,
# membership, groups) and the layout's unread notifications; the forum page also reads its
# forum, its topics (count, page, announces) and the member's read marks of them.
QUERIES = {"index": 4, "forum": 8, "topic": 4}


def count(client, url, *, cold=False):
    if cold:
        cache.clear()
    else:
        client.get(url)  # warm the cache
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    # Session reads vary with what the session holds, not with the data.
    return len([q for q in ctx.captured_queries if "django_session" not in q["sql"]])


def grow(forum, topic, people, *, forums, topics, topics_here, replies):
    """`forums` more forums, `topics` more topics in every forum and `topics_here` more in
    `forum`, `replies` more replies to `topic`."""
    first = Forum.objects.filter(type=Forum.FORUM_POST).count()
    for n in range(forums):
        Forum.objects.create(parent=forum.parent, name=f"Forum {first + n}", type=Forum.FORUM_POST)
    for other in Forum.objects.filter(type=Forum.FORUM_POST):
        for n in range(topics_here if other == forum else topics):
            question = make_topic(other, people[n % len(people)], subject=f"Question {n}")
            make_reply(question, people[(n + 1) % len(people)])
    for i in range(replies):
        make_reply(topic, people[i % len(people)], f"Réponse {i}")


def pages(forum, topic):
    return {
        "index": reverse("forum:index"),
        "forum": reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk}),
        "topic": topic_url(topic),
    }


def counts(client, forum, topic, *, cold):
    # The topic first: reading it marks it read, so every count sees the same read state.
    client.get(topic_url(topic))
    return {name: count(client, url, cold=cold) for name, url in pages(forum, topic).items()}


@pytest.mark.parametrize("cold", [False, True], ids=["seen-before", "first-view"])
def test_query_counts_do_not_grow_with_the_data(
    member_client, forum, topic, other_member, recruiter, cold
):
    people = [other_member, recruiter]
    grow(forum, topic, people, forums=1, topics=1, topics_here=2, replies=9)
    small = counts(member_client, forum, topic, cold=cold)
    grow(forum, topic, people, forums=9, topics=4, topics_here=25, replies=90)
    assert topic.posts.count() == 100
    assert forum.topics.count() > 20  # more than a page of topics
    large = counts(member_client, forum, topic, cold=cold)
    assert large == small
    if not cold:
        assert large == QUERIES


@pytest.mark.parametrize("cold", [False, True], ids=["seen-before", "first-view"])
def test_a_topic_page_costs_the_same_with_3_or_300_subscribers(
    member_client, forum, other_member, cold
):
    def topic_with(subscribers):
        topic = make_topic(forum, other_member, subject=f"Suivi par {subscribers}")
        users = get_user_model().objects.bulk_create(
            get_user_model()(email=f"abonne-{subscribers}-{i}@musees-test.fr")
            for i in range(subscribers)
        )
        topic.subscribers.add(*users)
        return topic

    few, many = topic_with(3), topic_with(300)
    for topic in (few, many):
        member_client.get(topic_url(topic))  # read once, as above
    assert count(member_client, topic_url(many), cold=cold) == count(
        member_client, topic_url(few), cold=cold
    )
    assert many.subscribers.count() > 300  # and its asker


def test_reading_a_topic_again_writes_nothing(member_client, topic, other_member):
    make_reply(topic, other_member)
    member_client.get(topic_url(topic))  # the first visit marks it read
    with CaptureQueriesContext(connection) as ctx:
        member_client.get(topic_url(topic))
    writes = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].startswith(("INSERT", "UPDATE", "DELETE")) and "django_session" not in q["sql"]
    ]
    assert writes == []
