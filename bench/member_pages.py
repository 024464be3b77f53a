"""Member page benchmark: requests/s of the home dashboard, a documents folder (40 documents)
and an empty page in our layout (the legal page), as ratios of a bare Django view, and their
queries at 1x and 10x data.

Same method as bench/forum_pages.py: the server (uvicorn, community.asgi plus a bare view:
bench/bare_site.py) runs in its own process with the same settings, middleware and gate;
rounds are interleaved and each figure is a median. SQLite file database in a temporary
folder; cache and channel layer on Redis when BENCH_REDIS_URL is set (as `make bench` does).

    .venv/bin/python bench/member_pages.py --rounds 5 --seconds 2 --concurrency 8
    .venv/bin/python bench/member_pages.py --small

Not part of the test run; prints numbers and their ratios.
"""

import argparse
import datetime
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from pages import bench_environment  # noqa: E402

# What the server process must share with this one.
SERVER_ENV = bench_environment("cimaise-bench-members-")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.utils import timezone  # noqa: E402
from notify_fanout import setup_members  # noqa: E402
from pages import Server, count_queries, interleaved, report  # noqa: E402


def grow(times: int, users, folder) -> None:
    """`times` more of everything the home page and the folder show."""
    from community.models import Structure
    from cvtheque.models import JobOffer
    from documents.models import Document, DocumentVersion, Folder, FolderFollow
    from trainings.models import Registration, Training

    structure = Structure.objects.first()
    reader = users[1]
    now = timezone.now()
    for n in range(times):
        training = Training.objects.create(
            kind="formation",
            title=f"Formation {n}",
            description="Conservation préventive.",
            organiser=structure,
            place_structure=structure,
            departement=structure.departement,
            starts_at=now + datetime.timedelta(days=10 + n),
            ends_at=now + datetime.timedelta(days=10 + n, hours=7),
            capacity=20,
            registration_opens_at=now - datetime.timedelta(days=1),
            registration_closes_at=now + datetime.timedelta(days=9 + n),
            status="published",
        )
        Registration.objects.create(training=training, member=reader, status="confirmed")
        other = Folder.objects.create(name=f"Dossier {n}", position=n + 1)
        FolderFollow.objects.get_or_create(folder=other, user=reader)
        documents = Document.objects.bulk_create(
            [
                Document(folder=doc_folder, title=f"Document {n}-{i}", author=users[0])
                for doc_folder in (other, folder)
                for i in range(4)
            ]
        )
        # A version each (rows only: the pages list them, nothing reads the files).
        versions = DocumentVersion.objects.bulk_create(
            [
                DocumentVersion(
                    document=document,
                    number=1,
                    file_name=f"documents/bench-{document.pk}.pdf",
                    original_filename=f"{document.title}.pdf",
                    content_type="application/pdf",
                    size=120_000,
                    sha256="0" * 64,
                    uploaded_by=users[0],
                )
                for document in documents
            ]
        )
        for document, version in zip(documents, versions, strict=True):
            document.current_version = version
        Document.objects.bulk_update(documents, ["current_version"])
        JobOffer.objects.create(
            structure=structure,
            title=f"Régisseur {n}",
            description="Régie des collections.",
            profession="conservation",
            contract_type="cdd",
            place="Toulouse",
            departement="31",
            closing_date=timezone.localdate() + datetime.timedelta(days=30),
            how_to_apply="CV et lettre.",
            status="published",
            published_at=now,
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=2.0, help="per page and round")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--times", type=int, default=10, help="items of each kind at 1x")
    parser.add_argument("--small", action="store_true", help="3 rounds of 1 s (make bench)")
    args = parser.parse_args()
    if args.small:
        args.rounds, args.seconds = 3, 1.0

    from community.models import User
    from documents.models import Folder

    keys = setup_members(4)
    users = list(User.objects.order_by("pk"))
    reader = users[1]
    folder = Folder.objects.create(name="Régie", position=0)
    grow(args.times, users, folder)
    pages = {"home": "/", "folder": folder.get_absolute_url(), "layout": "/mentions-legales/"}
    queries_1x = {name: count_queries(url, reader) for name, url in pages.items()}
    grow(args.times * 9, users, folder)
    queries_10x = {name: count_queries(url, reader) for name, url in pages.items()}

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
