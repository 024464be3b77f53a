"""Pages of the CV library. The gate has checked the role; object rules are checked here.

A refused action (community.errors: NotAllowed, CvError, StorageUnavailable) that no form shows
is answered by the gate middleware: the page with the message, under the error's status."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community import files, roles
from cvtheque import services
from cvtheque.errors import CvError, CvFileRejected, NotAllowed
from cvtheque.forms import (
    PUBLIC,
    ContactForm,
    OfferFilterForm,
    OfferForm,
    ProfileForm,
    ReplyForm,
    SearchForm,
)
from cvtheque.models import (
    PUBLIC_SECTORS,
    CandidateProfile,
    ContactRequest,
    EmploymentStatus,
    JobOffer,
    ProfileView,
)


def _page(request, queryset, size=None):
    return Paginator(queryset, size or settings.CV_SEARCH_PAGE_SIZE).get_page(
        request.GET.get("page")
    )


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _own_profile(user):
    return CandidateProfile.objects.filter(user=user).first()


def home(request):
    profile = _own_profile(request.user)
    return render(
        request,
        "cvtheque/home.html",
        {
            "profile": profile,
            "is_recruiter": roles.is_recruiter(request.user),
            "open_offers": services.open_offers()[:5],
            "pending_contacts": ContactRequest.objects.filter(
                profile__user=request.user, status=ContactRequest.Status.PENDING
            ).count(),
        },
    )


# -- my CV -------------------------------------------------------------------------------


def _consent_at(profile):
    return profile.consent_at if profile is not None else None


def my_profile(request):
    profile = _own_profile(request.user)
    has_file = bool(profile and profile.cv_file)
    status = 200
    if request.method == "POST":
        form = ProfileForm(
            request.POST, request.FILES, has_file=has_file, consent_at=_consent_at(profile)
        )
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.save_profile(
                    user=request.user,
                    data=data,
                    consent=data.pop("consent"),
                    cv_upload=data.pop("cv", None),
                    remove_cv=data.pop("remove_cv", False),
                )
            except CvFileRejected as error:
                form.add_error("cv", str(error))
            except CvError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Votre CV est enregistré."))
                return redirect("cvtheque:my_profile")
        status = 400
    else:
        form = ProfileForm(
            initial=ProfileForm.initial_for(profile),
            has_file=has_file,
            consent_at=_consent_at(profile),
        )
    views = (
        ProfileView.objects.filter(profile=profile).select_related(
            "recruiter__membership__structure"
        )[:50]
        if profile
        else []
    )
    return render(
        request,
        "cvtheque/my_profile.html",
        {"form": form, "profile": profile, "views": views},
        status=status,
    )


@require_POST
def my_profile_renew(request):
    profile = get_object_or_404(CandidateProfile, user=request.user)
    services.renew_profile(profile=profile)
    messages.success(
        request,
        _("Votre CV est renouvelé jusqu'au %(date)s.")
        % {"date": profile.expires_on.strftime("%d/%m/%Y")},
    )
    return redirect("cvtheque:my_profile")


def my_profile_delete(request):
    profile = get_object_or_404(CandidateProfile, user=request.user)
    if request.method == "POST":
        services.delete_profile(profile=profile)
        messages.success(request, _("Votre CV et son fichier ont été supprimés."))
        return redirect("cvtheque:home")
    return render(request, "cvtheque/my_profile_delete.html", {"profile": profile})


def my_profile_export(request):
    profile = get_object_or_404(CandidateProfile, user=request.user)
    content = services.export_profile(profile=profile)  # StorageUnavailable: the gate answers
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="mon-cv-cimaise.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


# -- finding CVs -------------------------------------------------------------------------


def profile_list(request):
    """The CVs shared with every member (recruiters use the search instead)."""
    page = _page(
        request,
        services.visible_profiles(request.user).filter(
            visibility=CandidateProfile.Visibility.MEMBERS
        ),
    )
    return render(request, "cvtheque/profile_list.html", {"page": page})


def search(request):
    form = SearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "cvtheque/search.html", {"form": form, "page": None}, status=400)
    filters = form.cleaned_data if form.is_bound else {}
    profiles = services.search_profiles(
        request.user,
        profession=filters.get("profession", ""),
        skill=filters.get("skill", ""),
        departement=filters.get("departement", ""),
        available_by=filters.get("available_by"),
        contract_type=filters.get("contract_type", ""),
        text=filters.get("q", ""),
    )
    return render(
        request,
        "cvtheque/search.html",
        {"form": form, "page": _page(request, profiles), "query": _query_without_page(request)},
    )


def _visible_profile_or_404(request, pk):
    profile = get_object_or_404(CandidateProfile.objects.select_related("user"), pk=pk)
    if not services.can_see_profile(request.user, profile):
        raise Http404
    return profile


def profile_detail(request, pk):
    profile = _visible_profile_or_404(request, pk)
    services.record_view(viewer=request.user, profile=profile)
    is_recruiter = roles.is_recruiter(request.user) and profile.user_id != request.user.pk
    return render(
        request,
        "cvtheque/profile_detail.html",
        {
            "profile": profile,
            "contact_form": ContactForm() if is_recruiter else None,
        },
    )


def profile_cv(request, pk):
    profile = _visible_profile_or_404(request, pk)
    if not profile.cv_file:
        raise Http404
    return files.download_response(
        request,
        profile.cv_file,
        filename=profile.cv_filename or "cv.pdf",
        content_type="application/pdf",
    )


# -- contacts ----------------------------------------------------------------------------


@require_POST
def contact_candidate(request, pk):
    profile = _visible_profile_or_404(request, pk)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            services.contact_candidate(
                recruiter=request.user, profile=profile, message=form.cleaned_data["message"]
            )
        except CvError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Votre message a été transmis. L'adresse du candidat vous sera "
                    "communiquée s'il choisit de vous répondre."
                ),
            )
            return redirect("cvtheque:profile_detail", pk=profile.pk)
    return render(
        request,
        "cvtheque/profile_detail.html",
        {"profile": profile, "contact_form": form},
        status=400,
    )


def contact_list(request):
    contacts = ContactRequest.objects.filter(profile__user=request.user).select_related(
        "recruiter__membership__structure"
    )
    return render(request, "cvtheque/contact_list.html", {"page": _page(request, contacts)})


def sent_contacts(request):
    contacts = ContactRequest.objects.filter(recruiter=request.user).select_related("profile__user")
    return render(request, "cvtheque/sent_contacts.html", {"page": _page(request, contacts)})


def _contact_for(request, pk):
    contact = get_object_or_404(
        ContactRequest.objects.select_related("profile__user", "recruiter__membership__structure"),
        pk=pk,
    )
    if request.user.pk not in (contact.profile.user_id, contact.recruiter_id):
        raise Http404
    return contact


def contact_detail(request, pk):
    contact = _contact_for(request, pk)
    is_candidate = contact.profile.user_id == request.user.pk
    return render(
        request,
        "cvtheque/contact_detail.html",
        {
            "contact": contact,
            "is_candidate": is_candidate,
            "reply_form": ReplyForm() if is_candidate else None,
        },
    )


@require_POST
def contact_reply(request, pk):
    contact = _contact_for(request, pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply_to_contact(
                candidate=request.user, contact=contact, reply=form.cleaned_data["reply"]
            )
        except CvError as error:
            # The page again with the message (the form keeps the reply when it is shown).
            messages.error(request, str(error))
        else:
            messages.success(request, _("Votre réponse et votre adresse ont été transmises."))
            return redirect(contact)
    return render(
        request,
        "cvtheque/contact_detail.html",
        {"contact": contact, "is_candidate": True, "reply_form": form},
        status=400,
    )


@require_POST
def contact_decline(request, pk):
    contact = _contact_for(request, pk)
    services.decline_contact(candidate=request.user, contact=contact)
    messages.success(request, _("Vous n'avez pas donné suite : votre adresse reste privée."))
    return redirect(contact)


# -- job offers --------------------------------------------------------------------------


# An offer "titulaire ou contractuel" is open to both: it matches either filter.
OPEN_TO = {
    EmploymentStatus.TITULAIRE: [EmploymentStatus.TITULAIRE, EmploymentStatus.LES_DEUX],
    EmploymentStatus.CONTRACTUEL: [EmploymentStatus.CONTRACTUEL, EmploymentStatus.LES_DEUX],
    EmploymentStatus.LES_DEUX: [EmploymentStatus.LES_DEUX],
}


def _filtered_offers(offers, data: dict):
    for name in ("profession", "contract_type", "departement", "category", "filiere"):
        if data[name]:
            offers = offers.filter(**{name: data[name]})
    if data["cadre_emplois"]:
        offers = offers.filter(cadre_emplois=data["cadre_emplois"])
    if data["sector"] == PUBLIC:
        offers = offers.filter(sector__in=PUBLIC_SECTORS)
    elif data["sector"]:
        offers = offers.filter(sector=data["sector"])
    if data["employment_status"]:
        offers = offers.filter(employment_status__in=OPEN_TO[data["employment_status"]])
    for word in data["q"].split():
        offers = offers.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return offers


def offer_list(request):
    form = OfferFilterForm(request.GET or None)
    offers = services.open_offers()
    if form.is_valid():
        offers = _filtered_offers(offers, form.cleaned_data)
    return render(
        request,
        "cvtheque/offer_list.html",
        {
            "form": form,
            "page": _page(request, offers.order_by("closing_date", "-id")),
            "query": _query_without_page(request),
            "is_recruiter": roles.is_recruiter(request.user),
        },
    )


def my_offers(request):
    if roles.is_staff(request.user):
        offers = JobOffer.objects.all()
    else:
        structure = services._structure_of(request.user)
        offers = JobOffer.objects.filter(structure=structure)
    offers = offers.select_related("structure").order_by("-created_at", "-id")
    return render(request, "cvtheque/my_offers.html", {"page": _page(request, offers)})


def offer_create(request):
    form = OfferForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                offer = services.create_offer(
                    author=request.user,
                    data=form.cleaned_data,
                    publish="publish" in request.POST,
                )
            except CvError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("L'offre est enregistrée."))
                return redirect(offer)
        return render(request, "cvtheque/offer_form.html", {"form": form}, status=400)
    return render(request, "cvtheque/offer_form.html", {"form": form})


def offer_detail(request, pk):
    offer = get_object_or_404(JobOffer.objects.select_related("structure"), pk=pk)
    can_manage = services.can_manage_offer(request.user, offer)
    if offer.status == JobOffer.Status.DRAFT and not can_manage:
        raise Http404
    return render(request, "cvtheque/offer_detail.html", {"offer": offer, "can_manage": can_manage})


def _managed_offer(request, pk):
    offer = get_object_or_404(JobOffer.objects.select_related("structure"), pk=pk)
    if not services.can_manage_offer(request.user, offer):
        raise NotAllowed(_("Cette offre n'est pas celle de votre structure."))
    return offer


def offer_edit(request, pk):
    offer = _managed_offer(request, pk)
    form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_offer(offer=offer, by=request.user, data=form.cleaned_data)
            except CvError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("L'offre est modifiée."))
                return redirect(offer)
        offer.refresh_from_db()
        return render(
            request, "cvtheque/offer_form.html", {"form": form, "offer": offer}, status=400
        )
    return render(request, "cvtheque/offer_form.html", {"form": form, "offer": offer})


@require_POST
def offer_publish(request, pk):
    services.publish_offer(offer=_managed_offer(request, pk), by=request.user)
    messages.success(request, _("L'offre est publiée."))
    return redirect("cvtheque:offer_detail", pk=pk)


@require_POST
def offer_close(request, pk):
    services.close_offer(offer=_managed_offer(request, pk), by=request.user)
    messages.success(request, _("L'offre est clôturée."))
    return redirect("cvtheque:offer_detail", pk=pk)


@require_POST
def offer_delete(request, pk):
    services.delete_offer(offer=_managed_offer(request, pk), by=request.user)
    messages.success(request, _("L'offre est supprimée."))
    return redirect("cvtheque:my_offers")
