"""The forum index and a topic page cost the same number of queries with 10 or 100 posts."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.forum.conftest import make_reply, topic_url


def count(client, url):
    client.get(url)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    # Session reads vary with what the session holds, not with the number of posts.
    return len([q for q in ctx.captured_queries if "django_session" not in q["sql"]])


def test_query_counts_do_not_grow(member_client, topic, other_member, recruiter):
    for i in range(9):
        make_reply(topic, other_member if i % 2 else recruiter, f"Réponse {i}")
    index = reverse("forum:index")
    # The topic first: reading it marks it read, so both index counts see the same read state.
    small_topic = count(member_client, topic_url(topic))
    small_index = count(member_client, index)
    for i in range(90):
        make_reply(topic, other_member if i % 2 else recruiter, f"Réponse bis {i}")
    assert topic.posts.count() == 100
    assert count(member_client, topic_url(topic)) == small_topic
    assert count(member_client, index) == small_index
