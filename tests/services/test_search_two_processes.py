"""A post written through one application process is found at once by a search on another:
the index is rows in PostgreSQL, not a folder on one server."""

from importlib import import_module

from django.apps import apps
from django.urls import reverse
from machina.core.db.models import get_model

from tests import factories
from tests.forum.conftest import make_topic, reply_data, reply_url
from tests.services.conftest import http, session_cookie

Forum = get_model("forum", "Forum")


def test_a_reply_posted_on_a_is_found_by_a_search_on_b(two_servers, services_env, settings):
    # The test process writes through the servers' Redis cache, so the versions they read move.
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
    topic = make_topic(forum, asker, subject="Anoxie des textiles", content="Quelle durée ?")
    search_url = f"{server_b.url}{reverse('community:search')}?q=azote+anoxie&area=forum"

    status, body, _ = http("GET", search_url, cookie=session_cookie(reader))
    assert status == 200
    assert "Anoxie des textiles" not in body

    status, _, _ = http(
        "POST",
        server_a.url + reply_url(topic),
        cookie=session_cookie(answerer),
        data=reply_data(content="Trois semaines sous azote, à 0,1 % d'oxygène."),
    )
    assert status == 302

    status, body, _ = http("GET", search_url, cookie=session_cookie(reader))
    assert status == 200
    assert "Anoxie des textiles" in body
    assert "<mark>azote</mark>" in body
