"""Browser tests: Debian's Chromium driven by Playwright against a live ASGI server.

The server is uvicorn running community.asgi in a thread of the test process, on the test
database (a SQLite file) and the in-memory channel layer, so websockets work end to end.
"""

import asyncio
import os
import socket
import threading
import time
from importlib import import_module

import pytest
from django.conf import settings
from django.test import Client

# Playwright's sync API keeps an event loop in the test thread; Django's ORM calls made by the
# tests themselves are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.port = _free_port()
        self.loop = None
        self.server = None
        self.started = threading.Event()
        self.error = None

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
        )
        self.server = uvicorn.Server(config)
        self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self._serve())
        except Exception as error:  # noqa: BLE001 - whatever stops the server thread is handed to the fixture, which fails the test with it
            self.error = error
            self.started.set()

    async def _serve(self):
        task = asyncio.ensure_future(self.server.serve())
        while not self.server.started and not task.done():
            await asyncio.sleep(0.05)
        self.started.set()
        await task

    def stop(self):
        if self.server is not None:
            self.server.should_exit = True
        self.join(timeout=10)


@pytest.fixture(scope="session")
def _live_server(django_db_setup):  # noqa: ARG001 - django_db_setup: the test database must exist first
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is missing at {CHROMIUM}: `make test` installs Debian's chromium.")
    server = LiveServer()
    server.start()
    if not server.started.wait(timeout=30) or server.error:
        pytest.fail(f"The live ASGI server did not start: {server.error}")
    yield server
    server.stop()


@pytest.fixture
def live_url(_live_server, transactional_db, settings):  # noqa: ARG001 - transactional_db: rows are committed for the servers' threads
    """The base URL of the live server; data created by the test is committed and visible."""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
    return f"http://127.0.0.1:{_live_server.port}"


@pytest.fixture
def seeded_forums(live_url):  # noqa: ARG001 - live_url: the live server and its database first
    """The forums and the members' permission rows come from a data migration, which earlier
    transactional tests flushed away: run it again on the live database."""
    from django.apps import apps

    seed = import_module("forum.migrations.0002_categories_and_member_permissions")
    seed.create(apps, None)


@pytest.fixture
def run_on_server(_live_server):
    """Run a plain function on the server's event loop side (e.g. notify() from the test),
    so that the in-memory channel layer delivers to the server's websockets."""
    from asgiref.sync import sync_to_async

    def run(fn, *args, **kwargs):
        future = asyncio.run_coroutine_threadsafe(
            sync_to_async(fn, thread_sensitive=False)(*args, **kwargs), _live_server.loop
        )
        return future.result(timeout=30)

    return run


@pytest.fixture(scope="session")
def _playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright):
    browser = _playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser, live_url):
    """`new_page(user=None)` -> a page in a fresh browser context, logged in as `user`."""
    contexts = []

    def make(user=None):
        context = browser.new_context(base_url=live_url, locale="fr-FR")
        context.set_default_timeout(10_000)
        contexts.append(context)
        if user is not None:
            login(context, user, live_url)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def login(context_or_page, user, live_url):
    """Log `user` in by giving the browser a real session cookie."""
    context = getattr(context_or_page, "context", context_or_page)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_url}]
    )


def wait_until(predicate, timeout=10.0, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def assert_accessible(page):
    """Run axe-core (a local file from the npm registry) and fail on serious/critical issues."""
    axe = os.environ.get("AXE_CORE_JS")
    if not axe or not os.path.exists(axe):
        pytest.fail("AXE_CORE_JS must point to axe.min.js: run the suite with `make test`.")
    page.add_script_tag(path=axe)
    results = page.evaluate("async () => await axe.run(document)")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, f"{page.url}: " + "; ".join(serious)
