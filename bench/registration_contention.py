"""Registration under contention on PostgreSQL: p95 alone vs 200 at once, and overbookings (must be 0).

Usage: DATABASE_URL=postgres://... .venv/bin/python bench/registration_contention.py [--rounds 3]
The script works in a throwaway test database (created and dropped), never in the real one.
"""

import argparse
import datetime
import os
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings")
os.environ["EMAIL_URL"] = "locmem://"

THREADS = 200
SEATS = 20
ALONE = 60


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) > 1 else values[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="contention rounds (default 3)")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print("DATABASE_URL must point to PostgreSQL (the lock is a no-op on SQLite).")
        return 2

    import django

    django.setup()
    from django.db import connection, connections
    from django.utils import timezone

    from community.models import Structure, User
    from trainings import services
    from trainings.models import Registration, Training

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        structure = Structure.objects.create(
            name="Musée du banc d'essai", city="Rodez", departement="12"
        )
        now = timezone.now()

        def new_training(capacity):
            start = now + datetime.timedelta(days=10)
            return Training.objects.create(
                title="Banc d'essai",
                organiser=structure,
                place_structure=structure,
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=6),
                capacity=capacity,
                registration_opens_at=now - datetime.timedelta(days=1),
                registration_closes_at=now + datetime.timedelta(days=5),
                waiting_list=True,
                status=Training.Status.PUBLISHED,
            )

        counter = iter(range(10**9))

        def new_members(n):
            return User.objects.bulk_create(
                [User(email=f"banc{next(counter)}@bench.test", is_active=True) for _ in range(n)]
            )

        # One registration alone (no one else at the door), measured many times.
        training = new_training(None)
        alone = []
        for member in new_members(ALONE):
            started = time.perf_counter()
            services.register(member=member, training=training)
            alone.append(time.perf_counter() - started)

        # 200 at once for 20 seats.
        contended, overbookings, errors = [], 0, 0
        for _ in range(args.rounds):
            training = new_training(SEATS)
            members = new_members(THREADS)
            barrier = threading.Barrier(THREADS)

            def register(member, training=training, barrier=barrier):
                try:
                    barrier.wait()
                    started = time.perf_counter()
                    services.register(member=member, training=training)
                    return time.perf_counter() - started
                finally:
                    connections.close_all()

            with ThreadPoolExecutor(max_workers=THREADS) as pool:
                futures = [pool.submit(register, m) for m in members]
                for future in futures:
                    try:
                        contended.append(future.result())
                    except Exception as error:  # noqa: BLE001 - any failure is counted and shown, and the run goes on
                        errors += 1
                        print(f"error: {error!r}")
            confirmed = Registration.objects.filter(training=training, status="confirmed").count()
            overbookings += max(confirmed - SEATS, 0)

        alone_p95 = p95(alone) * 1000
        contended_p95 = p95(contended) * 1000
        print(f"registration alone        p95 = {alone_p95:8.1f} ms  ({len(alone)} runs)")
        print(
            f"registration, {THREADS} at once p95 = {contended_p95:8.1f} ms  "
            f"({len(contended)} runs, {args.rounds} rounds of {THREADS} for {SEATS} seats)"
        )
        print(f"ratio contended / alone   = {contended_p95 / alone_p95:8.1f}x")
        print(f"errors                    = {errors}")
        print(f"overbookings              = {overbookings}")
        return 0 if overbookings == 0 and errors == 0 else 1
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
