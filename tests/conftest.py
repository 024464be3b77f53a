"""Role fixtures shared by the whole suite: a person for each role and a client logged in as them."""

import datetime
import os
import zoneinfo

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client

from community import roles
from community.middleware import MembersOnlyGateMiddleware
from community.models import Membership
from tests import factories
from tests.s3_server import s3_server, s3_storage  # noqa: F401

_clock = None


def pytest_configure(config):
    """CIMAISE_TEST_CLOCK=23:30 runs the suite as if it were 23:30 in Paris today (the clock
    keeps ticking from there): `make test-clock` proves that no test depends on the hour."""
    global _clock
    wanted = os.environ.get("CIMAISE_TEST_CLOCK", "")
    if not wanted:
        return
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    hour, minute = (int(part) for part in wanted.split(":"))
    today = datetime.datetime.now(paris).date()
    start = datetime.datetime.combine(today, datetime.time(hour, minute), tzinfo=paris)
    _clock = time_machine.travel(start, tick=True)
    _clock.start()
    config.stash[_CLOCK_KEY] = start


_CLOCK_KEY = pytest.StashKey[datetime.datetime]()


def pytest_report_header(config):
    start = config.stash.get(_CLOCK_KEY, None)
    return [f"clock set to {start.isoformat()} (CIMAISE_TEST_CLOCK)"] if start else []


def pytest_unconfigure():
    if _clock is not None:
        _clock.stop()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request):
    """On SQLite the test database is a file, not memory, so that the live servers of the
    browser tests (other threads) see the test data. Set before pytest-django's own changes
    (the per-worker suffix under xdist), which this fixture replaces."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(settings.VAR_DIR / "test-db.sqlite3")
    request.getfixturevalue("django_db_modify_db_settings_parallel_suffix")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    settings.LANGUAGE_CODE = "fr"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the database is rolled back after each test (ids
    are reused), so cached pages and versions must not outlive it."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _gate_marks_its_refusals(monkeypatch):
    """Test-only: each response the members-only gate returns itself (its redirects, its 401 and
    403 answers) carries `response.refused_by_gate = True`, a Python attribute the test client
    hands back and nothing sends over the wire. A test tells a gate refusal from a view's own
    403, 404 or redirect with `refused_by_gate(response)`; production responses carry no mark."""
    decide = MembersOnlyGateMiddleware.process_view

    def process_view(self, request, view_func, view_args, view_kwargs):
        response = decide(self, request, view_func, view_args, view_kwargs)
        if response is not None:
            response.refused_by_gate = True
        return response

    monkeypatch.setattr(MembersOnlyGateMiddleware, "process_view", process_view)


def refused_by_gate(response) -> bool:
    return getattr(response, "refused_by_gate", False)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests last: Playwright's sync API keeps an event loop in the main thread for the
    rest of the session, which async_to_sync in later tests would trip over."""
    items.sort(key=lambda item: "tests/browser/" in str(item.fspath))


def _client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def applicant(db):  # noqa: ARG001 - db: the fixture writes rows
    return factories.MembershipFactory(status=Membership.Status.PENDING, valid_until=None).user


@pytest.fixture
def member(db):  # noqa: ARG001 - db: the fixture writes rows
    return factories.make_member()


@pytest.fixture
def other_member(db):  # noqa: ARG001 - db: the fixture writes rows
    return factories.make_member()


@pytest.fixture
def recruiter(db):  # noqa: ARG001 - db: the fixture writes rows
    user = factories.make_member()
    user.groups.add(Group.objects.get_or_create(name=roles.RECRUITERS_GROUP)[0])
    return user


@pytest.fixture
def moderator(db):  # noqa: ARG001 - db: the fixture writes rows
    user = factories.make_member()
    user.groups.add(Group.objects.get_or_create(name=roles.MODERATORS_GROUP)[0])
    return user


@pytest.fixture
def staff(db):  # noqa: ARG001 - db: the fixture writes rows
    user = factories.UserFactory(is_staff=True)
    factories.MembershipFactory(user=user)
    return user


@pytest.fixture
def suspended(db):  # noqa: ARG001 - db: the fixture writes rows
    return factories.MembershipFactory(status=Membership.Status.SUSPENDED).user


@pytest.fixture
def expired(db, settings):  # noqa: ARG001 - db: the fixture writes rows
    """Lapsed beyond the grace period: only the renewal page."""
    return factories.make_expired(days_ago=settings.MEMBERSHIP_GRACE_DAYS + 5)


@pytest.fixture
def in_grace(db):  # noqa: ARG001 - db: the fixture writes rows
    """Lapsed a few days ago: still reads, cannot write."""
    return factories.make_expired(days_ago=3)


@pytest.fixture
def anonymous_client():
    return Client()


@pytest.fixture
def applicant_client(applicant):
    return _client_for(applicant)


@pytest.fixture
def member_client(member):
    return _client_for(member)


@pytest.fixture
def other_member_client(other_member):
    return _client_for(other_member)


@pytest.fixture
def recruiter_client(recruiter):
    return _client_for(recruiter)


@pytest.fixture
def moderator_client(moderator):
    return _client_for(moderator)


@pytest.fixture
def staff_client(staff):
    return _client_for(staff)


@pytest.fixture
def suspended_client(suspended):
    return _client_for(suspended)


@pytest.fixture
def expired_client(expired):
    return _client_for(expired)


@pytest.fixture
def in_grace_client(in_grace):
    return _client_for(in_grace)


ROLE_NAMES = [
    "anonymous",
    "applicant",
    "member",
    "recruiter",
    "moderator",
    "staff",
    "suspended",
    "expired",
]


@pytest.fixture
def client_for_role(request):
    """`client_for_role("member")` -> a client logged in as a fresh person of that role."""

    def make(role: str):
        if role == "anonymous":
            return Client(), None
        user = request.getfixturevalue(role)
        return _client_for(user), user

    return make
