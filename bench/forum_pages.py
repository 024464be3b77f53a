"""Forum page benchmark: requests/s of the forum index, a forum page and a topic page (20 posts,
signed-in member) as ratios of a bare Django view, and their queries at 1x and 10x data.

The server (uvicorn, community.asgi plus a bare view: bench/bare_site.py) runs in its own
process with the same settings, middleware and members-only gate for every URL; rounds are
interleaved (bare, index, bare, forum, bare, topic, ... again) and each figure is a median.
SQLite file database in a temporary folder; the cache and channel layer are Redis when
BENCH_REDIS_URL is set (as `make bench` does), in memory otherwise.

    .venv/bin/python bench/forum_pages.py --rounds 5 --seconds 2 --concurrency 8
    .venv/bin/python bench/forum_pages.py --small

Not part of the test run; prints numbers and their ratios.
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from pages import bench_environment  # noqa: E402

# What the server process must share with this one.
SERVER_ENV = bench_environment("cimaise-bench-forum-")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from notify_fanout import setup_members  # noqa: E402
from pages import Server, count_queries, interleaved, report  # noqa: E402


def make_topic(forum, users, posts: int, subject: str) -> str:
    from machina.core.db.models import get_model

    from forum.services import topic_url

    Post = get_model("forum_conversation", "Post")
    Topic = get_model("forum_conversation", "Topic")
    topic = Topic.objects.create(
        forum=forum,
        poster=users[0],
        subject=subject,
        type=Topic.TOPIC_POST,
        status=Topic.TOPIC_UNLOCKED,
    )
    for i in range(posts):
        Post.objects.create(
            topic=topic,
            poster=users[i % len(users)],
            subject=subject,
            content=f"Réponse **{i}** : entre 45 et 55 % d'humidité relative, @bench{i % 2}.",
        )
    topic.refresh_from_db()
    return topic_url(topic)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=2.0, help="per page and round")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--posts", type=int, default=20)
    parser.add_argument("--topics", type=int, default=10, help="topics per forum at 1x")
    parser.add_argument("--small", action="store_true", help="3 rounds of 1 s (make bench)")
    args = parser.parse_args()
    if args.small:
        args.rounds, args.seconds = 3, 1.0

    from machina.core.db.models import get_model

    from community.models import User

    Forum = get_model("forum", "Forum")
    keys = setup_members(4)
    users = list(User.objects.order_by("pk"))
    for i, user in enumerate(users):
        user.handle = f"bench{i}"
        user.save(update_fields=["handle"])
    reader = users[1]
    forum = Forum.objects.get(slug="conservation-preventive")
    forum_url = reverse("forum:forum", kwargs={"slug": forum.slug, "pk": forum.pk})

    def grow(topics: int, posts: int) -> str:
        """`topics` more topics in every forum, and a topic of `posts` posts; its URL."""
        for other in Forum.objects.filter(type=Forum.FORUM_POST):
            for n in range(topics):
                make_topic(other, users, 2, f"Question {n} de {other.name}")
        return make_topic(forum, users, posts, "Hygrométrie des réserves")

    topic_url = grow(args.topics, args.posts)
    pages = {"index": "/forum/", "forum": forum_url, "topic": topic_url}
    queries_1x = {name: count_queries(url, reader) for name, url in pages.items()}
    # 10x: ten times the topics in every forum, and a topic of ten times the posts.
    topic_10x = grow(args.topics * 9, args.posts * 10)
    queries_10x = {
        name: count_queries(topic_10x if name == "topic" else url, reader)
        for name, url in pages.items()
    }

    cookie = f"{settings.SESSION_COOKIE_NAME}={keys[1]}"
    server = Server(env=SERVER_ENV)
    try:
        server.wait_ready(cookie)
        medians = interleaved(
            server.port,
            pages,
            cookie,
            rounds=args.rounds,
            seconds=args.seconds,
            concurrency=args.concurrency,
        )
    finally:
        server.stop()

    print(
        f"cache: {'Redis' if SERVER_ENV['REDIS_URL'] else 'in memory'}; "
        f"{args.rounds} interleaved rounds of {args.seconds:g} s, {args.concurrency} clients"
    )
    report(pages, queries_1x, queries_10x, medians)


if __name__ == "__main__":
    main()
