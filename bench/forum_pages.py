"""Forum page benchmark: requests/s of a machina topic page (20 posts) against a bare Django view.

Both are served by the same uvicorn + community.asgi process, with the same settings and
middleware (the members-only gate included), to the same logged-in member; the bare view only
returns a short HttpResponse. SQLite file database in a temporary folder.

    .venv/bin/python bench/forum_pages.py --seconds 5 --concurrency 8

Not part of the test run; prints numbers and their ratio.
"""

import argparse
import http.client
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings")
os.environ["CIMAISE_VAR_DIR"] = tempfile.mkdtemp(prefix="cimaise-bench-forum-")
os.environ["WHOOSH_INDEX_PATH"] = str(Path(os.environ["CIMAISE_VAR_DIR"]) / "whoosh")
os.environ.pop("DATABASE_URL", None)
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402
from notify_fanout import Server, free_port, setup_members  # noqa: E402

from community.urls import urlpatterns as site_urlpatterns  # noqa: E402


def bare(request):
    return HttpResponse("ok")


# This module is the URLconf of the benchmark: the site's URLs plus the bare view.
urlpatterns = [*site_urlpatterns, path("bench/bare/", bare, name="bench_bare")]
settings.ROOT_URLCONF = __name__


def make_topic(posts: int) -> str:
    from machina.core.db.models import get_model

    from community.models import User
    from forum.services import topic_url

    Forum = get_model("forum", "Forum")
    Post = get_model("forum_conversation", "Post")
    Topic = get_model("forum_conversation", "Topic")
    forum = Forum.objects.get(slug="conservation-preventive")
    users = list(User.objects.all()[:2])
    topic = Topic.objects.create(
        forum=forum,
        poster=users[0],
        subject="Hygrométrie des réserves",
        type=Topic.TOPIC_POST,
        status=Topic.TOPIC_UNLOCKED,
    )
    for i in range(posts):
        Post.objects.create(
            topic=topic,
            poster=users[i % 2],
            subject="Hygrométrie des réserves",
            content=f"Réponse **{i}** : entre 45 et 55 % d'humidité relative, @bench{i % 2}.",
        )
    topic.refresh_from_db()
    return topic_url(topic)


def count_queries(url: str, user) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    client.get(url)  # caches warm, as on a live server
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def hammer(port: int, url: str, cookie: str, seconds: float, concurrency: int) -> float:
    counts = [0] * concurrency
    stop = time.perf_counter() + seconds

    def worker(index):
        connection = http.client.HTTPConnection("127.0.0.1", port)
        while time.perf_counter() < stop:
            connection.request("GET", url, headers={"Cookie": cookie})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{url} answered {response.status}")
            counts[index] += 1
        connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.perf_counter() - started)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--posts", type=int, default=20)
    args = parser.parse_args()

    keys = setup_members(2)
    from community.models import User

    for i, user in enumerate(User.objects.order_by("pk")):
        user.handle = f"bench{i}"
        user.save(update_fields=["handle"])
    reader = User.objects.order_by("pk")[1]
    topic = make_topic(args.posts)
    index_1x = count_queries("/forum/", reader)
    topic_1x = count_queries(topic, reader)
    topic_10x_url = make_topic(args.posts * 10)
    for _ in range(9):
        make_topic(args.posts)
    index_10x = count_queries("/forum/", reader)
    topic_10x = count_queries(topic_10x_url, reader)
    cookie = f"{settings.SESSION_COOKIE_NAME}={keys[1]}"

    port = free_port()
    server = Server(port)
    server.start()
    server.ready.wait(30)

    for url in (topic, "/bench/bare/"):  # warm up
        hammer(port, url, cookie, 0.5, 1)
    topic_rps = hammer(port, topic, cookie, args.seconds, args.concurrency)
    bare_rps = hammer(port, "/bench/bare/", cookie, args.seconds, args.concurrency)
    print(
        f"queries per page at 10x data: forum index {index_1x} -> {index_10x}, "
        f"topic page {topic_1x} -> {topic_10x} ({args.posts} -> {args.posts * 10} posts)"
    )
    print(f"topic page ({args.posts} posts): {topic_rps:8.1f} requests/s")
    print(f"bare Django view:          {bare_rps:8.1f} requests/s")
    print(f"ratio topic / bare:        {topic_rps / bare_rps:8.3f}")
    server.server.should_exit = True


if __name__ == "__main__":
    main()
