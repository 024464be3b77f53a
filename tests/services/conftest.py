"""Services tests: real PostgreSQL, Redis and ASGI server processes (started by `make test`).

`scripts/test.sh` starts PostgreSQL and Redis on loopback, exports TEST_DATABASE_URL,
TEST_REDIS_URL, TEST_PG_BIN, TEST_PG_DATA and runs this folder with
DATABASE_URL=$TEST_DATABASE_URL. A missing service is a failure, never a skip.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
HOW_TO_RUN = (
    "run `make test` (scripts/test.sh starts PostgreSQL and Redis), or start them yourself and "
    "run `DATABASE_URL=$TEST_DATABASE_URL pytest tests/services`"
)
# A CSRF secret the test clients send both as cookie and form field (Django accepts 32 chars).
CSRF_SECRET = "cimaisetestscsrfsecret0123456789"


def require_env(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        pytest.fail(f"{name} is not set: tests/services need real services; {HOW_TO_RUN}.")
    return value


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_settings(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [url]},
        }
    }


@pytest.fixture(scope="session")
def services_env():
    return {"database": require_env("TEST_DATABASE_URL"), "redis": require_env("TEST_REDIS_URL")}


@pytest.fixture(scope="session", autouse=True)
def _real_services(request, services_env):
    """Every test here runs on PostgreSQL, with Redis answering; checked once."""
    if connection.vendor != "postgresql":
        pytest.fail(
            f"tests/services must run on PostgreSQL, not {connection.vendor}: {HOW_TO_RUN}."
        )
    import redis

    try:
        redis.Redis.from_url(services_env["redis"], socket_timeout=3).flushdb()
    except redis.exceptions.ConnectionError as error:
        pytest.fail(f"Redis does not answer at {services_env['redis']} ({error}): {HOW_TO_RUN}.")
    request.getfixturevalue("django_db_setup")


@pytest.fixture(autouse=True)
def _test_settings(_test_settings, settings, services_env):
    """The suite-wide test settings, with the Redis channel layer instead of the in-memory one."""
    settings.CHANNEL_LAYERS = redis_settings(services_env["redis"])


def pg_test_url() -> str:
    """The URL of pytest-django's test database (after its setup), for server processes."""
    s = connection.settings_dict
    user = urllib.parse.quote(s.get("USER") or "", safe="")
    password = urllib.parse.quote(s.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgres://{auth}{s.get('HOST') or '127.0.0.1'}{port}/{s['NAME']}"


def session_cookie(user) -> str:
    """A real session (stored in the database) for `user`, as the sessionid cookie value."""
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


@dataclass
class AsgiServer:
    """One `uvicorn community.asgi:application` process on its own port."""

    port: int
    process: subprocess.Popen
    log_path: Path
    env: dict = field(repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def http(method, url, *, cookie=None, data=None, timeout=15):
    """A plain HTTP request (no redirects followed): (status, body text, headers)."""
    headers = {"Accept": "text/html"}
    body = None
    if cookie:
        headers["Cookie"] = f"sessionid={cookie}; csrftoken={CSRF_SECRET}"
    if data is not None:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": CSRF_SECRET}).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    request = urllib.request.Request(url, data=body, headers=headers, method=method)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read().decode(errors="replace"), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace"), error.headers


def _wait_until_up(server: AsgiServer, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"The ASGI server on port {server.port} exited:\n{server.log()}")
        try:
            status, _, _ = http("GET", f"{server.url}/comptes/login/", timeout=2)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    server.stop()
    pytest.fail(
        f"The ASGI server on port {server.port} did not answer in {timeout}s:\n{server.log()}"
    )


def launch_server(*, redis_url: str, log_dir: Path) -> AsgiServer:
    """Start `uvicorn community.asgi:application` on a free port, on the test database."""
    from django.conf import settings

    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "community.settings",
        "DATABASE_URL": pg_test_url(),
        "REDIS_URL": redis_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "0",
        "EMAIL_URL": "locmem://",
        "CIMAISE_VAR_DIR": str(log_dir / f"var-{port}"),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("CIMAISE_PRODUCTION", None)
    log_path = log_dir / f"asgi-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "community.asgi:application",
                "--host=127.0.0.1",
                f"--port={port}",
                "--lifespan=off",
                "--log-level=warning",
                "--ws=websockets-sansio",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = AsgiServer(port=port, process=process, log_path=log_path, env=env)
    _wait_until_up(server)
    return server


def _content_type_ids() -> list:
    from django.contrib.contenttypes.models import ContentType

    return list(ContentType.objects.order_by("id").values_list("app_label", "model", "id"))


class _Pair:
    """The two shared servers, and the content type ids they have cached: a transactional
    test's flush recreates the content types under new ids, which a long-lived server would
    still write (a foreign key error), so the pair is started again when they change."""

    def __init__(self, services_env, log_dir):
        self.services_env, self.log_dir = services_env, log_dir
        self.servers: tuple = ()
        self.content_types: list = []

    def fresh(self) -> tuple:
        ids = _content_type_ids()
        died = any(server.process.poll() is not None for server in self.servers)
        if not self.servers or died or ids != self.content_types:
            self.stop()
            redis = self.services_env["redis"]
            self.servers = tuple(
                launch_server(redis_url=redis, log_dir=self.log_dir) for _ in range(2)
            )
            self.content_types = ids
        return self.servers

    def stop(self) -> None:
        for server in self.servers:
            server.stop()
        self.servers = ()


@pytest.fixture(scope="session")
def _shared_pair(django_db_setup, services_env, tmp_path_factory):  # noqa: ARG001 - django_db_setup: the test database must exist first
    pair = _Pair(services_env, tmp_path_factory.mktemp("asgi"))
    yield pair
    pair.stop()


@pytest.fixture
def two_servers(transactional_db, _shared_pair):  # noqa: ARG001 - transactional_db: rows are committed for the servers' threads
    """Two ASGI processes (A, B) on the test database and the shared Redis, kept for the
    session while the content types they cached stay the same. Tests using them are
    transactional: what they create is committed and visible."""
    return _shared_pair.fresh()


@pytest.fixture
def asgi_servers(transactional_db, services_env, tmp_path):  # noqa: ARG001 - transactional_db: rows are committed for the servers' threads
    """`start(redis_url=None)` -> a dedicated AsgiServer (for fault tests); stopped after."""
    servers: list[AsgiServer] = []

    def start(*, redis_url: str | None = None) -> AsgiServer:
        server = launch_server(redis_url=redis_url or services_env["redis"], log_dir=tmp_path)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def redis_server(tmp_path):
    """`start(port=None)` -> a dedicated redis-server (for fault tests); `stop(port)`."""
    if shutil.which("redis-server") is None:
        pytest.fail(f"redis-server is not installed: {HOW_TO_RUN}.")
    processes: dict[int, subprocess.Popen] = {}

    class Control:
        @staticmethod
        def start(port: int | None = None) -> str:
            port = port or free_port()
            processes[port] = subprocess.Popen(
                [
                    "redis-server",
                    "--port",
                    str(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(tmp_path),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            import redis

            client = redis.Redis(port=port, socket_timeout=1)
            for _ in range(100):
                try:
                    client.ping()
                    return f"redis://127.0.0.1:{port}/0"
                except redis.exceptions.ConnectionError:
                    time.sleep(0.05)
            pytest.fail(f"A dedicated redis-server did not start on port {port}.")

        @staticmethod
        def stop(port: int) -> None:
            process = processes.pop(port)
            process.terminate()
            process.wait(timeout=10)

    yield Control
    for process in processes.values():
        process.terminate()
        process.wait(timeout=10)
