"""The network's calendar: a museum's designated contacts propose professional days hosted by
their museum, staff review and publish them like any training (capacity, waiting list, feeds,
attendance), and the contacts see and export the registrants of their museum's days.

A contact is a structure's designated contact (community.models.Structure.contacts, set by
staff); they see nothing of other museums' days beyond what every member sees."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community import selectors as community_selectors
from community.models import Structure
from community.spreadsheets import csv_response
from notifications.services import notify
from trainings.errors import NotAllowed
from trainings.forms import ProposalForm
from trainings.models import Registration, Training


def hosted_structures(user):
    """The structures this person is a designated contact of (while a current member)."""
    if not community_selectors.is_current(user):
        return Structure.objects.none()
    return Structure.objects.filter(contacts=user, verified=True).order_by("name")


def _hosted_training_or_404(user, pk) -> Training:
    return get_object_or_404(
        Training.objects.select_related("organiser"),
        pk=pk,
        organiser__in=hosted_structures(user),
    )


@transaction.atomic
def propose_day(*, by, host: Structure, fields: dict) -> Training:
    if not hosted_structures(by).filter(pk=host.pk).exists():
        raise NotAllowed(_("Seuls les contacts désignés d'un musée y proposent une journée."))
    now = timezone.now()
    training = Training(
        **fields,
        organiser=host,
        place_structure=host,
        departement=host.departement,
        registration_opens_at=now,
        status=Training.Status.PROPOSED,
        proposed_by=by,
        created_by=by,
    )
    training.full_clean()
    training.save()
    notify(
        community_selectors.current_members().filter(is_staff=True),
        "training_proposed",
        actor=by,
        target=training,
        title=_("%(host)s propose « %(title)s » au calendrier du réseau")
        % {"host": host.name, "title": training.title},
        url=reverse("trainings:staff_detail", args=[training.pk]),
        params={"title": training.title, "host": host.name},
    )
    return training


def propose(request):
    structures = hosted_structures(request.user)
    if not structures.exists():
        raise NotAllowed(
            _(
                "Seuls les contacts désignés d'un musée proposent des journées : demandez à "
                "l'équipe de l'association de vous désigner."
            )
        )
    form = ProposalForm(request.POST or None, structures=structures)
    if request.method == "POST":
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in ProposalForm.Meta.fields}
            training = propose_day(by=request.user, host=form.cleaned_data["host"], fields=fields)
            messages.success(
                request,
                _("Merci : « %(title)s » est proposée ; l'équipe de l'association la publiera.")
                % {"title": training.title},
            )
            return redirect("trainings:hosted")
        return render(request, "trainings/propose.html", {"form": form}, status=400)
    return render(request, "trainings/propose.html", {"form": form})


def hosted(request):
    """My museum's days: those it organises, proposed or published, with their registrants."""
    structures = hosted_structures(request.user)
    trainings = (
        Training.objects.filter(organiser__in=structures)
        .select_related("organiser")
        .order_by("-starts_at")
    )
    return render(
        request,
        "trainings/hosted.html",
        {"trainings": trainings, "structures": structures, "view": "hosted"},
    )


def _registrants(training):
    return (
        training.registrations.exclude(status=Registration.Status.CANCELLED)
        .select_related("member__membership__structure")
        .order_by("status", "queued_at", "pk")
    )


def hosted_detail(request, pk):
    training = _hosted_training_or_404(request.user, pk)
    return render(
        request,
        "trainings/hosted_detail.html",
        {"training": training, "registrations": _registrants(training), "view": "hosted"},
    )


def hosted_export(request, pk):
    training = _hosted_training_or_404(request.user, pk)
    response, writer = csv_response(f"inscrits-{training.pk}.csv")
    writer.writerow(
        [_("Nom"), _("E-mail"), _("Structure"), _("Fonction"), _("Statut"), _("Remarque")]
    )
    for registration in _registrants(training):
        membership = getattr(registration.member, "membership", None)
        writer.writerow(
            [
                registration.member.get_full_name(),
                registration.member.email,
                str(membership.structure) if membership else "",
                membership.job_title if membership else "",
                registration.get_status_display(),
                registration.note,
            ]
        )
    return response


@require_POST
def decline(request, pk):
    """Staff: a proposal that will not be published goes, its proposer told why."""
    training = get_object_or_404(Training, pk=pk, status=Training.Status.PROPOSED)
    reason = (request.POST.get("reason") or "").strip()[:1000]
    if not reason:
        messages.error(request, _("Dites au musée pourquoi la journée n'est pas retenue."))
        return redirect("trainings:staff_detail", pk)
    with transaction.atomic():
        if training.proposed_by_id:
            notify(
                [training.proposed_by_id],
                "training_proposal_declined",
                actor=request.user,
                target=None,
                title=_("« %(title)s » n'est pas retenue : %(reason)s")
                % {"title": training.title, "reason": reason},
                url=reverse("trainings:hosted"),
                params={"title": training.title, "reason": reason},
            )
        training.delete()
    messages.success(request, _("La proposition est retirée ; le musée est prévenu."))
    return redirect("trainings:staff_list")
