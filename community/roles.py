"""Who someone is for Cimaise: one place that turns a user into roles and access levels."""

import datetime

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

RECRUITERS_GROUP = "recruteurs"
MODERATORS_GROUP = "moderateurs"

# Access levels a URL can require, from the most open to the most closed.
PUBLIC = "public"  # anyone, logged in or not
APPLICANT = "applicant"  # any logged-in person not suspended (profile, pending page)
MEMBER = "member"  # approved, current membership (or within the grace period, read only)
RECRUITER = "recruiter"
MODERATOR = "moderator"
STAFF = "staff"
LEVELS = [PUBLIC, APPLICANT, MEMBER, RECRUITER, MODERATOR, STAFF]

# Member states, as the gate sees them.
ANONYMOUS = "anonymous"
PENDING = "applicant"
ACTIVE = "active"
GRACE = "grace"  # membership lapsed, still inside the grace period: read only
LAPSED = "lapsed"  # past the grace period: renewal page only
SUSPENDED = "suspended"
# The states in which a person is a current member: the gate lets them read the members' space,
# notify() and the live socket reach them. The grace period counts, as the design says ("an
# expired membership keeps read access for a grace period"); writing is refused by the gate.
CURRENT_STATES = frozenset({ACTIVE, GRACE})


def group_names(user) -> set[str]:
    """The names of the person's groups, read once per request (kept on the user object)."""
    cached = getattr(user, "_cimaise_groups", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True)) if user.is_authenticated else set()
        user._cimaise_groups = cached
    return cached


def member_state(user, today: datetime.date | None = None) -> str:
    """The state of a person's membership, as the gate and the websocket see it."""
    if not user.is_authenticated:
        return ANONYMOUS
    if not user.is_active:
        return SUSPENDED
    if user.is_staff:
        return ACTIVE
    membership = membership_of(user)
    if membership is None:
        return PENDING
    status = membership.status
    if status == membership.Status.SUSPENDED:
        return SUSPENDED
    if status in (membership.Status.PENDING, membership.Status.REJECTED):
        return PENDING
    today = today or timezone.localdate()
    if status == membership.Status.ACTIVE and (
        membership.valid_until is None or membership.valid_until >= today
    ):
        return ACTIVE
    # Expired (or active but past its date before the nightly command ran).
    if status in (membership.Status.ACTIVE, membership.Status.EXPIRED) and (
        membership.valid_until is not None and membership.valid_until >= grace_cutoff(today)
    ):
        return GRACE
    return LAPSED


def membership_of(user):
    """The person's Membership, or None (anonymous, or never applied)."""
    try:
        return user.membership
    except (ObjectDoesNotExist, AttributeError):
        return None


def is_recruiter(user) -> bool:
    return user.is_authenticated and (user.is_staff or RECRUITERS_GROUP in group_names(user))


def is_moderator(user) -> bool:
    return user.is_authenticated and (user.is_staff or MODERATORS_GROUP in group_names(user))


def is_staff(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_staff


def is_member(user, today: datetime.date | None = None) -> bool:
    """Approved and current (or in grace): can read the members' space.

    The per-person form of community.selectors.current_members() (which says the same in SQL);
    a test checks the two agree for every kind of person."""
    return member_state(user, today) in CURRENT_STATES


def roles_of(user) -> set[str]:
    """The roles this person holds right now: APPLICANT, MEMBER, RECRUITER, MODERATOR, STAFF."""
    state = member_state(user)
    if state == ANONYMOUS:
        return set()
    if state in (PENDING, LAPSED):
        return {APPLICANT}
    if state == SUSPENDED:
        return set()
    roles = {APPLICANT, MEMBER}
    if is_recruiter(user):
        roles.add(RECRUITER)
    if is_moderator(user):
        roles.add(MODERATOR)
    if user.is_staff:
        roles.add(STAFF)
    return roles


def can_reach(user, level: str) -> bool:
    """True when this person may reach a URL that requires `level`."""
    if level == PUBLIC:
        return True
    return level in roles_of(user)


def grace_days() -> int:
    """How long an expired membership keeps read access (the one place that reads the setting)."""
    return settings.MEMBERSHIP_GRACE_DAYS


def grace_cutoff(today: datetime.date) -> datetime.date:
    """The earliest end date of a membership that is still current (in grace) on `today`."""
    return today - datetime.timedelta(days=grace_days())
