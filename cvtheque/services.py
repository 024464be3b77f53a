"""What the CV library does: publish and renew CVs, search, contact candidates, job offers."""

import calendar
import datetime
import io
import json
import logging
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from community import files, roles, selectors
from community.models import Profession
from cvtheque.errors import CvError, CvFileRejected, NotAllowed
from cvtheque.models import (
    CandidateProfile,
    ContactRequest,
    JobOffer,
    OfferAlert,
    ProfileView,
)
from notifications.services import notify

log = logging.getLogger(__name__)

PDF = "application/pdf"
PROFILE_FIELDS = [
    "headline",
    "summary",
    "professions",
    "skills",
    "departements",
    "mobility",
    "available_from",
    "contract_types",
    "languages",
    "category",
    "cadre_emplois",
    "grade",
    "alert_sectors",
    "alert_categories",
    "visibility",
]
OFFER_FIELDS = [
    "title",
    "description",
    "profession",
    "contract_type",
    "place",
    "departement",
    "start_date",
    "closing_date",
    "salary_band",
    "how_to_apply",
    "sector",
    "category",
    "filiere",
    "cadre_emplois",
    "grade",
    "employment_status",
    "contract_basis",
    "working_time",
]


# -- CV profiles -------------------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_for(moment: datetime.datetime) -> datetime.date:
    return add_months(timezone.localdate(moment), settings.CV_RETENTION_MONTHS)


def normalize_skills(skills) -> list[str]:
    """Skills are tags: trimmed, lower case, no commas, each once, in the order given."""
    if isinstance(skills, str):
        skills = skills.split(",")
    seen = []
    for skill in skills:
        tag = " ".join(str(skill).replace(",", " ").split()).lower()[:60]
        if tag and tag not in seen:
            seen.append(tag)
    return seen


def _store_cv(upload) -> str:
    try:
        files.validate_upload(upload, allowed={PDF}, max_size=settings.CV_MAX_SIZE)
    except files.FileRejected as error:
        raise CvFileRejected(str(error)) from error
    try:
        return files.save_file(upload, prefix="cvtheque/")
    except files.StorageUnavailable as error:
        raise CvFileRejected(str(error)) from error


def _delete_file_later(name: str) -> None:
    if name:
        transaction.on_commit(lambda: _delete_file_now(name))


def _delete_file_now(name: str) -> None:
    try:
        files.delete_file(name)
    except Exception:  # the row is gone; an orphan file is logged, not fatal
        log.warning("could not delete CV file %s", name, exc_info=True)


def save_profile(
    *, user, data: dict, consent: bool, cv_upload=None, remove_cv: bool = False
) -> CandidateProfile:
    """Create or update the member's CV. The file is checked and stored before the row; if the
    row cannot be saved the new file is removed, and the replaced file goes after commit."""
    if not consent:
        raise CvError(_("Vous devez accepter le traitement de vos données pour publier un CV."))
    if not roles.is_member(user):
        raise NotAllowed(_("Seuls les membres peuvent publier un CV."))
    stored = _store_cv(cv_upload) if cv_upload else ""
    try:
        with transaction.atomic():
            profile = CandidateProfile.objects.select_for_update().filter(
                user=user
            ).first() or CandidateProfile(user=user)
            old_file = profile.cv_file
            now = timezone.now()
            for field in PROFILE_FIELDS:
                if field in data:
                    setattr(profile, field, data[field])
            profile.skills = normalize_skills(profile.skills)
            if stored:
                profile.cv_file = stored
                profile.cv_filename = (getattr(cv_upload, "name", "") or "cv.pdf")[-200:]
                profile.cv_size = cv_upload.size
            elif remove_cv:
                profile.cv_file, profile.cv_filename, profile.cv_size = "", "", 0
            profile.consent_at = now
            profile.updated_at = now
            profile.expires_on = expiry_for(now)
            profile.reminders_sent = []
            profile.save()
            if old_file and old_file != profile.cv_file:
                _delete_file_later(old_file)
    except Exception:
        if stored:
            _delete_file_now(stored)
        raise
    return profile


@transaction.atomic
def renew_profile(*, profile: CandidateProfile) -> CandidateProfile:
    now = timezone.now()
    profile.updated_at = now
    profile.expires_on = expiry_for(now)
    profile.reminders_sent = []
    profile.save(update_fields=["updated_at", "expires_on", "reminders_sent"])
    return profile


@transaction.atomic
def delete_profile(*, profile: CandidateProfile) -> None:
    """Removes the profile, its views and contacts, and (after commit) its file."""
    name = profile.cv_file
    profile.delete()
    _delete_file_later(name)


def export_profile(*, profile: CandidateProfile) -> bytes:
    """Everything the CV library holds about the member: a ZIP of JSON and the CV file."""

    def when(value):
        return value.isoformat() if value else None

    data = {
        "profile": {
            "headline": profile.headline,
            "summary": profile.summary,
            "professions": profile.professions,
            "skills": profile.skills,
            "departements": profile.departements,
            "mobility": profile.mobility,
            "available_from": when(profile.available_from),
            "contract_types": profile.contract_types,
            "languages": profile.languages,
            "visibility": profile.visibility,
            "cv_filename": profile.cv_filename,
            "consent_at": when(profile.consent_at),
            "created_at": when(profile.created_at),
            "updated_at": when(profile.updated_at),
            "expires_on": when(profile.expires_on),
        },
        "views": [
            {"recruiter": str(view.recruiter), "viewed_at": when(view.viewed_at)}
            for view in profile.views.select_related("recruiter")
        ],
        "contacts": [
            {
                "recruiter": str(contact.recruiter),
                "message": contact.message,
                "sent_at": when(contact.created_at),
                "status": contact.status,
                "reply": contact.reply,
                "answered_at": when(contact.answered_at),
            }
            for contact in profile.contacts.select_related("recruiter")
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("cv.json", json.dumps(data, ensure_ascii=False, indent=2))
        if profile.cv_file:
            content = b"".join(files.iter_chunks(profile.cv_file))
            archive.writestr(profile.cv_filename or "cv.pdf", content)
    return buffer.getvalue()


def send_expiry_reminders(*, today: datetime.date | None = None) -> int:
    """Tell each candidate 30 then 7 days before their CV expires, once per threshold."""
    today = today or timezone.localdate()
    thresholds = sorted(settings.CV_REMINDER_DAYS)
    horizon = today + datetime.timedelta(days=max(thresholds))
    sent = 0
    due = CandidateProfile.objects.filter(
        expires_on__gte=today, expires_on__lte=horizon
    ).select_related("user")
    for candidate in due:
        days_left = (candidate.expires_on - today).days
        threshold = next(t for t in thresholds if days_left <= t)
        if threshold in candidate.reminders_sent:
            continue
        with transaction.atomic():
            # Read again under a row lock: two runs at once (two servers) remind once.
            profile = (
                CandidateProfile.objects.select_for_update(of=("self",))
                .select_related("user")
                .get(pk=candidate.pk)
            )
            if threshold in profile.reminders_sent:
                continue
            # Thresholds already passed are marked too: a late run sends one reminder, not two.
            profile.reminders_sent = sorted(
                set(profile.reminders_sent) | {t for t in thresholds if t >= threshold}
            )
            profile.save(update_fields=["reminders_sent"])
            notify(
                [profile.user],
                "cv_expiry",
                target=profile,
                title=_("Votre CV expire le %(date)s : renouvelez-le pour le garder.")
                % {"date": profile.expires_on.strftime("%d/%m/%Y")},
                url=reverse("cvtheque:my_profile"),
                params={
                    "days": days_left,
                    "expires_on": profile.expires_on,
                    "date": profile.expires_on.strftime("%d/%m/%Y"),
                },
            )
        sent += 1
    return sent


def purge_expired_profiles(*, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    count = 0
    for profile in CandidateProfile.objects.filter(expires_on__lt=today):
        delete_profile(profile=profile)
        count += 1
    return count


# -- who sees which CV -------------------------------------------------------------------


def visible_profiles(viewer):
    """The CVs this person may find: never hidden or expired ones; recruiters' CVs only to
    recruiters; CVs shared with members to every member."""
    if roles.is_recruiter(viewer) and roles.is_member(viewer):
        allowed = [CandidateProfile.Visibility.RECRUITERS, CandidateProfile.Visibility.MEMBERS]
    elif roles.is_member(viewer):
        allowed = [CandidateProfile.Visibility.MEMBERS]
    else:
        return CandidateProfile.objects.none()
    # Only current members' CVs are on show: a member in grace keeps theirs visible, a lapsed,
    # suspended or refused person, an applicant or a closed account does not.
    return CandidateProfile.objects.filter(
        selectors.current_members_q("user"),
        visibility__in=allowed,
        expires_on__gte=timezone.localdate(),
    ).select_related("user")


def can_see_profile(viewer, profile: CandidateProfile) -> bool:
    if profile.user_id == viewer.pk:
        return True
    return visible_profiles(viewer).filter(pk=profile.pk).exists()


def search_profiles(
    viewer,
    *,
    profession: str = "",
    skill: str = "",
    departement: str = "",
    available_by: datetime.date | None = None,
    contract_type: str = "",
    text: str = "",
):
    queryset = visible_profiles(viewer)
    if profession:
        queryset = queryset.filter(professions__contains=f",{profession},")
    for tag in normalize_skills(skill):
        queryset = queryset.filter(skills__contains=f",{tag},")
    if departement:
        queryset = queryset.filter(
            Q(departements__contains=f",{departement},")
            | Q(mobility=CandidateProfile.Mobility.REGION)
        )
    if available_by:
        queryset = queryset.filter(
            Q(available_from__isnull=True) | Q(available_from__lte=available_by)
        )
    if contract_type:
        queryset = queryset.filter(contract_types__contains=f",{contract_type},")
    for word in text.split():
        queryset = queryset.filter(
            Q(headline__icontains=word) | Q(summary__icontains=word) | Q(skills__icontains=word)
        )
    return queryset.order_by("-updated_at", "-id")


def record_view(*, viewer, profile: CandidateProfile) -> None:
    """A recruiter looking at someone else's CV leaves a trace the candidate can read."""
    if profile.user_id != viewer.pk and roles.is_recruiter(viewer):
        ProfileView.objects.create(profile=profile, recruiter=viewer)


# -- contacts ----------------------------------------------------------------------------


@transaction.atomic
def contact_candidate(*, recruiter, profile: CandidateProfile, message: str) -> ContactRequest:
    """The candidate is told (site + email) without their address reaching the recruiter."""
    if not roles.is_recruiter(recruiter):
        raise NotAllowed(_("Seuls les recruteurs peuvent contacter un candidat."))
    if profile.user_id == recruiter.pk or not can_see_profile(recruiter, profile):
        raise NotAllowed(_("Ce CV n'est pas accessible."))
    message = message.strip()
    if not message:
        raise CvError(_("Écrivez un message."))
    contact = ContactRequest.objects.create(profile=profile, recruiter=recruiter, message=message)
    name = recruiter.get_full_name() or _("Un recruteur")
    structure = _structure_of(recruiter)
    notify(
        [profile.user],
        "cv_contact",
        actor=recruiter,
        target=contact,
        title=_("%(name)s vous a contacté au sujet de votre CV") % {"name": name},
        url=contact.get_absolute_url(),
        params={
            "name": name,
            "recruiter_name": name,
            "structure": structure.name if structure else settings.ASSOCIATION_NAME,
            "message": message,
        },
    )
    return contact


def _answerable(contact: ContactRequest, candidate) -> None:
    if contact.profile.user_id != candidate.pk:
        raise NotAllowed(_("Ce message ne vous est pas adressé."))
    if contact.status != ContactRequest.Status.PENDING:
        raise CvError(_("Vous avez déjà donné suite à ce message."))


@transaction.atomic
def reply_to_contact(*, candidate, contact: ContactRequest, reply: str = "") -> ContactRequest:
    """Replying reveals the candidate's address to this recruiter, who is told."""
    contact = ContactRequest.objects.select_for_update().get(pk=contact.pk)
    _answerable(contact, candidate)
    contact.status = ContactRequest.Status.REPLIED
    contact.reply = reply.strip()
    contact.answered_at = timezone.now()
    contact.save(update_fields=["status", "reply", "answered_at"])
    name = candidate.get_full_name() or candidate.email
    # The email answers to the candidate: replying to it reaches them.
    notify(
        [contact.recruiter],
        "cv_contact_reply",
        actor=candidate,
        target=contact,
        title=_("%(name)s a répondu à votre message") % {"name": name},
        url=contact.get_absolute_url(),
        params={
            "name": name,
            "candidate_name": name,
            "candidate_email": candidate.email,
            "reply": contact.reply,
        },
        reply_to=candidate.email,
    )
    return contact


@transaction.atomic
def decline_contact(*, candidate, contact: ContactRequest) -> ContactRequest:
    """No reply: the recruiter never learns the address."""
    contact = ContactRequest.objects.select_for_update().get(pk=contact.pk)
    _answerable(contact, candidate)
    contact.status = ContactRequest.Status.DECLINED
    contact.answered_at = timezone.now()
    contact.save(update_fields=["status", "answered_at"])
    return contact


# -- job offers --------------------------------------------------------------------------


def _structure_of(user):
    membership = roles.membership_of(user)
    return membership.structure if membership else None


def can_manage_offer(user, offer: JobOffer) -> bool:
    if roles.is_staff(user):
        return True
    structure = _structure_of(user)
    return roles.is_recruiter(user) and structure is not None and structure.pk == offer.structure_id


def _check_closing_date(closing_date) -> None:
    if closing_date < timezone.localdate():
        raise CvError(_("La date limite de candidature est déjà passée."))


def _check_public_service(offer: JobOffer) -> None:
    """The offer's own rules (public-service fields only for a public employer), for callers that
    do not go through the form: the first message, as the form would show it."""
    try:
        offer.clean()
    except ValidationError as error:
        raise CvError(" ".join(error.messages)) from None


@transaction.atomic
def create_offer(*, author, data: dict, publish: bool = False) -> JobOffer:
    if not roles.is_recruiter(author):
        raise NotAllowed(_("Seuls les recruteurs peuvent publier une offre."))
    structure = _structure_of(author)
    if structure is None:
        raise CvError(_("Votre adhésion n'est rattachée à aucune structure."))
    _check_closing_date(data["closing_date"])
    offer = JobOffer(structure=structure, author=author)
    for field in OFFER_FIELDS:
        setattr(offer, field, data.get(field, getattr(offer, field)))
    _check_public_service(offer)
    offer.save()
    if publish:
        publish_offer(offer=offer, by=author)
    return offer


@transaction.atomic
def update_offer(*, offer: JobOffer, by, data: dict) -> JobOffer:
    if not can_manage_offer(by, offer):
        raise NotAllowed(_("Vous ne pouvez pas modifier cette offre."))
    _check_closing_date(data["closing_date"])
    for field in OFFER_FIELDS:
        if field in data:
            setattr(offer, field, data[field])
    _check_public_service(offer)
    offer.updated_at = timezone.now()
    offer.save()
    return offer


@transaction.atomic
def publish_offer(*, offer: JobOffer, by) -> JobOffer:
    if not can_manage_offer(by, offer):
        raise NotAllowed(_("Vous ne pouvez pas publier cette offre."))
    if offer.status != JobOffer.Status.DRAFT:
        raise CvError(_("Seul un brouillon peut être publié."))
    _check_closing_date(offer.closing_date)
    offer.status = JobOffer.Status.PUBLISHED
    offer.published_at = timezone.now()
    offer.save(update_fields=["status", "published_at"])
    send_match_alerts(offer=offer)
    return offer


@transaction.atomic
def close_offer(*, offer: JobOffer, by) -> JobOffer:
    if not can_manage_offer(by, offer):
        raise NotAllowed(_("Vous ne pouvez pas clôturer cette offre."))
    if offer.status != JobOffer.Status.PUBLISHED:
        raise CvError(_("Seule une offre publiée peut être clôturée."))
    offer.status = JobOffer.Status.CLOSED
    offer.closed_at = timezone.now()
    offer.save(update_fields=["status", "closed_at"])
    return offer


@transaction.atomic
def delete_offer(*, offer: JobOffer, by) -> None:
    if not can_manage_offer(by, offer):
        raise NotAllowed(_("Vous ne pouvez pas supprimer cette offre."))
    offer.delete()


def close_expired_offers(*, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    return JobOffer.objects.filter(status=JobOffer.Status.PUBLISHED, closing_date__lt=today).update(
        status=JobOffer.Status.CLOSED, closed_at=timezone.now()
    )


def open_offers():
    return JobOffer.objects.filter(
        status=JobOffer.Status.PUBLISHED, closing_date__gte=timezone.localdate()
    ).select_related("structure")


def _alert_criteria_q(offer: JobOffer) -> Q:
    """The candidates' own narrowing of their alerts: employers, and catégories for an offer of
    the public service (a criterion left empty lets every offer through)."""
    q = Q(alert_sectors="") | Q(alert_sectors__contains=f",{offer.sector},")
    if offer.category:
        q &= Q(alert_categories="") | Q(alert_categories__contains=f",{offer.category},")
    return q


def send_match_alerts(*, offer: JobOffer) -> int:
    """Tell the candidates whose professions and départements match, once per offer."""
    # Only current members are alerted (notify() would skip the others; no alert row either).
    candidates = (
        CandidateProfile.objects.filter(
            selectors.current_members_q("user"),
            expires_on__gte=timezone.localdate(),
            professions__contains=f",{offer.profession},",
        )
        .filter(
            Q(departements__contains=f",{offer.departement},")
            | Q(mobility=CandidateProfile.Mobility.REGION)
        )
        .filter(_alert_criteria_q(offer))
        .exclude(user_id=offer.author_id)
        .exclude(user__in=OfferAlert.objects.filter(offer=offer).values("user"))
        .values_list("user_id", flat=True)
    )
    user_ids = list(candidates)
    if not user_ids:
        return 0
    OfferAlert.objects.bulk_create(
        [OfferAlert(offer=offer, user_id=uid) for uid in user_ids], ignore_conflicts=True
    )
    profession = dict(Profession.choices).get(offer.profession, offer.profession)
    about = {"profession": str(profession), "title": offer.title, "structure": offer.structure.name}
    notify(
        user_ids,
        "job_match",
        actor=offer.author,
        target=offer,
        title=_("Nouvelle offre en %(profession)s : %(title)s (%(structure)s)") % about,
        url=offer.get_absolute_url(),
        params=about,
    )
    return len(user_ids)
