"""What the page benchmarks share: a server in a process of its own, interleaved rounds of
requests against a bare view, medians, and query counts.

The server is `uvicorn bare_site:application` (the site plus /bench/bare/) started as a
subprocess with the same environment as the benchmark, so that the client threads measuring it
never compete with it for the interpreter.
"""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = "/bench/bare/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """uvicorn serving bench/bare_site.py in its own process, on a free loopback port."""

    def __init__(self, env: dict | None = None):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "bare_site:application",
                "--app-dir",
                str(ROOT / "bench"),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--lifespan",
                "off",
                "--log-level",
                "warning",
                "--no-access-log",
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        )

    def wait_ready(self, cookie: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the server exited with {self.process.returncode}")
            try:
                if get(self.port, BARE, cookie) == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("the server did not answer in time")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def get(port: int, url: str, cookie: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", url, headers={"Cookie": cookie})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def hammer(port: int, url: str, cookie: str, seconds: float, concurrency: int) -> float:
    """Requests per second on `url` with `concurrency` keep-alive clients for `seconds`."""
    counts = [0] * concurrency
    errors = []
    stop = time.perf_counter() + seconds

    def worker(index):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < stop:
            connection.request("GET", url, headers={"Cookie": cookie})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"{url} answered {response.status}")
                return
            counts[index] += 1
        connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(errors[0])
    return sum(counts) / (time.perf_counter() - started)


def interleaved(
    port: int, urls: dict[str, str], cookie: str, *, rounds: int, seconds: float, concurrency: int
) -> dict[str, float]:
    """Median requests/s of each named URL (and of the bare view, named "bare"), measured in
    interleaved rounds (page A, bare, page B, ..., then again) so that a slow spell of the
    machine weighs on every page alike."""
    named = {"bare": BARE, **urls}
    for url in named.values():  # warm caches and connections
        hammer(port, url, cookie, 0.3, 1)
    samples = {name: [] for name in named}
    for _ in range(rounds):
        for name, url in named.items():
            samples[name].append(hammer(port, url, cookie, seconds, concurrency))
            if name != "bare":
                samples["bare"].append(hammer(port, BARE, cookie, seconds, concurrency))
    return {name: statistics.median(values) for name, values in samples.items()}


def count_queries(url: str, user) -> int:
    """Queries of one GET of `url` by `user` seen before, as a member mostly gets it: after two
    GETs (the first view of a topic marks it read, which retires the member's cached read
    state, read again by the second)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    if status != 200:
        raise SystemExit(f"{url} answered {status}")
    return len(queries)


def bench_environment(prefix: str, *, sqlite: bool = True) -> dict:
    """Point this process at its own folder (and at BENCH_REDIS_URL's Redis when set, an
    in-memory cache otherwise), before Django starts; on SQLite unless told otherwise.
    Returns what the server process must share with it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "community.settings")
    os.environ["CIMAISE_VAR_DIR"] = tempfile.mkdtemp(prefix=prefix)
    if sqlite:
        os.environ.pop("DATABASE_URL", None)
    if os.environ.get("BENCH_REDIS_URL"):
        os.environ["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    else:
        os.environ.pop("REDIS_URL", None)
    return {
        "CIMAISE_VAR_DIR": os.environ["CIMAISE_VAR_DIR"],
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
    }


def report(pages, queries_1x: dict, queries_10x: dict, medians: dict, *, label: str = "") -> None:
    """Each page's queries at 1x and 10x data, then its req/s as a ratio of the bare view."""
    for name in pages:
        print(f"queries {label}{name}: {queries_1x[name]} at 1x, {queries_10x[name]} at 10x data")
    print(f"bare view req/s: {medians['bare']:.1f}")
    for name in pages:
        print(
            f"ratio {label}{name} / bare: {medians[name] / medians['bare']:.3f} "
            f"({medians[name]:.1f} req/s)"
        )
