"""Membership pages: applying, pending and renewal pages, the directory, profiles, and the
association's membership dashboard."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from community import files, registry, roles, selectors
from community.errors import MembershipError
from community.membership import services
from community.membership.forms import (
    ApplicationForm,
    DirectoryFilterForm,
    DuesForm,
    KnowledgeEntryForm,
    MembershipFilterForm,
    PhotoForm,
    ProfileForm,
    RejectForm,
    ResolveStructureForm,
    SuspendForm,
    WorkForm,
)
from community.models import (
    CollectionDomain,
    Membership,
    Skill,
    Structure,
    end_of_membership_year,
)
from community.spreadsheets import csv_response

User = get_user_model()


def apply(request):
    membership = roles.membership_of(request.user)
    if membership is not None and membership.status != membership.Status.REJECTED:
        return redirect("community:home")
    form = ApplicationForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.apply_for_membership(user=request.user, **form.application())
            except MembershipError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Votre candidature a bien été envoyée."))
                return redirect("community:pending")
        status = 400
    else:
        status = 200
    return render(
        request, "community/apply.html", {"form": form, "membership": membership}, status=status
    )


def pending(request):
    membership = roles.membership_of(request.user)
    if roles.is_member(request.user):
        return redirect("community:home")
    return render(request, "community/pending.html", {"membership": membership})


def renew(request):
    membership = roles.membership_of(request.user)
    return render(
        request,
        "community/renew.html",
        {"membership": membership, "state": roles.member_state(request.user)},
    )


def member_detail(request, pk):
    # Hidden members and people who are not (or no longer) members have no page, except for
    # themselves.
    people = User.objects.all() if str(pk) == str(request.user.pk) else selectors.listed_members()
    member = get_object_or_404(
        people.select_related("membership__structure").prefetch_related("domains", "skills"),
        pk=pk,
        is_active=True,
    )
    return render(
        request,
        "community/member_detail.html",
        {
            "member": member,
            "facts": registry.member_facts(request.user, member),
            "links": registry.member_links(request.user, member),
        },
    )


DIRECTORY_PAGE_SIZE = 20


def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    members = (
        selectors.listed_members()
        .select_related("membership__structure")
        .prefetch_related("domains", "skills")
        .order_by("last_name", "first_name", "pk")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            for word in data["q"].split():
                members = members.filter(
                    Q(first_name__icontains=word)
                    | Q(last_name__icontains=word)
                    | Q(handle__icontains=word)
                )
        if data["structure"]:
            members = members.filter(
                Q(membership__structure__name__icontains=data["structure"])
                | Q(membership__structure__city__icontains=data["structure"])
            )
        if data["profession"]:
            members = members.filter(membership__profession=data["profession"])
        if data["departement"]:
            members = members.filter(membership__structure__departement=data["departement"])
        if data["domaine"]:
            members = members.filter(domains=data["domaine"])
        if data["competence"]:
            members = members.filter(skills=data["competence"])
    page = Paginator(members, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "community/directory.html",
        {"form": form, "page": page, "query": query.urlencode()},
        status=200 if form.is_bound is False or form.is_valid() else 400,
    )


def profile(request):
    user = request.user
    form = ProfileForm(request.POST or None, instance=user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Votre profil est enregistré."))
            return redirect("community:profile")
        status = 400
        user.refresh_from_db()
    return _render_profile(request, status=status, form=form)


def _render_profile(request, *, status=200, **bound):
    user = request.user
    membership = roles.membership_of(user)
    context = {
        "form": ProfileForm(instance=user),
        "membership": membership,
        "payments": membership.payments.all() if membership else [],
        "work_form": WorkForm.for_membership(membership) if membership else None,
        "photo_form": PhotoForm(),
        **bound,
    }
    return render(request, "community/profile.html", context, status=status)


@require_POST
def profile_work(request):
    membership = roles.membership_of(request.user)
    if membership is None:
        return redirect("community:apply")
    form = WorkForm.for_membership(membership, request.POST)
    if not form.is_valid():
        return _render_profile(request, status=400, work_form=form)
    before = membership.structure_id
    membership = services.change_work(membership, by=request.user, **form.change())
    if membership.structure_id != before:
        messages.success(
            request,
            _("Votre structure est changée ; l'équipe de l'association en est informée."),
        )
    else:
        messages.success(request, _("Votre fonction et votre métier sont enregistrés."))
    return redirect("community:profile")


@require_POST
def profile_photo(request):
    if "remove" in request.POST:
        services.remove_photo(request.user)
        messages.success(request, _("Votre photo est retirée."))
        return redirect("community:profile")
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.set_photo(request.user, form.cleaned_data["photo"])
        except files.FileRejected as error:
            form.add_error("photo", str(error))
        else:
            messages.success(request, _("Votre photo est enregistrée."))
            return redirect("community:profile")
    return _render_profile(request, status=400, photo_form=form)


def member_photo(request, pk):
    """A member's photo, for the pages that show that member: the directory's members (and
    one's own)."""
    if pk == request.user.pk:
        person = request.user
    else:
        person = get_object_or_404(selectors.listed_members(), pk=pk)
    if not person.photo:
        raise Http404
    try:
        data = b"".join(files.iter_chunks(person.photo))
    except FileNotFoundError:
        raise Http404 from None
    response = HttpResponse(data, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


# -- membership dashboard (staff) ---------------------------------------------------------

DASHBOARD_PAGE_SIZE = 50


def _filtered_memberships(request):
    form = MembershipFilterForm(request.GET or None)
    memberships = Membership.objects.select_related("user", "structure").annotate(
        pending_first=Case(
            When(status=Membership.Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            for word in data["q"].split():
                memberships = memberships.filter(
                    Q(user__first_name__icontains=word)
                    | Q(user__last_name__icontains=word)
                    | Q(user__email__icontains=word)
                )
        if data["status"]:
            memberships = memberships.filter(status=data["status"])
        if data["departement"]:
            memberships = memberships.filter(structure__departement=data["departement"])
        if data["profession"]:
            memberships = memberships.filter(profession=data["profession"])
    return form, memberships


def membership_list(request):
    form, memberships = _filtered_memberships(request)
    memberships = memberships.order_by("pending_first", "applied_at", "user__last_name")
    page = Paginator(memberships, DASHBOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "community/dashboard/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "pending_count": Membership.objects.filter(status=Membership.Status.PENDING).count(),
        },
        status=200 if not form.is_bound or form.is_valid() else 400,
    )


def _dashboard_forms(membership, **bound):
    today = timezone.localdate()
    paid_years = set(membership.payments.values_list("year", flat=True))
    next_unpaid = today.year + 1 if today.year in paid_years else today.year
    forms = {
        "reject_form": RejectForm(prefix="reject"),
        "structure_form": ResolveStructureForm(prefix="structure"),
        "approval_until": end_of_membership_year(today),
        "suspend_form": SuspendForm(prefix="suspend"),
        "dues_form": DuesForm(
            prefix="dues",
            initial={"year": next_unpaid, "paid_on": today, "method": "virement"},
        ),
    }
    forms.update(bound)
    return forms


def _render_membership(request, membership, status=200, **bound):
    payments = list(membership.payments.select_related("recorded_by"))
    this_year = timezone.localdate().year
    context = {
        "membership": membership,
        "payments": payments,
        "paid_this_year": next((p for p in payments if p.year == this_year), None),
        **_dashboard_forms(membership, **bound),
    }
    return render(request, "community/dashboard/detail.html", context, status=status)


def membership_detail(request, pk):
    membership = get_object_or_404(
        Membership.objects.select_related("user", "structure", "approved_by", "decided_by"), pk=pk
    )
    return _render_membership(request, membership)


def _act(request, membership, action, success, *, bound=None, **kwargs):
    """Call one service; a refused action shows the page again, its forms kept (`bound`:
    the forms as sent), with the message and the error's status."""
    try:
        action(membership, by=request.user, **kwargs)
    except MembershipError as error:
        messages.error(request, str(error))
        membership.refresh_from_db()
        return _render_membership(request, membership, status=error.status, **(bound or {}))
    messages.success(request, success)
    return redirect("community:membership_detail", pk=membership.pk)


@require_POST
def membership_approve(request, pk):
    membership = get_object_or_404(Membership, pk=pk)
    return _act(
        request,
        membership,
        services.approve_membership,
        _("Adhésion acceptée ; un e-mail a été envoyé."),
    )


@require_POST
def membership_reject(request, pk):
    membership = get_object_or_404(Membership, pk=pk)
    form = RejectForm(request.POST, prefix="reject")
    if not form.is_valid():
        messages.error(request, _("Le refus n'a pas été enregistré : corrigez le formulaire."))
        return _render_membership(request, membership, status=400, reject_form=form)
    return _act(
        request,
        membership,
        services.reject_membership,
        _("Candidature refusée ; un e-mail a été envoyé."),
        bound={"reject_form": form},
        reason=form.cleaned_data["reason"],
    )


@require_POST
def membership_suspend(request, pk):
    membership = get_object_or_404(Membership, pk=pk)
    form = SuspendForm(request.POST, prefix="suspend")
    if not form.is_valid():
        messages.error(
            request, _("La suspension n'a pas été enregistrée : corrigez le formulaire.")
        )
        return _render_membership(request, membership, status=400, suspend_form=form)
    return _act(
        request,
        membership,
        services.suspend_membership,
        _("Adhésion suspendue ; un e-mail a été envoyé."),
        bound={"suspend_form": form},
        reason=form.cleaned_data["reason"],
    )


@require_POST
def membership_renew(request, pk):
    membership = get_object_or_404(Membership, pk=pk)
    return _act(
        request,
        membership,
        services.renew_membership,
        _("Adhésion renouvelée ; un e-mail a été envoyé."),
    )


@require_POST
def membership_structure(request, pk):
    membership = get_object_or_404(Membership, pk=pk)
    form = ResolveStructureForm(request.POST, prefix="structure")
    if not form.is_valid():
        messages.error(request, _("La structure n'a pas été modifiée : corrigez le formulaire."))
        return _render_membership(request, membership, status=400, structure_form=form)
    attach = form.cleaned_data["action"] == "attach"
    return _act(
        request,
        membership,
        services.resolve_structure,
        _("La candidature est rattachée à la structure choisie.")
        if attach
        else _("La structure proposée est vérifiée et ajoutée à la liste."),
        bound={"structure_form": form},
        structure=form.cleaned_data["structure"] if attach else None,
    )


@require_POST
def membership_record_dues(request, pk):
    membership = get_object_or_404(Membership, pk=pk)
    form = DuesForm(request.POST, prefix="dues")
    if not form.is_valid():
        messages.error(
            request, _("La cotisation n'a pas été enregistrée : corrigez le formulaire.")
        )
        return _render_membership(request, membership, status=400, dues_form=form)
    return _act(
        request,
        membership,
        services.record_dues,
        _("Cotisation enregistrée."),
        bound={"dues_form": form},
        **form.cleaned_data,
    )


CSV_COLUMNS = [
    ("last_name", gettext_lazy("Nom")),
    ("first_name", gettext_lazy("Prénom")),
    ("email", gettext_lazy("E-mail")),
    ("structure", gettext_lazy("Structure")),
    ("city", gettext_lazy("Ville")),
    ("departement", gettext_lazy("Département")),
    ("profession", gettext_lazy("Métier")),
    ("job_title", gettext_lazy("Fonction")),
    ("status", gettext_lazy("Statut")),
    ("valid_until", gettext_lazy("Valide jusqu'au")),
    ("last_dues", gettext_lazy("Dernière cotisation")),
]


def membership_export(request):
    _form, memberships = _filtered_memberships(request)
    memberships = memberships.prefetch_related("payments").order_by(
        "user__last_name", "user__first_name", "pk"
    )
    response, writer = csv_response(f"adherents-{timezone.localdate().isoformat()}.csv")
    writer.writerow([label for _key, label in CSV_COLUMNS])
    for m in memberships:
        payments = list(m.payments.all())
        last = payments[0] if payments else None
        writer.writerow(
            [
                m.user.last_name,
                m.user.first_name,
                m.user.email,
                m.structure.name,
                m.structure.city,
                m.structure.departement,
                m.get_profession_display(),
                m.job_title,
                m.get_status_display(),
                m.valid_until.isoformat() if m.valid_until else "",
                f"{last.year} ({last.amount} €)" if last else "",
            ]
        )
    return response


# -- structures vouch for their staff ---------------------------------------------------------


def vouch_list(request):
    """The applications a structure's designated contact is asked to confirm: only name, job
    title and email of the applicants naming their structure."""
    return render(
        request,
        "community/vouch_list.html",
        {"requests": list(selectors.vouch_requests(request.user))},
    )


@require_POST
def vouch_answer(request, pk):
    membership = get_object_or_404(selectors.vouch_requests(request.user), pk=pk)
    answer = request.POST.get("answer", "")
    if answer not in ("works_here", "unknown"):
        messages.error(request, _("Choisissez une réponse."))
        return redirect("community:vouch_list")
    services.vouch(membership, by=request.user, works_here=answer == "works_here")
    messages.success(
        request,
        _("Merci : l'équipe de l'association voit votre réponse sur la candidature de %(name)s.")
        % {"name": membership.user.get_full_name() or membership.user.email},
    )
    return redirect("community:vouch_list")


STRUCTURE_PAGE_SIZE = 50


def structure_list(request):
    """Staff: the structures, their verification and their designated contacts."""
    structures = (
        Structure.objects.annotate(members=Count("memberships"))
        .prefetch_related("contacts")
        .order_by("-verified", "name")
    )
    page = Paginator(structures, STRUCTURE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "community/dashboard/structures.html", {"page": page})


def structure_detail(request, pk, status=200):
    structure = get_object_or_404(Structure.objects.prefetch_related("contacts"), pk=pk)
    members = (
        selectors.current_members()
        .filter(membership__structure=structure)
        .select_related("membership")
        .order_by("last_name", "first_name")
    )
    contacts = set(structure.contacts.values_list("pk", flat=True))
    return render(
        request,
        "community/dashboard/structure_detail.html",
        {"structure": structure, "members": members, "contacts": contacts},
        status=status,
    )


@require_POST
def structure_contact(request, pk):
    structure = get_object_or_404(Structure, pk=pk)
    user = get_object_or_404(User, pk=_posted_id(request.POST.get("user")))
    designated = request.POST.get("designated") == "1"
    try:
        services.set_structure_contact(structure, by=request.user, user=user, designated=designated)
    except MembershipError as error:
        messages.error(request, str(error))
        return structure_detail(request, pk, status=error.status)
    if designated:
        messages.success(
            request,
            _("%(name)s est désormais contact de la structure.") % {"name": user.get_full_name()},
        )
    else:
        messages.success(
            request,
            _("%(name)s n'est plus contact de la structure.") % {"name": user.get_full_name()},
        )
    return redirect("community:structure_detail", pk=structure.pk)


def _posted_id(value) -> int:
    try:
        number = int(value or "")
    except ValueError:
        raise Http404 from None
    if not 0 < number < 2**31:
        raise Http404
    return number


# -- "Qui sait ?": the lists staff maintain --------------------------------------------------

KNOWLEDGE_LISTS = {"domaines": CollectionDomain, "competences": Skill}


def knowledge_lists(request, status=200, **bound):
    lists = [
        {
            "key": key,
            "title": model._meta.verbose_name_plural,
            "entries": model.objects.annotate(used=Count("people")),
            "form": bound.get(key) or KnowledgeEntryForm(prefix=key),
        }
        for key, model in KNOWLEDGE_LISTS.items()
    ]
    return render(
        request, "community/dashboard/knowledge_lists.html", {"lists": lists}, status=status
    )


@require_POST
def knowledge_entry(request, which):
    model = KNOWLEDGE_LISTS.get(which)
    if model is None:
        raise Http404
    remove = request.POST.get("remove")
    if remove:
        model.objects.filter(pk=_posted_id(remove)).delete()
        messages.success(request, _("L'entrée est retirée de la liste et des profils."))
        return redirect("community:knowledge_lists")
    form = KnowledgeEntryForm(request.POST, prefix=which)
    if form.is_valid():
        name = form.cleaned_data["name"]
        if model.objects.filter(name__iexact=name).exists():
            form.add_error("name", _("Cette entrée est déjà dans la liste."))
        else:
            model.objects.create(name=name, position=model.objects.count())
            messages.success(request, _("« %(name)s » est ajouté à la liste.") % {"name": name})
            return redirect("community:knowledge_lists")
    return knowledge_lists(request, status=400, **{which: form})
