"""One rule says who is a current member: the gate (one person) and the lists (SQL) agree, and
the directory, member pages and forum profiles show current, unhidden members only."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community import roles, selectors
from community.models import Membership
from tests import factories

pytestmark = pytest.mark.django_db

# A fixed day: the rule is checked on dates built here, never on the clock.
TODAY = datetime.date(2026, 3, 10)
GRACE = 30


def days_before(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


# kind -> (how the person is made, current member?)
PEOPLE = {
    "active": (
        dict(status=Membership.Status.ACTIVE, valid_until=datetime.date(2026, 12, 31)),
        True,
    ),
    "active, no end date": (dict(status=Membership.Status.ACTIVE, valid_until=None), True),
    "ends today": (dict(status=Membership.Status.ACTIVE, valid_until=TODAY), True),
    "expired, in grace": (dict(status=Membership.Status.EXPIRED, valid_until=days_before(3)), True),
    "last day of grace": (
        dict(status=Membership.Status.EXPIRED, valid_until=days_before(GRACE)),
        True,
    ),
    "active past its date, in grace (nightly job not run)": (
        dict(status=Membership.Status.ACTIVE, valid_until=days_before(2)),
        True,
    ),
    "lapsed the day after grace": (
        dict(status=Membership.Status.EXPIRED, valid_until=days_before(GRACE + 1)),
        False,
    ),
    "expired, no end date": (dict(status=Membership.Status.EXPIRED, valid_until=None), False),
    "active past grace (nightly job not run)": (
        dict(status=Membership.Status.ACTIVE, valid_until=days_before(GRACE + 5)),
        False,
    ),
    "suspended": (dict(status=Membership.Status.SUSPENDED), False),
    "pending": (dict(status=Membership.Status.PENDING, valid_until=None), False),
    "rejected": (dict(status=Membership.Status.REJECTED, valid_until=None), False),
}


@pytest.fixture(autouse=True)
def _grace(settings):
    settings.MEMBERSHIP_GRACE_DAYS = GRACE


@pytest.mark.parametrize("kind", list(PEOPLE))
def test_the_gate_and_the_lists_apply_the_same_rule(kind):
    fields, expected = PEOPLE[kind]
    person = factories.MembershipFactory(**fields).user
    person = type(person).objects.select_related("membership").get(pk=person.pk)
    assert selectors.is_current(person, TODAY) is expected
    assert roles.is_member(person, TODAY) is expected
    assert selectors.current_members(TODAY).filter(pk=person.pk).exists() is expected


def test_accounts_without_a_membership():
    staff = factories.UserFactory(is_staff=True)
    closed = factories.MembershipFactory(user__is_active=False).user
    nobody = factories.UserFactory()
    current = set(selectors.current_members(TODAY).values_list("pk", flat=True))
    assert staff.pk in current and selectors.is_current(staff, TODAY)
    assert closed.pk not in current and not selectors.is_current(closed, TODAY)
    assert nobody.pk not in current and not selectors.is_current(nobody, TODAY)
    # Staff are current (they run the site) but only association members are listed.
    assert not selectors.listed_members(TODAY).filter(pk=staff.pk).exists()


def test_hidden_members_are_current_but_not_listed():
    hidden = factories.MembershipFactory(user__hide_from_directory=True).user
    assert selectors.current_members().filter(pk=hidden.pk).exists()
    assert not selectors.listed_members().filter(pk=hidden.pk).exists()


def test_the_rule_is_written_once():
    """No module keeps its own list of "listed" statuses or its own current_members()."""
    root = Path(settings.BASE_DIR)
    apps = ["community", "forum", "documents", "cvtheque", "trainings", "notifications"]
    found = {}
    for app in apps:
        for path in (root / app).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for needle in ("LISTED_STATUSES", "def current_members(", "def listed_members("):
                if needle in text:
                    found.setdefault(needle, []).append(str(path.relative_to(root)))
    assert found == {
        "def current_members(": ["community/selectors.py"],
        "def listed_members(": ["community/selectors.py"],
    }


# -- where the rule shows: directory, member pages, forum profiles -----------------------------


def _people():
    """One person of each kind that matters, with dates relative to the real today (the pages
    judge on the clock); the grace period is GRACE days."""
    today = timezone.localdate()
    make = factories.MembershipFactory
    return {
        "active": make(user__last_name="Actif").user,
        "grace": make(
            user__last_name="Grace",
            status=Membership.Status.EXPIRED,
            valid_until=today - datetime.timedelta(days=3),
        ).user,
        "lapsed": make(
            user__last_name="Echu",
            status=Membership.Status.EXPIRED,
            valid_until=today - datetime.timedelta(days=GRACE + 5),
        ).user,
        "suspended": make(user__last_name="Suspendu", status=Membership.Status.SUSPENDED).user,
        "hidden": make(user__last_name="Cache", user__hide_from_directory=True).user,
    }


SHOWN = {"active", "grace"}


def test_the_directory_lists_current_unhidden_members(member_client):
    people = _people()
    response = member_client.get(reverse("community:directory"))
    listed = {user.pk for user in response.context["page"].object_list}
    for kind, person in people.items():
        assert (person.pk in listed) is (kind in SHOWN), kind


def test_member_pages_exist_for_listed_members_only(member_client):
    for kind, person in _people().items():
        response = member_client.get(reverse("community:member_detail", args=[person.pk]))
        assert response.status_code == (200 if kind in SHOWN else 404), kind


def test_a_hidden_member_still_sees_their_own_page():
    hidden = factories.MembershipFactory(user__hide_from_directory=True).user
    client = Client()
    client.force_login(hidden)
    assert client.get(reverse("community:member_detail", args=[hidden.pk])).status_code == 200


def test_forum_profiles_follow_the_directory(member_client):
    for kind, person in _people().items():
        response = member_client.get(reverse("forum_member:profile", kwargs={"pk": person.pk}))
        assert response.status_code == (200 if kind in SHOWN else 404), kind
