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

from community import cache, files, roles, selectors
from community.errors import MembershipError, NotAllowed
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
    *,
    user,
    structure: Structure | None,
    job_title: str,
    profession: str,
    application_note: str = "",
    proposed_structure: dict | None = None,
) -> Membership:
    """A signed-up person asks to join (or asks again after a refusal), naming a listed
    structure or proposing one ({"name", "city", "departement"}) that staff will check."""
    membership = Membership.objects.select_for_update().filter(user=user).first()
    if membership and membership.status not in (Membership.Status.REJECTED,):
        raise MembershipError(_("Vous avez déjà une adhésion ou une candidature en cours."))
    if membership is None:
        membership = Membership(user=user)
    if structure is None:
        structure = propose_structure(**proposed_structure)
    membership.structure = structure
    membership.job_title = job_title
    membership.profession = profession
    membership.application_note = application_note
    membership.status = Membership.Status.PENDING
    membership.applied_at = timezone.now()
    membership.decision_reason = ""
    membership.vouch, membership.vouched_by, membership.vouched_at = "", None, None
    membership.full_clean()
    membership.save()
    _ask_structure_contacts(membership)
    applicant = {"name": user.get_full_name() or user.email, "structure": structure.name}
    notify(
        selectors.current_members().filter(is_staff=True),
        "membership_application",
        actor=user,
        target=membership,
        title=_("Nouvelle demande d'adhésion : %(name)s (%(structure)s)") % applicant,
        url=reverse("community:membership_detail", args=[membership.pk]),
        params=applicant,
    )
    return membership


@transaction.atomic
def approve_membership(membership: Membership, *, by, today: datetime.date | None = None):
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.Status.PENDING:
        raise MembershipError(_("Seule une candidature en attente peut être acceptée."))
    if not membership.structure.verified:
        raise MembershipError(
            _(
                "La structure proposée par la personne n'est pas encore vérifiée : validez-la "
                "ou rattachez la candidature à une structure de la liste."
            )
        )
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
        params={"event": "approved", "until": membership.valid_until.isoformat()},
    )
    return membership


def _ask_structure_contacts(membership: Membership) -> None:
    """The structure's designated contacts are asked whether the applicant works there."""
    contacts = (
        selectors.current_members()
        .filter(structures_vouching=membership.structure)
        .exclude(pk=membership.user_id)
    )
    user = membership.user
    params = {"name": user.get_full_name() or user.email, "structure": membership.structure.name}
    notify(
        contacts,
        "membership_vouch",
        actor=user,
        target=membership,
        title=_("%(name)s demande à adhérer et dit travailler à %(structure)s : confirmez-vous ?")
        % params,
        url=reverse("community:vouch_list"),
        params=params,
    )


@transaction.atomic
def vouch(membership: Membership, *, by, works_here: bool) -> Membership:
    """A contact of the applicant's structure says whether the person works there."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if not (
        membership.status == Membership.Status.PENDING
        and selectors.vouch_requests(by).filter(pk=membership.pk).exists()
    ):
        raise NotAllowed(_("Cette demande ne vous est pas adressée ou a déjà été traitée."))
    membership.vouch = Membership.Vouch.WORKS_HERE if works_here else Membership.Vouch.UNKNOWN
    membership.vouched_by = by
    membership.vouched_at = timezone.now()
    membership.save(update_fields=["vouch", "vouched_by", "vouched_at"])
    return membership


@transaction.atomic
def set_structure_contact(structure: Structure, *, by, user, designated: bool) -> None:
    """Staff designate (or stop designating) one of the structure's members as its contact."""
    if not roles.is_staff(by):
        raise NotAllowed(_("Seule l'équipe de l'association désigne les contacts."))
    if designated:
        if (
            not selectors.current_members()
            .filter(pk=user.pk, membership__structure=structure)
            .exists()
        ):
            raise MembershipError(
                _("Le contact doit être un membre à jour qui travaille dans cette structure.")
            )
        structure.contacts.add(user)
    else:
        structure.contacts.remove(user)


def propose_structure(*, name: str, city: str, departement: str) -> Structure:
    """The structure an applicant says is not listed: the listed one of that name and town if
    there is one, else a new structure that nobody else is offered until staff verify it."""
    existing = Structure.objects.filter(name__iexact=name, city__iexact=city).first()
    if existing is not None:
        return existing
    structure = Structure(name=name, city=city, departement=departement, verified=False)
    structure.full_clean()
    structure.save()
    return structure


@transaction.atomic
def resolve_structure(membership: Membership, *, by, structure: Structure | None) -> Structure:
    """Staff settle an application's proposed structure: verify it as it is (`structure` None)
    or attach the application to a listed structure instead (the unused proposal is removed)."""
    membership = (
        Membership.objects.select_for_update().select_related("structure").get(pk=membership.pk)
    )
    proposed = membership.structure
    if proposed.verified:
        raise MembershipError(_("La structure de cette candidature est déjà vérifiée."))
    if structure is None:
        proposed.verified = True
        proposed.save(update_fields=["verified"])
        return proposed
    membership.structure = structure
    _record_decision(membership, by)
    membership.save(update_fields=["structure", "decided_by", "decided_at"])
    if not proposed.memberships.exists():
        proposed.delete()
    return structure


def _record_decision(membership: Membership, by) -> None:
    """Who took the association's last decision on this membership, and when."""
    membership.decided_by = by
    membership.decided_at = timezone.now()


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
    # Someone whose application is refused is not a member and sees no notification on the site:
    # the kind is transactional, the email is the only message.
    notify(
        [membership.user],
        "membership_rejected",
        actor=by,
        target=membership,
        title=_("Votre demande d'adhésion"),
        url=reverse("community:apply"),
        params={"event": "rejected"},
    )
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
    notify(
        [membership.user],
        "membership_suspended",
        actor=by,
        target=membership,
        title=_("Votre adhésion est suspendue"),
        url=reverse("community:legal"),
        params={"event": "suspended"},
    )
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
        params={"event": "renewed", "until": membership.valid_until.isoformat()},
    )
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
    supplement: bool = False,
) -> DuesPayment:
    """Record one payment of the dues; a second payment for a year already paid only when it
    is said to be one (`supplement`), so that a form sent twice records nothing twice."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    earlier = membership.payments.filter(year=year).order_by("paid_on").first()
    if earlier is not None and not supplement:
        raise MembershipError(
            _(
                "La cotisation %(year)s est déjà enregistrée (%(amount)s € le %(date)s) : "
                "cochez « Second versement » s'il s'agit d'un complément."
            )
            % {
                "year": year,
                "amount": earlier.amount,
                "date": formats.date_format(earlier.paid_on, "j F Y"),
            }
        )
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
                params={
                    "event": "reminder",
                    "days": days_left,
                    "until": membership.valid_until.isoformat(),
                },
            )
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


# -- what members change about themselves ---------------------------------------------------


@transaction.atomic
def set_photo(user, uploaded) -> str:
    """Store the member's new profile photo (square JPEG, no metadata); the old file is removed
    once the new name is saved."""
    from community.membership.photos import square_jpeg

    picture = square_jpeg(uploaded)
    user = User.objects.select_for_update().get(pk=user.pk)
    old = user.photo
    name = files.save_file(picture, prefix="photos")
    try:
        user.photo = name
        user.save(update_fields=["photo"])
    except Exception:
        files.delete_file(name)  # no row points to it: it goes with the failure
        raise
    if old:
        transaction.on_commit(lambda: files.delete_file(old))
    cache.bump(cache.PEOPLE)
    return name


@transaction.atomic
def remove_photo(user) -> None:
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.photo:
        return
    old, user.photo = user.photo, ""
    user.save(update_fields=["photo"])
    transaction.on_commit(lambda: files.delete_file(old))
    cache.bump(cache.PEOPLE)


@transaction.atomic
def change_work(
    membership: Membership,
    *,
    by,
    structure: Structure | None,
    job_title: str,
    profession: str,
    proposed_structure: dict | None = None,
) -> Membership:
    """A member changes museum, job title or profession; staff are told of a new museum."""
    membership = (
        Membership.objects.select_for_update().select_related("structure").get(pk=membership.pk)
    )
    if structure is None:
        structure = propose_structure(**proposed_structure)
    moved_from = membership.structure if structure != membership.structure else None
    membership.structure = structure
    membership.job_title = job_title
    membership.profession = profession
    membership.full_clean()
    membership.save(update_fields=["structure", "job_title", "profession"])
    cache.bump(cache.PEOPLE)
    if moved_from is not None:
        params = {
            "name": by.get_full_name() or by.email,
            "old": str(moved_from),
            "new": str(structure),
        }
        notify(
            selectors.current_members().filter(is_staff=True),
            "member_moved",
            actor=by,
            target=membership,
            title=_("%(name)s a changé de structure : %(old)s → %(new)s") % params,
            url=reverse("community:membership_detail", args=[membership.pk]),
            params=params,
        )
    return membership
