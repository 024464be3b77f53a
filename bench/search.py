"""Search benchmark on PostgreSQL: requests/s of the members' search page as a ratio of a bare
Django view, and its queries at 1x and 10x data (by default 100,000 forum posts and 10,000
documents at 10x).

Data is generated with INSERT ... SELECT over generate_series (no per-row Python); forum posts
then get their search rows in one statement (forum.search.reindex_all) and documents their
tsvector from the trigger. The server (uvicorn, bench/bare_site.py) runs in its own process on
the same throwaway test database; rounds are interleaved and each figure is a median.

    DATABASE_URL=postgres://... .venv/bin/python bench/search.py --rounds 5 --seconds 2
    DATABASE_URL=postgres://... .venv/bin/python bench/search.py --small

Not part of the test run; prints numbers and their ratios.
"""

import argparse
import os
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from pages import bench_environment  # noqa: E402

# On the PostgreSQL of DATABASE_URL (a test database made from it below).
SERVER_ENV = bench_environment("cimaise-bench-search-", sqlite=False)

# Words posts and documents are made of; each row picks a dozen by its number. The queries
# below use museum words: each is in about 3 % of the rows, two of them in about 0.1 %
# (the documents' query, one word, has a second page at 1x data already).
WORDS = (
    "humidité réserve température lumière conservation restauration constat état prêt œuvre "
    "régie vitrine textile peinture sculpture inventaire récolement médiation public exposition "
    "transport caisse assurance conditionnement poussière insectes anoxie climat éclairage "
    "sécurité sûreté numérisation photographie archives catalogue dépôt musée collection"
).split() + [f"terme{n}" for n in range(360)]  # the long tail: each museum word in ~3 % of rows
QUERIES = {
    "all areas": "humidite reserve",
    "forum": "humidite reserve",
    "documents": "restauration",
}


def _words_sql(seed: str) -> str:
    """SQL building a sentence of 12 vocabulary words chosen by the integer expression `seed`."""
    array = "ARRAY[" + ",".join("'" + w.replace("'", "''") + "'" for w in WORDS) + "]"
    picks = [
        f"({array})[1 + (({seed}) * {p} + {k}) %% {len(WORDS)}]"
        for k, p in enumerate((7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47))
    ]
    return " || ' ' || ".join(picks)


def generate(*, topics: int, posts_per_topic: int, documents: int, poster_id: int) -> None:
    """`topics` topics of `posts_per_topic` posts spread over every forum, `documents`
    documents with one version each; all with SQL, then the search rows."""
    from django.db import connection, transaction
    from machina.core.db.models import get_model

    from documents.models import Folder
    from forum.search import reindex_all

    Forum = get_model("forum", "Forum")
    forum_ids = list(Forum.objects.filter(type=Forum.FORUM_POST).values_list("pk", flat=True))
    folder = Folder.objects.create(name="Banc d'essai", position=99)
    forums = "ARRAY[" + ",".join(map(str, forum_ids)) + "]"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM forum_conversation_topic")
        base = cursor.fetchone()[0]
        cursor.execute(
            f"""
            INSERT INTO forum_conversation_topic (forum_id, poster_id, subject, slug, type,
                status, approved, posts_count, views_count, last_post_on, created, updated)
            SELECT ({forums})[1 + g %% {len(forum_ids)}], %s,
                   'Question ' || g || ' : ' || {_words_sql("g")}, 'question-' || g, 0, 0,
                   true, {posts_per_topic}, 0, now(), now(), now()
            FROM generate_series(1, %s) g
            """,
            [poster_id, topics],
        )
        cursor.execute(
            f"""
            INSERT INTO forum_conversation_post (created, updated, topic_id, poster_id, subject,
                content, _content_rendered, username, approved, enable_signature,
                update_reason, updates_count)
            SELECT now() + n * interval '1 second', now(), t.id, %s, t.subject, c.text,
                   '<p>' || c.text || '</p>', NULL, true, false, NULL, 0
            FROM forum_conversation_topic t
            CROSS JOIN generate_series(0, %s) n
            CROSS JOIN LATERAL (SELECT {_words_sql("t.id * 13 + n")} AS text) c
            WHERE t.id > %s
            """,
            [poster_id, posts_per_topic - 1, base],
        )
        cursor.execute(
            """
            UPDATE forum_conversation_topic t SET first_post_id = p.first, last_post_id = p.last
            FROM (SELECT topic_id, min(id) AS first, max(id) AS last
                  FROM forum_conversation_post GROUP BY topic_id) p
            WHERE p.topic_id = t.id AND t.id > %s
            """,
            [base],
        )
        cursor.execute("SELECT coalesce(max(id), 0) FROM documents_document")
        doc_base = cursor.fetchone()[0]
        cursor.execute(
            f"""
            INSERT INTO documents_document (folder_id, title, description, author_id,
                search_text, created_at, updated_at)
            SELECT %s, 'Fiche ' || g || ' : ' || {_words_sql("g * 3")}, '', %s, '', now(), now()
            FROM generate_series(1, %s) g
            """,
            [folder.pk, poster_id, documents],
        )
        cursor.execute(
            f"""
            INSERT INTO documents_documentversion (document_id, number, file_name,
                original_filename, content_type, size, sha256, extracted_text, comment,
                created_at, download_count)
            SELECT d.id, 1, 'bench/' || d.id || '.pdf', 'fiche-' || d.id || '.pdf',
                   'application/pdf', 1000, repeat('0', 64),
                   {_words_sql("d.id")} || ' ' || {_words_sql("d.id * 5 + 1")}, '', now(), 0
            FROM documents_document d WHERE d.id > %s
            """,
            [doc_base],
        )
        # search_text as documents.services writes it (lowercase, no accents); the trigger
        # computes the tsvector from it.
        cursor.execute(
            """
            UPDATE documents_document d
            SET current_version_id = v.id,
                search_text = lower(unaccent(d.title || ' ' || v.extracted_text))
            FROM documents_documentversion v WHERE v.document_id = d.id AND d.id > %s
            """,
            [doc_base],
        )
    reindex_all()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def test_database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    user = urllib.parse.quote(s.get("USER") or "", safe="")
    password = urllib.parse.quote(s.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgres://{auth}{s.get('HOST') or '127.0.0.1'}{port}/{s['NAME']}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=2.0, help="per page and round")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--posts", type=int, default=100_000, help="forum posts at 10x")
    parser.add_argument("--documents", type=int, default=10_000, help="documents at 10x")
    parser.add_argument("--small", action="store_true", help="3 rounds of 1 s, 20,000 posts")
    args = parser.parse_args()
    if args.small:
        args.rounds, args.seconds, args.posts, args.documents = 3, 1.0, 20_000, 2_000
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print("DATABASE_URL must point to PostgreSQL (full-text search is PostgreSQL's).")
        return 2

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    server = None
    try:
        server_env = {**SERVER_ENV, "DATABASE_URL": test_database_url()}
        from notify_fanout import setup_members  # resets DATABASE_URL: after setup
        from pages import Server, count_queries, interleaved, report

        from community.models import User

        keys = setup_members(2)
        reader = User.objects.order_by("pk")[1]
        posts_per_topic = 10
        urls = {
            "all areas": f"/recherche/?q={urllib.parse.quote(QUERIES['all areas'])}",
            "forum": f"/recherche/?q={urllib.parse.quote(QUERIES['forum'])}&area=forum",
            "documents": (
                f"/recherche/?q={urllib.parse.quote(QUERIES['documents'])}&area=documents&page=2"
            ),
        }
        started = time.monotonic()
        generate(
            topics=args.posts // 10 // posts_per_topic,
            posts_per_topic=posts_per_topic,
            documents=args.documents // 10,
            poster_id=reader.pk,
        )
        queries_1x = {name: count_queries(url, reader) for name, url in urls.items()}
        generate(
            topics=args.posts * 9 // 10 // posts_per_topic,
            posts_per_topic=posts_per_topic,
            documents=args.documents * 9 // 10,
            poster_id=reader.pk,
        )
        generated = time.monotonic() - started
        queries_10x = {name: count_queries(url, reader) for name, url in urls.items()}

        cookie = f"{settings.SESSION_COOKIE_NAME}={keys[1]}"
        server = Server(env=server_env)
        server.wait_ready(cookie)
        medians = interleaved(
            server.port,
            urls,
            cookie,
            rounds=args.rounds,
            seconds=args.seconds,
            concurrency=args.concurrency,
        )
    finally:
        if server is not None:
            server.stop()
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(
        f"data: {args.posts} forum posts, {args.documents} documents at 10x "
        f"(generated in {generated:.1f} s); {args.rounds} interleaved rounds of "
        f"{args.seconds:g} s, {args.concurrency} clients"
    )
    report(urls, queries_1x, queries_10x, medians, label="search ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
