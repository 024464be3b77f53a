"""What a forum URL answers when something is wrong: 404 for an id that names nothing, 400 for a
refused form, and a logged 500 for a bug (never a silent "page not found")."""

import logging
import re

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from tests.forum.conftest import reply_data, reply_url

MACHINA_APPS = ("forum", "forum_conversation", "forum_feeds", "forum_member", "forum_moderation")
MACHINA_APPS += ("forum_search", "forum_tracking")


def _fill(route: str, pattern, value: str) -> str:
    """The route with every id set to `value` (and every slug to "x")."""
    if isinstance(pattern, RoutePattern):
        return re.sub(
            r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>",
            lambda m: "x" if m.group("conv") == "slug" else value,
            route,
        )
    regex = route.lstrip("^").rstrip("$").replace("\\Z", "")
    regex = re.sub(
        r"\(\?P<(?P<name>[^>]+)>[^)]*\)",
        lambda m: "x" if "slug" in m.group("name") else value,
        regex,
    )
    return regex.replace("\\", "")


def machina_urls_with_ids(value: str, resolver=None, prefix="", namespace=""):
    """(path, name) of every machina URL that takes an id, with the ids set to `value`."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from machina_urls_with_ids(
                value, entry, prefix + _fill(route, entry.pattern, value), ns
            )
        elif namespace.split(":")[0] in MACHINA_APPS:
            path = "/" + prefix + _fill(route, entry.pattern, value)
            if re.search(rf"(^|[/-]){value}(/|-|$)", path):
                yield path, f"{namespace}:{entry.name}"


@pytest.mark.parametrize("value", ["999999", "0", "abc"])
def test_every_machina_url_with_an_id_that_names_nothing_is_a_404(staff_client, value):
    staff_client.raise_request_exception = False  # a bug shows as a 500 in the list below
    urls = list(machina_urls_with_ids(value))
    if value != "abc":  # most of machina's ids are digits only: letters do not even resolve
        assert len(urls) > 25
    wrong = []
    for path, name in urls:
        for method in ("get", "post"):
            status = getattr(staff_client, method)(path).status_code
            # 405: a page that only shows (profiles) or only acts (ours), refused before any id.
            if status not in (404, 405):
                wrong.append(f"{method.upper()} {path} ({name}) -> {status}")
    assert not wrong, "\n".join(wrong)


def test_a_reply_to_topic_zero_is_a_404(member_client, topic):
    url = reply_url(topic).replace(f"-{topic.pk}/post/", "-0/post/")
    assert member_client.get(url).status_code == 404
    assert member_client.post(url, reply_data()).status_code == 404
    assert topic.posts.count() == 1


@pytest.mark.parametrize("url_name", ["forum_member:profile", "forum_member:user_posts"])
def test_a_profile_id_with_letters_is_a_404(member_client, url_name):
    url = reverse(url_name, kwargs={"pk": "abc"})
    assert member_client.get(url).status_code == 404


def test_a_bug_after_a_reply_is_saved_is_a_logged_500(
    other_member_client, topic, monkeypatch, caplog
):
    def broken_announcement(**_kwargs):
        raise ValueError("a bug in our own receiver")

    # forum/receivers.py announces each saved post through this service function.
    monkeypatch.setattr("forum.receivers.services.announce_post", broken_announcement)
    other_member_client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = other_member_client.post(reply_url(topic), reply_data(content="Mon avis"))
    assert response.status_code == 500
    errors = [r for r in caplog.records if r.name == "django.request" and r.levelname == "ERROR"]
    assert errors, caplog.text
    assert "a bug in our own receiver" in str(errors[0].exc_info[1])


def test_a_refused_reply_is_a_400_not_a_404(other_member_client, topic):
    response = other_member_client.post(reply_url(topic), reply_data(content=""))
    assert response.status_code == 400
    assert topic.posts.count() == 1
