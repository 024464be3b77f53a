"""Pages of trainings: calendar (list and month), training page, registration, feeds, staff pages."""

import calendar as pycalendar
import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from community import roles
from community.spreadsheets import csv_response
from trainings import selectors, services
from trainings.certificate import certificate_pdf
from trainings.errors import NotAllowed, TrainingError
from trainings.forms import AttendanceForm, FilterForm, RegistrationForm, TrainingForm
from trainings.ical import calendar_for
from trainings.models import PARIS, CalendarFeed, Registration, Training

PAGE_SIZE = 30


def _with_counts(queryset):
    return queryset.select_related("organiser", "place_structure").annotate(
        confirmed_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
        ),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)
        ),
    )


def _filtered(request, trainings):
    form = FilterForm(request.GET or None)
    if form.is_valid():
        if form.cleaned_data["kind"]:
            trainings = trainings.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["departement"]:
            trainings = trainings.filter(departement=form.cleaned_data["departement"])
        if form.cleaned_data["organiser"]:
            trainings = trainings.filter(organiser=form.cleaned_data["organiser"])
    return form, trainings


def _my_statuses(user, trainings) -> dict[int, str]:
    ids = [t.pk for t in trainings]
    return dict(
        Registration.objects.filter(member=user, training_id__in=ids)
        .exclude(status=Registration.Status.CANCELLED)
        .values_list("training_id", "status")
    )


def _waiting_ranks(user, training_ids) -> dict[int, int]:
    """training id -> the member's position on its waiting list (1 = next to get a seat), in one
    query whatever the number of trainings."""
    if not training_ids:
        return {}
    queue = Registration.objects.filter(
        training_id__in=training_ids, status=Registration.Status.WAITLISTED
    ).order_by("training_id", "queued_at", "pk")
    ranks: dict[int, int] = {}
    seen: dict[int, int] = {}
    for training_id, member_id in queue.values_list("training_id", "member_id"):
        seen[training_id] = seen.get(training_id, 0) + 1
        if member_id == user.pk:
            ranks[training_id] = seen[training_id]
    return ranks


def _decorate(trainings, statuses, ranks=None):
    ranks = ranks or {}
    for training in trainings:
        training.my_status = statuses.get(training.pk)
        training.my_rank = ranks.get(training.pk)
        if training.capacity is not None:
            training.seats_left = max(training.capacity - training.confirmed_count, 0)
        else:
            training.seats_left = None
    return trainings


def calendar_list(request):
    when = "past" if request.GET.get("quand") == "passees" else "upcoming"
    now = timezone.now()
    trainings = _with_counts(selectors.visible_trainings(request.user))
    if when == "past":
        trainings = trainings.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    else:
        trainings = trainings.filter(ends_at__gte=now).order_by("starts_at", "pk")
    form, trainings = _filtered(request, trainings)
    page = Paginator(trainings, PAGE_SIZE).get_page(request.GET.get("page"))
    statuses = _my_statuses(request.user, page.object_list)
    waiting = [pk for pk, status in statuses.items() if status == Registration.Status.WAITLISTED]
    items = _decorate(list(page.object_list), statuses, _waiting_ranks(request.user, waiting))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "trainings/list.html",
        {"form": form, "page": page, "trainings": items, "when": when, "query": query.urlencode()},
    )


def calendar_month(request, year=None, month=None):
    today = timezone.localdate()
    year = year or today.year
    month = month or today.month
    if not (1 <= month <= 12 and 1900 < year < 3000):
        raise Http404
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first_day, last_day = weeks[0][0], weeks[-1][-1]
    start = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=PARIS)
    end = datetime.datetime.combine(
        last_day + datetime.timedelta(days=1), datetime.time.min, tzinfo=PARIS
    )
    trainings = _with_counts(selectors.visible_trainings(request.user)).filter(
        starts_at__lt=end, ends_at__gte=start
    )
    form, trainings = _filtered(request, trainings)
    items = _decorate(list(trainings.order_by("starts_at")), {})
    statuses = _my_statuses(request.user, items)
    _decorate(items, statuses)
    by_day: dict[datetime.date, list] = {}
    for training in items:
        day = max(timezone.localtime(training.starts_at, PARIS).date(), first_day)
        last = min(timezone.localtime(training.ends_at, PARIS).date(), last_day)
        while day <= last:
            by_day.setdefault(day, []).append(training)
            day += datetime.timedelta(days=1)
    grid = [[(day, by_day.get(day, []), day.month == month) for day in week] for week in weeks]
    previous = datetime.date(year, month, 1) - datetime.timedelta(days=1)
    following = datetime.date(year, month, 28) + datetime.timedelta(days=7)
    return render(
        request,
        "trainings/month.html",
        {
            "form": form,
            "grid": grid,
            "has_trainings": bool(items),
            "month_start": datetime.date(year, month, 1),
            "previous": previous,
            "following": following,
            "today": today,
            "query": request.GET.urlencode(),
        },
    )


def _training_for(user, pk) -> Training:
    training = get_object_or_404(_with_counts(Training.objects.all()), pk=pk)
    if not selectors.is_visible(user, training):
        raise Http404
    return training


def detail(request, pk):
    return _detail(request, _training_for(request.user, pk))


def _detail(request, training, *, form=None, status=200):
    registration = Registration.objects.filter(training=training, member=request.user).first()
    _decorate([training], {})
    waiting_rank = None
    if registration and registration.status == Registration.Status.WAITLISTED:
        waiting_rank = _waiting_ranks(request.user, [training.pk]).get(training.pk)
    can_register = (
        training.registration_is_open()
        and (registration is None or not registration.is_active)
        and (training.seats_left != 0 or training.waiting_list)
    )
    return render(
        request,
        "trainings/detail.html",
        {
            "training": training,
            "registration": registration,
            "waiting_rank": waiting_rank,
            "can_register": can_register,
            "can_cancel": registration is not None
            and registration.is_active
            and not training.is_past,
            "form": form or RegistrationForm(),
            "now": timezone.now(),
        },
        status=status,
    )


@require_POST
def register(request, pk):
    training = _training_for(request.user, pk)
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Votre remarque est trop longue."))
        return redirect(training)
    try:
        registration = services.register(
            member=request.user, training=training, note=form.cleaned_data["note"]
        )
    except TrainingError as error:
        # A refused registration is a form: the page again, the note typed kept, the message
        # above it (the form itself is hidden once registration is closed or full).
        messages.error(request, str(error))
        return _detail(request, _training_for(request.user, pk), form=form, status=error.status)
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(
            request, _("Votre inscription est confirmée. Un e-mail vous a été envoyé.")
        )
    else:
        messages.success(request, _("La formation est complète : vous êtes en liste d'attente."))
    return redirect(training)


@require_http_methods(["GET", "POST"])
def cancel_registration(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("training"), pk=pk)
    if request.method == "GET":
        # The confirmation page: cancelling gives the seat away, so it is asked for twice.
        if registration.member_id != request.user.pk and not request.user.is_staff:
            raise NotAllowed(_("Vous ne pouvez pas annuler l'inscription d'une autre personne."))
        if not registration.is_active:
            return redirect(registration.training)
        return render(request, "trainings/cancel_confirm.html", {"registration": registration})
    # Someone else's registration (NotAllowed) or one already cancelled (TrainingError): the
    # gate middleware answers with the message and the status.
    services.cancel_registration(registration=registration, by=request.user)
    messages.success(request, _("L'inscription est annulée."))
    if request.user.is_staff and registration.member_id != request.user.pk:
        return redirect("trainings:staff_detail", registration.training_id)
    return redirect(registration.training)


def training_ics(request, pk):
    training = _training_for(request.user, pk)
    response = HttpResponse(calendar_for([training]), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="formation-{training.pk}.ics"'
    return response


def certificate(request, pk):
    registration = get_object_or_404(
        Registration.objects.select_related(
            "training__organiser", "training__place_structure", "member"
        ),
        training_id=pk,
        member=request.user,
    )
    if registration.attendance != Registration.Attendance.PRESENT:
        raise NotAllowed(_("L'attestation est réservée aux personnes présentes à la formation."))
    response = HttpResponse(certificate_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="attestation-formation-{pk}.pdf"'
    return response


def my_registrations(request):
    registrations = (
        Registration.objects.filter(member=request.user)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("training__place_structure", "training__organiser")
        .order_by("-training__starts_at")
    )
    registrations = list(registrations)
    ranks = _waiting_ranks(
        request.user,
        [r.training_id for r in registrations if r.status == Registration.Status.WAITLISTED],
    )
    for registration in registrations:
        registration.rank = ranks.get(registration.training_id)
    feed = services.feed_for(request.user)
    feed_url = request.build_absolute_uri(reverse("trainings:feed", args=[feed.token]))
    return render(
        request,
        "trainings/mine.html",
        {"registrations": registrations, "feed_url": feed_url, "now": timezone.now()},
    )


@require_POST
def regenerate_feed(request):
    services.regenerate_feed_token(member=request.user)
    messages.success(
        request,
        _(
            "Nouvelle adresse d'agenda créée : l'ancienne ne fonctionne plus. Mettez à jour votre agenda."
        ),
    )
    return redirect("trainings:mine")


def feed(_request, token):
    """Personal feed for calendar apps: no session, the unguessable token is the key."""
    feed = CalendarFeed.objects.select_related("member").filter(token=token).first()
    # A suspended or lapsed membership closes the feed, like the rest of the members' space.
    if feed is None or not roles.is_member(feed.member):
        raise Http404
    feed.mark_fetched()
    trainings = (
        Training.objects.filter(
            registrations__member=feed.member,
            registrations__status__in=[
                Registration.Status.CONFIRMED,
                Registration.Status.WAITLISTED,
            ],
        )
        .exclude(status__in=Training.UNPUBLISHED)
        .select_related("place_structure")
        .order_by("starts_at")
    )
    body = calendar_for(trainings, name=_("Mes formations"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


# --- staff -------------------------------------------------------------------------------


def staff_list(request):
    trainings = _with_counts(Training.objects.all()).order_by("-starts_at")
    return render(request, "trainings/staff_list.html", {"trainings": trainings})


def _save_training(request, form, training=None):
    try:
        if training is None:
            return services.create_training(by=request.user, **form.cleaned_data)
        return services.update_training(training=training, by=request.user, **form.cleaned_data)
    except TrainingError as error:
        form.add_error(None, str(error))
        return None


def staff_create(request):
    form = TrainingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid() and (training := _save_training(request, form)):
            messages.success(request, _("Formation enregistrée en brouillon."))
            return redirect("trainings:staff_detail", training.pk)
        status = 400
    return render(request, "trainings/staff_form.html", {"form": form}, status=status)


def staff_edit(request, pk):
    training = get_object_or_404(Training, pk=pk)
    form = TrainingForm(request.POST or None, instance=training)
    status = 200
    if request.method == "POST":
        # The form works on a copy: a refused change must leave the training untouched.
        form.instance = Training.objects.get(pk=pk)
        if form.is_valid() and _save_training(request, form, training):
            messages.success(request, _("Formation modifiée."))
            return redirect("trainings:staff_detail", training.pk)
        status = 400
    return render(
        request, "trainings/staff_form.html", {"form": form, "training": training}, status=status
    )


def staff_detail(request, pk):
    training = get_object_or_404(_with_counts(Training.objects.all()), pk=pk)
    registrations = list(
        training.registrations.select_related("member__membership__structure").order_by(
            "status", "queued_at", "pk"
        )
    )
    confirmed = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
    waiting = [r for r in registrations if r.status == Registration.Status.WAITLISTED]
    cancelled = [r for r in registrations if r.status == Registration.Status.CANCELLED]
    _decorate([training], {})
    attendance_form = AttendanceForm(
        registrations=confirmed,
        initial={
            "present": [r.pk for r in confirmed if r.attendance == Registration.Attendance.PRESENT]
        },
    )
    return render(
        request,
        "trainings/staff_detail.html",
        {
            "training": training,
            "confirmed": confirmed,
            "waiting": waiting,
            "cancelled": cancelled,
            "present_count": sum(
                r.attendance == Registration.Attendance.PRESENT for r in confirmed
            ),
            "attendance_form": attendance_form,
            "can_mark_attendance": training.starts_at <= timezone.now(),
        },
    )


def _staff_action(request, pk, action, success):
    training = get_object_or_404(Training, pk=pk)
    action(training=training, by=request.user)  # a TrainingError is answered by the gate
    messages.success(request, success)
    return redirect("trainings:staff_detail", pk)


@require_POST
def staff_publish(request, pk):
    return _staff_action(
        request, pk, services.publish_training, _("Formation publiée : les membres sont prévenus.")
    )


@require_POST
def staff_cancel(request, pk):
    return _staff_action(
        request, pk, services.cancel_training, _("Formation annulée : les inscrits sont prévenus.")
    )


@require_POST
def staff_attendance(request, pk):
    training = get_object_or_404(Training, pk=pk)
    confirmed = list(training.registrations.filter(status=Registration.Status.CONFIRMED))
    form = AttendanceForm(request.POST, registrations=confirmed)
    if not form.is_valid():
        messages.error(request, _("Liste de présence invalide."))
        return redirect("trainings:staff_detail", pk)
    services.mark_attendance(
        training=training, by=request.user, present_ids=set(form.cleaned_data["present"])
    )
    messages.success(request, _("Présences enregistrées."))
    return redirect("trainings:staff_detail", pk)


def _registration_action(request, pk, action, success):
    registration = get_object_or_404(Registration, pk=pk)
    action(registration=registration, by=request.user)  # a TrainingError is answered by the gate
    messages.success(request, success)
    return redirect("trainings:staff_detail", registration.training_id)


@require_POST
def staff_promote(request, pk):
    return _registration_action(
        request, pk, services.promote_registration, _("La personne est inscrite et prévenue.")
    )


@require_POST
def staff_demote(request, pk):
    return _registration_action(
        request,
        pk,
        services.move_to_waiting_list,
        _("La personne est en tête de la liste d'attente."),
    )


def _registrations_for_export(training):
    return (
        training.registrations.exclude(status=Registration.Status.CANCELLED)
        .select_related("member__membership__structure")
        .order_by("status", "member__last_name", "member__first_name")
    )


def staff_export(_request, pk):
    training = get_object_or_404(Training, pk=pk)
    response, writer = csv_response(f"inscriptions-formation-{pk}.csv")
    writer.writerow(
        [
            _("Nom"),
            _("Prénom"),
            _("E-mail"),
            _("Structure"),
            _("Statut"),
            _("Inscrit·e le"),
            _("Remarque"),
            _("Présence"),
        ]
    )
    for registration in _registrations_for_export(training):
        member = registration.member
        membership = roles.membership_of(member)
        row = [
            member.last_name,
            member.first_name,
            member.email,
            str(membership.structure) if membership else "",
            registration.get_status_display(),
            timezone.localtime(registration.created_at, PARIS).strftime("%d/%m/%Y %H:%M"),
            registration.note,
            registration.get_attendance_display() if registration.attendance else "",
        ]
        writer.writerow(row)
    return response


def staff_signin_sheet(request, pk):
    training = get_object_or_404(
        Training.objects.select_related("organiser", "place_structure"), pk=pk
    )
    registrations = (
        training.registrations.filter(status=Registration.Status.CONFIRMED)
        .select_related("member__membership__structure")
        .order_by("member__last_name", "member__first_name")
    )
    # Titles often start with their kind already ("Webinaire : le récolement"): say it once.
    # Titles are written in French, whatever the reader's language.
    with translation.override("fr"):
        kinds = {str(training.get_kind_display()).casefold()}
    kinds.add(str(training.get_kind_display()).casefold())
    kind_in_title = training.title.casefold().startswith(tuple(kinds))
    return render(
        request,
        "trainings/signin_sheet.html",
        {"training": training, "registrations": registrations, "kind_in_title": kind_in_title},
    )
