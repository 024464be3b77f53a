"""Membership pages: applying, pending and renewal pages, the directory, profiles, and the
association's membership dashboard."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Q, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from community import roles, selectors
from community.errors import MembershipError
from community.membership import services
from community.membership.forms import (
    ApplicationForm,
    DirectoryFilterForm,
    DuesForm,
    MembershipFilterForm,
    ProfileForm,
    RejectForm,
    SuspendForm,
)
from community.models import Membership
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
                services.apply_for_membership(user=request.user, **form.cleaned_data)
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
        people.select_related("membership__structure"), pk=pk, is_active=True
    )
    return render(request, "community/member_detail.html", {"member": member})


DIRECTORY_PAGE_SIZE = 20


def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    members = (
        selectors.listed_members()
        .select_related("membership__structure")
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
    membership = roles.membership_of(user)
    payments = membership.payments.all() if membership else []
    return render(
        request,
        "community/profile.html",
        {"form": form, "membership": membership, "payments": payments},
        status=status,
    )


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


def _dashboard_forms(**bound):
    today = timezone.localdate()
    forms = {
        "reject_form": RejectForm(prefix="reject"),
        "suspend_form": SuspendForm(prefix="suspend"),
        "dues_form": DuesForm(
            prefix="dues",
            initial={"year": today.year, "paid_on": today, "method": "virement"},
        ),
    }
    forms.update(bound)
    return forms


def _render_membership(request, membership, status=200, **bound):
    context = {
        "membership": membership,
        "payments": membership.payments.select_related("recorded_by"),
        **_dashboard_forms(**bound),
    }
    return render(request, "community/dashboard/detail.html", context, status=status)


def membership_detail(request, pk):
    membership = get_object_or_404(
        Membership.objects.select_related("user", "structure", "approved_by", "decided_by"), pk=pk
    )
    return _render_membership(request, membership)


def _act(request, membership, action, success, **kwargs):
    """Call one service; a refused action shows the page again, its forms kept, with the
    message and the error's status."""
    try:
        action(membership, by=request.user, **kwargs)
    except MembershipError as error:
        messages.error(request, str(error))
        membership.refresh_from_db()
        return _render_membership(request, membership, status=error.status)
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
