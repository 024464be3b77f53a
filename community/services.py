"""What the association does with memberships: applications, decisions, renewals, dues."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from community.errors import MembershipError
from community.models import DuesPayment, Membership, Structure, end_of_membership_year

User = get_user_model()


def unique_handle(first_name: str, last_name: str, email: str) -> str:
    """A mention handle like `marie.dupont`, made unique with a number."""
    base = slugify(f"{first_name}.{last_name}".strip(".")).replace("-", ".")[:32]
    if not base.strip("."):
        base = slugify(email.split("@")[0])[:32] or "membre"
    base = base.strip(".") or "membre"
    handle, n = base, 1
    while User.objects.filter(handle=handle).exists():
        n += 1
        handle = f"{base}{n}"
    return handle


@transaction.atomic
def apply_for_membership(
    *, user, structure: Structure, job_title: str, profession: str, application_note: str = ""
) -> Membership:
    """A signed-up person asks to join (or asks again after a refusal)."""
    membership = Membership.objects.select_for_update().filter(user=user).first()
    if membership and membership.status not in (Membership.Status.REJECTED,):
        raise MembershipError(_("Vous avez déjà une adhésion ou une candidature en cours."))
    if membership is None:
        membership = Membership(user=user)
    membership.structure = structure
    membership.job_title = job_title
    membership.profession = profession
    membership.application_note = application_note
    membership.status = Membership.Status.PENDING
    membership.applied_at = timezone.now()
    membership.decision_reason = ""
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def approve_membership(membership: Membership, *, by, today: datetime.date | None = None):
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.Status.PENDING:
        raise MembershipError(_("Seule une candidature en attente peut être acceptée."))
    today = today or timezone.localdate()
    membership.status = Membership.Status.ACTIVE
    membership.valid_until = end_of_membership_year(today)
    membership.approved_by = by
    membership.approved_at = timezone.now()
    membership.decision_reason = ""
    membership.reminders_sent = []
    membership.save()
    return membership


@transaction.atomic
def reject_membership(membership: Membership, *, by, reason: str):
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.Status.PENDING:
        raise MembershipError(_("Seule une candidature en attente peut être refusée."))
    if not reason.strip():
        raise MembershipError(_("Indiquez le motif du refus."))
    membership.status = Membership.Status.REJECTED
    membership.decision_reason = reason.strip()
    membership.save()
    return membership


@transaction.atomic
def suspend_membership(membership: Membership, *, by, reason: str = ""):
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status == Membership.Status.SUSPENDED:
        raise MembershipError(_("Cette adhésion est déjà suspendue."))
    membership.status = Membership.Status.SUSPENDED
    membership.decision_reason = reason.strip()
    membership.save()
    return membership


@transaction.atomic
def renew_membership(membership: Membership, *, by, today: datetime.date | None = None):
    """Extend to the end of the next membership year not yet covered."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status in (Membership.Status.PENDING, Membership.Status.REJECTED):
        raise MembershipError(_("Une candidature doit d'abord être acceptée."))
    today = today or timezone.localdate()
    start = today
    if membership.valid_until and membership.valid_until >= today:
        start = membership.valid_until + datetime.timedelta(days=1)
    membership.valid_until = end_of_membership_year(start)
    membership.status = Membership.Status.ACTIVE
    membership.reminders_sent = []
    membership.save()
    return membership


@transaction.atomic
def record_dues(
    membership: Membership,
    *,
    by,
    year: int,
    amount: Decimal,
    paid_on: datetime.date,
    method: str,
) -> DuesPayment:
    if amount <= 0:
        raise MembershipError(_("Le montant doit être positif."))
    payment = DuesPayment(
        membership=membership,
        year=year,
        amount=amount,
        paid_on=paid_on,
        method=method,
        recorded_by=by,
    )
    payment.full_clean()
    payment.save()
    return payment
