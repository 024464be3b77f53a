"""Who is a current member and who is listed: the one membership rule, as querysets.

The gate judges one person at a time with community.roles (no query); these selectors say the
same in SQL for lists (directory, forum profiles, notification recipients, CVs on show, job
alerts). Both are built from the same constants: the approved statuses, roles.grace_cutoff().
tests/community/test_selectors.py checks they agree for every kind of person.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from community import roles
from community.models import Membership

# Statuses of an approved membership: ACTIVE, or EXPIRED by the nightly command (the grace
# period then decides). Pending, refused and suspended people are never members.
APPROVED_STATUSES = (Membership.Status.ACTIVE, Membership.Status.EXPIRED)


def _current_q(today: datetime.date, prefix: str = "") -> Q:
    """The rule of roles.member_state() in SQL: ACTIVE or GRACE, for users at `prefix`."""
    approved = Q(**{f"{prefix}membership__status__in": APPROVED_STATUSES}) & (
        Q(
            **{
                f"{prefix}membership__status": Membership.Status.ACTIVE,
                f"{prefix}membership__valid_until__isnull": True,
            }
        )
        | Q(**{f"{prefix}membership__valid_until__gte": roles.grace_cutoff(today)})
    )
    return Q(**{f"{prefix}is_active": True}) & (Q(**{f"{prefix}is_staff": True}) | approved)


def current_members(today: datetime.date | None = None) -> QuerySet:
    """Everyone who may read the members' space today, the grace period included (notify()
    and the gate count a member in grace as a member; the gate alone refuses them writing)."""
    today = today or timezone.localdate()
    return get_user_model().objects.filter(_current_q(today))


def current_members_q(path: str, today: datetime.date | None = None) -> Q:
    """The same rule for rows that point to a user through `path` (e.g. "user" for a CV)."""
    return _current_q(today or timezone.localdate(), prefix=f"{path}__")


def listed_members(today: datetime.date | None = None) -> QuerySet:
    """Current members shown in the directory (and with a forum profile): an approved
    membership (staff accounts without one are not association members) and not hidden."""
    return current_members(today).filter(
        hide_from_directory=False, membership__status__in=APPROVED_STATUSES
    )


def is_current(user, today: datetime.date | None = None) -> bool:
    """One person, already loaded with their membership: the rule without a query."""
    return roles.is_member(user, today)


def vouch_requests(contact):
    """The pending applications a structure's designated contact is asked to confirm."""
    if not is_current(contact):
        return Membership.objects.none()
    return (
        Membership.objects.filter(status=Membership.Status.PENDING, structure__contacts=contact)
        .exclude(user=contact)
        .select_related("user", "structure")
        .order_by("applied_at")
    )
