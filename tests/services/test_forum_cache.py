"""The forum's cached pages are shared by the server processes through Redis, and never stale: a
change made through process B shows on process A's next page view."""

from importlib import import_module

from django.apps import apps
from django.urls import reverse
from machina.core.db.models import get_model

from community.cache import ResilientRedisCache
from tests import factories
from tests.forum.conftest import (
    make_reply,
    make_topic,
    post_update_url,
    reply_data,
    reply_url,
    topic_url,
)
from tests.services.conftest import http, session_cookie

Forum = get_model("forum", "Forum")


def test_changes_made_through_one_process_show_on_the_other(two_servers, services_env, settings):
    # What this process writes (the forums, the topic) must bump the versions the servers read:
    # the same Redis cache as theirs, not the test settings' in-memory one.
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "community.cache.ResilientRedisCache",
            "LOCATION": services_env["redis"],
        },
    }
    # The forums come from a data migration that earlier transactional tests flushed away.
    import_module("forum.migrations.0002_categories_and_member_permissions").create(apps, None)
    server_a, server_b = two_servers
    asker, answerer, reader = (factories.make_member() for _ in range(3))
    forum = Forum.objects.get(name="Conservation préventive")
    topic = make_topic(forum, asker, subject="Hygrométrie des réserves partagées")
    answer = make_reply(topic, answerer, "Première version de la réponse")
    reader_cookie = session_cookie(reader)

    def page_on_a(url=None):
        url = url or topic_url(topic)
        status, body, _ = http("GET", server_a.url + url, cookie=reader_cookie)
        assert status == 200
        return body

    def post_on_b(user, url, data):
        status, _, _ = http("POST", server_b.url + url, cookie=session_cookie(user), data=data)
        assert status == 302, (url, status)

    forum_url = reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})
    for url in (topic_url(topic), forum_url, reverse("forum:index")):
        page_on_a(url), page_on_a(url)  # cached on A (and in Redis)
    assert "Première version de la réponse" in page_on_a()

    post_on_b(
        answerer,
        post_update_url(answer),
        reply_data(content="Version corrigée de la réponse", subject=""),
    )
    body = page_on_a()
    assert "Version corrigée de la réponse" in body and "Première version" not in body

    post_on_b(asker, reply_url(topic), reply_data(content="Merci, tout est clair.", subject=""))
    assert "Merci, tout est clair." in page_on_a()

    post_on_b(asker, reverse("cimaise_forum:mark_solution", args=[answer.pk]), {})
    assert "Réponse retenue" in page_on_a()
    assert "Résolu" in page_on_a(forum_url)

    # The asker wrote the question and the last reply: shown on all three pages.
    post_on_b(
        asker,
        reverse("community:profile"),
        {"first_name": "Camille", "last_name": "Renommée", "handle": "camille-r"},
    )
    for url in (topic_url(topic), forum_url, reverse("forum:index")):
        assert "Camille Renommée" in page_on_a(url), url


def test_one_redis_client_per_process(services_env):
    """Django makes a cache object per request; they share one client (and its connections)."""
    import redis

    location = services_env["redis"]
    watcher = redis.Redis.from_url(location)
    before = watcher.info("clients")["connected_clients"]
    for i in range(30):
        per_request = ResilientRedisCache(location, {})
        per_request.set(f"forum-test-{i}", i)
        assert per_request.get(f"forum-test-{i}") == i
    assert ResilientRedisCache(location, {})._cache is ResilientRedisCache(location, {})._cache
    assert watcher.info("clients")["connected_clients"] <= before + 2
