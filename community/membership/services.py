"""What the association does with memberships: applications, decisions, renewals, dues."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from community import roles
from community.errors import MembershipError
from community.membership.emails import send_membership_email
from community.models import DuesPayment, Membership, Structure, end_of_membership_year
from notifications.services import end_live_sessions, notify

User = get_user_model()


def unique_handle(first_name: str, last_name: str, email: str) -> str:
    """A mention handle like `marie-dupont`, made unique with a number.

    The handle is a slug (letters, digits, hyphens, underscores), as the model field requires.
    """
    base = slugify(f"{first_name} {last_name}")[:32].strip("-")
    if not base:
        base = slugify(email.split("@")[0])[:32].strip("-")
    base = base or "membre"
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
    _record_decision(membership, by)
    membership.decision_reason = ""
    membership.reminders_sent = []
    membership.save()
    notify(
        [membership.user],
        "membership_approved",
        actor=by,
        target=membership,
        title=_("Votre adhésion est acceptée jusqu'au %(date)s.")
        % {"date": formats.date_format(membership.valid_until, "j F Y")},
        url=reverse("community:home"),
    )
    _email_after_commit(membership, "approved")
    return membership


def _record_decision(membership: Membership, by) -> None:
    """Who took the association's last decision on this membership, and when."""
    membership.decided_by = by
    membership.decided_at = timezone.now()


def _email_after_commit(membership: Membership, event: str, **extra) -> None:
    # The email leaves only once the decision is saved: a rollback sends nothing.
    transaction.on_commit(lambda: send_membership_email(membership, event, **extra))


@transaction.atomic
def reject_membership(membership: Membership, *, by, reason: str):
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.Status.PENDING:
        raise MembershipError(_("Seule une candidature en attente peut être refusée."))
    if not reason.strip():
        raise MembershipError(_("Indiquez le motif du refus."))
    membership.status = Membership.Status.REJECTED
    membership.decision_reason = reason.strip()
    _record_decision(membership, by)
    membership.save()
    # Someone whose application is refused is not a member and sees no notification on the site
    # (notify() would skip them): the email is the only message.
    _email_after_commit(membership, "rejected")
    end_live_sessions([membership.user_id])
    return membership


@transaction.atomic
def suspend_membership(membership: Membership, *, by, reason: str = ""):
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status == Membership.Status.SUSPENDED:
        raise MembershipError(_("Cette adhésion est déjà suspendue."))
    if membership.status in (Membership.Status.PENDING, Membership.Status.REJECTED):
        raise MembershipError(_("Une candidature ne peut pas être suspendue : refusez-la."))
    membership.status = Membership.Status.SUSPENDED
    membership.decision_reason = reason.strip()
    _record_decision(membership, by)
    membership.save()
    # A suspended member sees nothing on the site: the email is the only message.
    _email_after_commit(membership, "suspended")
    end_live_sessions([membership.user_id])
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
    membership.decision_reason = ""
    membership.reminders_sent = []
    _record_decision(membership, by)
    membership.save()
    notify(
        [membership.user],
        "membership_approved",
        actor=by,
        target=membership,
        title=_("Votre adhésion est renouvelée jusqu'au %(date)s.")
        % {"date": formats.date_format(membership.valid_until, "j F Y")},
        url=reverse("community:home"),
    )
    _email_after_commit(membership, "renewed")
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
    if membership.status in (Membership.Status.PENDING, Membership.Status.REJECTED):
        raise MembershipError(_("Une candidature doit d'abord être acceptée."))
    if amount <= 0:
        raise MembershipError(_("Le montant doit être positif."))
    this_year = timezone.localdate().year
    if not (2000 <= year <= this_year + 1):
        raise MembershipError(_("L'année de cotisation n'est pas valable."))
    if paid_on > timezone.localdate():
        raise MembershipError(_("La date de paiement ne peut pas être dans le futur."))
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


def reminder_key(membership: Membership, days: int) -> str:
    return f"{membership.valid_until.isoformat()}:{days}"


def send_renewal_reminders(*, today: datetime.date | None = None) -> int:
    """Remind members 30 and 7 days before their membership ends; each reminder once."""
    today = today or timezone.localdate()
    steps = sorted(settings.MEMBERSHIP_REMINDER_DAYS)  # e.g. [7, 30]
    horizon = today + datetime.timedelta(days=max(steps))
    sent = 0
    candidates = Membership.objects.filter(
        status=Membership.Status.ACTIVE, valid_until__gte=today, valid_until__lte=horizon
    ).values_list("pk", flat=True)
    for pk in candidates:
        with transaction.atomic():
            membership = Membership.objects.select_for_update().select_related("user").get(pk=pk)
            days_left = (membership.valid_until - today).days
            due = [d for d in steps if days_left <= d]
            if not due:
                continue
            # Only the closest step is sent; the wider ones it makes pointless are marked too.
            step = due[0]
            keys = [reminder_key(membership, d) for d in due]
            if reminder_key(membership, step) in membership.reminders_sent:
                continue
            membership.reminders_sent = sorted(set(membership.reminders_sent) | set(keys))
            membership.save(update_fields=["reminders_sent"])
            notify(
                [membership.user],
                "membership_renewal_due",
                target=membership,
                title=_("Votre adhésion arrive à échéance le %(date)s.")
                % {"date": formats.date_format(membership.valid_until, "j F Y")},
                url=reverse("community:renew"),
            )
            _email_after_commit(membership, "reminder", days=days_left)
            sent += 1
    return sent


# How many days back the nightly run looks for grace periods that ended: a night or two missed by
# cron is caught up (a socket still open after that is refused at its next reconnection, and its
# guard drops every push once the grace period is over).
LAPSE_CATCH_UP_DAYS = 7


@transaction.atomic
def expire_memberships(*, today: datetime.date | None = None) -> int:
    """Mark active memberships past their end date as expired (the grace period is in roles),
    and close the live notifications of the members whose grace period is over."""
    today = today or timezone.localdate()
    expired = Membership.objects.filter(
        status=Membership.Status.ACTIVE, valid_until__lt=today
    ).update(status=Membership.Status.EXPIRED)
    # Those still within their grace period keep reading the site, their notifications with it.
    recent = today - datetime.timedelta(days=roles.grace_days() + LAPSE_CATCH_UP_DAYS)
    lapsed = [
        user.pk
        for user in User.objects.select_related("membership").filter(
            membership__status=Membership.Status.EXPIRED,
            membership__valid_until__gte=recent,
            membership__valid_until__lt=today,
        )
        if not roles.is_member(user, today)
    ]
    end_live_sessions(lapsed)
    return expired
