"""Fan-out benchmark: time from the commit of one notify() to its receipt by N websocket clients.

Starts Cimaise (community.asgi under uvicorn, in a thread of this process, SQLite file database
in a temporary folder, in-memory channel layer), connects N logged-in members with the
`websockets` library, then for each round commits one notify() to all of them and measures
until every client has the message. It compares with a bare channel-layer round trip
(group_send to N groups, then receive on N channels) measured in the same run.

    .venv/bin/python bench/notify_fanout.py --clients 500 --rounds 20

Not part of the test run; prints numbers and ratios.
"""

import argparse
import asyncio
import json
import os
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings")
os.environ["CIMAISE_VAR_DIR"] = tempfile.mkdtemp(prefix="cimaise-bench-")
os.environ.pop("DATABASE_URL", None)
os.environ.pop("REDIS_URL", None)


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def setup_members(count: int) -> list[str]:
    """Create `count` current members and a session for each; return their session keys."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone

    from community.models import Membership, Structure, User, end_of_membership_year

    call_command("migrate", verbosity=0, interactive=False)
    structure = Structure.objects.create(
        name="Musée du banc d'essai", city="Toulouse", departement="31"
    )
    users = User.objects.bulk_create(
        [
            User(email=f"bench{i}@musees-test.fr", first_name="Banc", last_name=str(i))
            for i in range(count)
        ]
    )
    today = timezone.localdate()
    Membership.objects.bulk_create(
        [
            Membership(
                user=user,
                structure=structure,
                job_title="Régisseur",
                profession="conservation",
                status=Membership.Status.ACTIVE,
                valid_until=end_of_membership_year(today),
                approved_at=timezone.now(),
            )
            for user in users
        ]
    )
    keys = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
    return keys


class Server(threading.Thread):
    """uvicorn serving community.asgi on its own event loop, in this process."""

    def __init__(self, port: int):
        super().__init__(daemon=True)
        self.port = port
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.server = None

    def run(self):
        import uvicorn

        from community.asgi import application

        config = uvicorn.Config(
            application,
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            lifespan="off",
            ws="websockets-sansio",
            backlog=4096,
        )
        self.server = uvicorn.Server(config)
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(self._serve())

    async def _serve(self):
        task = asyncio.ensure_future(self.server.serve())
        while not self.server.started and not task.done():
            await asyncio.sleep(0.05)
        self.ready.set()
        await task

    def call(self, coroutine):
        """Run a coroutine on the server's loop (where the in-memory layer delivers)."""
        return asyncio.wrap_future(asyncio.run_coroutine_threadsafe(coroutine, self.loop))


def commit_notify(recipient_ids: list[int], title: str) -> float:
    """One notify() in a transaction; returns the clock just after the commit."""
    from django.db import transaction

    from notifications.services import notify

    committed = {}
    with transaction.atomic():
        # Registered first, so it runs first after the commit, before notify()'s push.
        transaction.on_commit(lambda: committed.setdefault("at", time.perf_counter()))
        notify(recipient_ids, "announcement", title=title, url="/notifications/")
    return committed["at"]


async def bare_layer_round_trip(count: int) -> float:
    """group_send to `count` groups of one channel each, until every channel has received."""
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    channels = [await layer.new_channel() for _ in range(count)]
    for index, channel in enumerate(channels):
        await layer.group_add(f"bench-{index}", channel)
    start = time.perf_counter()
    await asyncio.gather(*(layer.group_send(f"bench-{i}", {"type": "bench"}) for i in range(count)))
    await asyncio.gather(*(layer.receive(channel) for channel in channels))
    elapsed = time.perf_counter() - start
    for index, channel in enumerate(channels):
        await layer.group_discard(f"bench-{index}", channel)
    return elapsed


async def main(keys: list[str], recipient_ids: list[int], rounds: int) -> None:
    import websockets
    from asgiref.sync import sync_to_async

    server = Server(free_port())
    server.start()
    server.ready.wait(timeout=30)
    url = f"ws://127.0.0.1:{server.port}/ws/notifications/"
    origin = f"http://127.0.0.1:{server.port}"

    received: dict[str, list[float]] = {}
    all_in: dict[str, asyncio.Event] = {}

    async def client(key: str, connected: asyncio.Event, counter: list[int]):
        async with websockets.connect(
            url,
            origin=origin,
            additional_headers={"Cookie": f"sessionid={key}"},
            open_timeout=60,
            max_queue=None,
        ) as ws:
            counter[0] += 1
            if counter[0] == len(keys):
                connected.set()
            async for raw in ws:
                now = time.perf_counter()
                message = json.loads(raw)
                if message.get("type") != "notification":
                    continue
                title = message["notification"]["title"]
                times = received.setdefault(title, [])
                times.append(now)
                if len(times) == len(keys):
                    all_in[title].set()

    connected, counter = asyncio.Event(), [0]
    print(f"connecting {len(keys)} websocket clients…", flush=True)
    tasks = []
    for start in range(0, len(keys), 50):  # in waves, not to overflow the listen backlog
        tasks += [
            asyncio.create_task(client(key, connected, counter)) for key in keys[start : start + 50]
        ]
        await asyncio.sleep(0.05)
    await asyncio.wait_for(connected.wait(), timeout=120)

    to_all, per_message, bare = [], [], []
    for round_number in range(rounds + 1):
        title = f"Annonce n° {round_number}"
        all_in[title] = asyncio.Event()
        committed_at = await server.call(
            sync_to_async(commit_notify, thread_sensitive=False)(recipient_ids, title)
        )
        await asyncio.wait_for(all_in[title].wait(), timeout=60)
        bare_time = await server.call(bare_layer_round_trip(len(keys)))
        if round_number == 0:
            continue  # warm-up
        times = received[title]
        to_all.append(max(times) - committed_at)
        per_message += [t - committed_at for t in times]
        bare.append(bare_time)

    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await asyncio.sleep(1)  # let the server run the consumers' disconnects
    server.server.should_exit = True
    await asyncio.to_thread(server.join, 10)

    ms = 1000
    p50, p99 = percentile(to_all, 0.5) * ms, percentile(to_all, 0.99) * ms
    b50, b99 = percentile(bare, 0.5) * ms, percentile(bare, 0.99) * ms
    print(f"clients: {len(keys)}, rounds: {rounds}")
    print(f"commit -> received by all      p50 {p50:8.1f} ms   p99 {p99:8.1f} ms")
    print(
        f"commit -> one client (each)    p50 {percentile(per_message, 0.5) * ms:8.1f} ms"
        f"   p99 {percentile(per_message, 0.99) * ms:8.1f} ms"
    )
    print(f"bare group_send round trip     p50 {b50:8.1f} ms   p99 {b99:8.1f} ms")
    print(f"ratio notify fan-out / bare layer: p50 x{p50 / b50:.1f}   p99 x{p99 / b99:.1f}")
    print(f"mean time to all: {statistics.mean(to_all) * ms:.1f} ms")
    print(
        "(in-memory channel layer: it scans all its channels on every send, so both numbers"
        " grow faster than the number of clients)"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from community.models import User

    try:
        session_keys = setup_members(args.clients)
        ids = list(User.objects.values_list("pk", flat=True))
        asyncio.run(main(session_keys, ids, args.rounds))
    finally:
        shutil.rmtree(os.environ["CIMAISE_VAR_DIR"], ignore_errors=True)
