"""What the association does with trainings: create, publish, change, cancel, register, promote, attend."""

import datetime

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from community import selectors
from notifications.services import notify
from trainings.errors import NotAllowed, RegistrationRefused, TrainingError
from trainings.ical import calendar_for
from trainings.models import PARIS, CalendarFeed, Registration, Training, new_token

REMINDER_DAYS = 2
# A change of any of these fields is "the date or the place changed" for the registrants.
WATCHED_FIELDS = ("starts_at", "ends_at", "place_structure_id", "address", "online_url")


def when_label(training: Training) -> str:
    start = timezone.localtime(training.starts_at, PARIS)
    end = timezone.localtime(training.ends_at, PARIS)
    if start.date() == end.date():
        return _("le %(date)s de %(start)s à %(end)s") % {
            "date": formats.date_format(start, "l j F Y"),
            "start": formats.time_format(start, "H:i"),
            "end": formats.time_format(end, "H:i"),
        }
    return _("du %(start)s au %(end)s") % {
        "start": formats.date_format(start, "l j F Y H:i"),
        "end": formats.date_format(end, "l j F Y H:i"),
    }


def calendar_attachment(training: Training) -> list[tuple[str, str, str]]:
    """The training's .ics, attached to the emails of the kinds that put it in a calendar."""
    return [(f"formation-{training.pk}.ics", calendar_for([training]), "text/calendar")]


def _tell(members, kind: str, training: Training, title: str, *, by=None) -> None:
    """One notify() about a training: the email's template reads these params."""
    notify(
        members,
        kind,
        actor=by,
        target=training,
        title=title,
        url=training.get_absolute_url(),
        params={
            "title": training.title,
            "training_title": training.title,
            "when": when_label(training),
            "place": training.place_label(),
            "online_url": training.online_url,
        },
    )


def _check_dates(fields: dict) -> None:
    if fields["ends_at"] < fields["starts_at"]:
        raise TrainingError(_("La fin de la formation doit suivre son début."))
    if fields["registration_closes_at"] < fields["registration_opens_at"]:
        raise TrainingError(_("La clôture des inscriptions doit suivre leur ouverture."))


def _fill_departement(training: Training) -> None:
    if not training.departement:
        place = training.place_structure or training.organiser
        training.departement = place.departement if place else ""


def create_training(*, by, **fields) -> Training:
    _check_dates(fields)
    with transaction.atomic():
        training = Training(created_by=by, status=Training.Status.DRAFT, **fields)
        _fill_departement(training)
        training.save()
    return training


def update_training(*, training: Training, by, **fields) -> Training:
    """Change a training; lowering capacity below the confirmed registrations is refused."""
    _check_dates(fields)
    with transaction.atomic():
        locked = Training.objects.select_for_update().get(pk=training.pk)
        before = {name: getattr(locked, name) for name in WATCHED_FIELDS}
        capacity = fields.get("capacity", locked.capacity)
        confirmed = locked.registrations.filter(status=Registration.Status.CONFIRMED).count()
        if capacity is not None and capacity < confirmed:
            raise TrainingError(
                _(
                    "Impossible de réduire la capacité à %(capacity)s : "
                    "%(confirmed)s personnes sont déjà inscrites."
                )
                % {"capacity": capacity, "confirmed": confirmed}
            )
        for name, value in fields.items():
            setattr(locked, name, value)
        if "departement" in fields and not fields["departement"]:
            _fill_departement(locked)
        locked.save()
        changed = any(getattr(locked, name) != before[name] for name in WATCHED_FIELDS)
        if locked.is_published:
            _fill_free_seats(locked)
            if changed:
                _tell_registrants(locked, "changed", "training_changed", by=by)
    return locked


def _tell_registrants(training: Training, what: str, kind: str, *, by=None) -> None:
    members = [
        r.member
        for r in training.registrations.select_related("member").filter(
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
        )
    ]
    if not members:
        return
    titles = {
        "changed": _("Changement de date ou de lieu : %(title)s"),
        "cancelled": _("Formation annulée : %(title)s"),
    }
    _tell(members, kind, training, titles[what] % {"title": training.title}, by=by)


def publish_training(*, training: Training, by) -> Training:
    with transaction.atomic():
        locked = Training.objects.select_for_update().get(pk=training.pk)
        if locked.status not in Training.UNPUBLISHED:
            raise TrainingError(_("Seul un brouillon ou une proposition peut être publié."))
        locked.status = Training.Status.PUBLISHED
        locked.published_at = timezone.now()
        locked.save(update_fields=["status", "published_at"])
        notify(
            # Members in grace are told too: they read the page and may renew to register.
            selectors.current_members(),
            "training_new",
            actor=by,
            target=locked,
            title=_("Nouvelle formation : %(title)s") % {"title": locked.title},
            url=locked.get_absolute_url(),
            params={"title": locked.title},
        )
    return locked


def cancel_training(*, training: Training, by) -> Training:
    with transaction.atomic():
        locked = Training.objects.select_for_update().get(pk=training.pk)
        if locked.is_cancelled:
            raise TrainingError(_("Cette formation est déjà annulée."))
        was_published = locked.is_published
        locked.status = Training.Status.CANCELLED
        locked.save(update_fields=["status"])
        if was_published:
            _tell_registrants(locked, "cancelled", "training_cancelled", by=by)
    return locked


def register(*, member, training: Training, note: str = "") -> Registration:
    """Register a member, or put them on the waiting list when the training is full.

    The training row is locked for the whole transaction so two registrations never take
    the same last seat (PostgreSQL; SQLite serialises writers anyway).
    """
    with transaction.atomic():
        locked = Training.objects.select_for_update().get(pk=training.pk)
        if locked.status == Training.Status.CANCELLED:
            raise RegistrationRefused(_("Cette formation est annulée : inscription impossible."))
        if locked.status != Training.Status.PUBLISHED:
            raise RegistrationRefused(_("Cette formation n'est pas publiée."))
        now = timezone.now()
        if now < locked.registration_opens_at:
            raise RegistrationRefused(_("Les inscriptions ne sont pas encore ouvertes."))
        if now > locked.registration_closes_at:
            raise RegistrationRefused(_("Les inscriptions sont closes."))
        existing = Registration.objects.filter(training=locked, member=member).first()
        if existing is not None and existing.is_active:
            raise RegistrationRefused(_("Vous êtes déjà inscrit·e à cette formation."))
        confirmed = locked.registrations.filter(status=Registration.Status.CONFIRMED).count()
        if locked.capacity is None or confirmed < locked.capacity:
            status = Registration.Status.CONFIRMED
        elif locked.waiting_list:
            status = Registration.Status.WAITLISTED
        else:
            raise RegistrationRefused(_("Cette formation est complète."))
        registration = existing or Registration(training=locked, member=member)
        registration.status = status
        registration.note = note
        registration.queued_at = now
        registration.cancelled_at = None
        registration.attendance = ""
        registration.reminder_sent_at = None
        if existing is None:
            registration.created_at = now
        registration.save()
        if status == Registration.Status.CONFIRMED:
            kind, title = "training_registered", _("Inscription confirmée : %(title)s")
        else:
            kind, title = "training_waitlisted", _("Liste d'attente : %(title)s")
        _tell([member], kind, locked, title % {"title": locked.title})
    return registration


def _promote(registration: Registration, *, by=None) -> None:
    registration.status = Registration.Status.CONFIRMED
    registration.save(update_fields=["status"])
    training = registration.training
    _tell(
        [registration.member],
        "training_promoted",
        training,
        _("Une place s'est libérée : vous êtes inscrit·e à « %(title)s »")
        % {"title": training.title},
        by=by,
    )


def _fill_free_seats(training: Training) -> list[Registration]:
    """Promote waiting members, in order, while seats are free (the training row is locked)."""
    if training.is_past or not training.is_published:
        return []
    waiting = training.registrations.filter(status=Registration.Status.WAITLISTED).select_related(
        "member", "training"
    )
    if training.capacity is None:
        promoted = list(waiting)
    else:
        confirmed = training.registrations.filter(status=Registration.Status.CONFIRMED).count()
        free = training.capacity - confirmed
        promoted = list(waiting.order_by("queued_at", "pk")[: max(free, 0)])
    for registration in promoted:
        _promote(registration)
    return promoted


def cancel_registration(*, registration: Registration, by) -> Registration:
    """The member (or staff) cancels; the first waiting member takes the freed seat."""
    if registration.member_id != by.pk and not by.is_staff:
        raise NotAllowed(_("Vous ne pouvez pas annuler l'inscription d'une autre personne."))
    with transaction.atomic():
        training = Training.objects.select_for_update().get(pk=registration.training_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.is_active:
            raise TrainingError(_("Cette inscription est déjà annulée."))
        if training.is_past:
            raise TrainingError(_("Cette formation a déjà eu lieu."))
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if was_confirmed:
            _fill_free_seats(training)
    return registration


def promote_registration(*, registration: Registration, by) -> Registration:
    """Staff give a waiting member a seat by hand (only when a seat is free)."""
    with transaction.atomic():
        training = Training.objects.select_for_update().get(pk=registration.training_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Registration.Status.WAITLISTED:
            raise TrainingError(_("Seule une personne en liste d'attente peut être promue."))
        confirmed = training.registrations.filter(status=Registration.Status.CONFIRMED).count()
        if training.capacity is not None and confirmed >= training.capacity:
            raise TrainingError(
                _(
                    "Aucune place libre : augmentez la capacité ou passez quelqu'un en liste d'attente."
                )
            )
        registration.training = training
        _promote(registration, by=by)
    return registration


# `by` is in the signature the staff pages call every registration action with; the waiting
# list keeps no author (the member is not told either).
def move_to_waiting_list(*, registration: Registration, by) -> Registration:  # noqa: ARG001
    """Staff send a confirmed member back to the head of the waiting list (no automatic promotion)."""
    with transaction.atomic():
        Training.objects.select_for_update().get(pk=registration.training_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Registration.Status.CONFIRMED:
            raise TrainingError(_("Seule une personne inscrite peut passer en liste d'attente."))
        first = (
            Registration.objects.filter(
                training_id=registration.training_id, status=Registration.Status.WAITLISTED
            )
            .order_by("queued_at")
            .first()
        )
        registration.status = Registration.Status.WAITLISTED
        registration.queued_at = (
            first.queued_at - datetime.timedelta(microseconds=1) if first else timezone.now()
        )
        registration.save(update_fields=["status", "queued_at"])
    return registration


def mark_attendance(*, training: Training, by, present_ids: set[int]) -> int:
    """After the training, staff record who came: present for `present_ids`, absent for the others."""
    if training.starts_at > timezone.now():
        raise TrainingError(_("La présence se note une fois la formation commencée."))
    with transaction.atomic():
        confirmed = Registration.objects.select_for_update().filter(
            training=training, status=Registration.Status.CONFIRMED
        )
        ids = set(confirmed.values_list("pk", flat=True))
        unknown = set(present_ids) - ids
        if unknown:
            raise TrainingError(_("Certaines personnes cochées ne sont pas inscrites."))
        marked = {"attendance_marked_by": by, "attendance_marked_at": timezone.now()}
        confirmed.filter(pk__in=present_ids).update(
            attendance=Registration.Attendance.PRESENT, **marked
        )
        confirmed.exclude(pk__in=present_ids).update(
            attendance=Registration.Attendance.ABSENT, **marked
        )
    return len(present_ids)


def feed_for(member) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(member=member)
    return feed


def regenerate_feed_token(*, member) -> CalendarFeed:
    with transaction.atomic():
        feed = feed_for(member)
        feed.token = new_token()
        feed.created_at = timezone.now()
        feed.save(update_fields=["token", "created_at"])
    return feed


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind confirmed members of trainings starting within two days; safe to run twice."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        training__status=Training.Status.PUBLISHED,
        training__starts_at__gt=now,
        training__starts_at__lte=now + datetime.timedelta(days=REMINDER_DAYS),
    ).select_related("training", "member")
    sent = 0
    for registration in due:
        with transaction.atomic():
            # Claim the row first: two runs at once never both send.
            claimed = Registration.objects.filter(
                pk=registration.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if not claimed:
                continue
            training = registration.training
            _tell(
                [registration.member],
                "training_reminder",
                training,
                _("Rappel : « %(title)s » a lieu dans deux jours") % {"title": training.title},
            )
        sent += 1
    return sent
