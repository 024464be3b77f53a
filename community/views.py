"""Pages of the community app: home, application, pending and renewal pages, profiles."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from community import roles, services
from community.errors import MembershipError
from community.forms import ApplicationForm

User = get_user_model()


def home(request):
    state = roles.member_state(request.user)
    if state == roles.PENDING:
        membership = getattr(request.user, "membership", None) if hasattr(request.user, "membership") else None
        if membership is None or membership.status == membership.Status.REJECTED:
            return redirect("community:apply")
        return redirect("community:pending")
    if state == roles.LAPSED:
        return redirect("community:renew")
    return render(request, "community/home.html", {})


def legal(request):
    return render(request, "community/legal.html")


def apply(request):
    membership = getattr(request.user, "membership", None) if hasattr(request.user, "membership") else None
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
    membership = getattr(request.user, "membership", None) if hasattr(request.user, "membership") else None
    if roles.is_member(request.user):
        return redirect("community:home")
    return render(request, "community/pending.html", {"membership": membership})


def renew(request):
    membership = getattr(request.user, "membership", None) if hasattr(request.user, "membership") else None
    return render(
        request,
        "community/renew.html",
        {"membership": membership, "state": roles.member_state(request.user)},
    )


def member_detail(request, pk):
    member = get_object_or_404(
        User.objects.select_related("membership__structure"), pk=pk, is_active=True
    )
    return render(request, "community/member_detail.html", {"member": member})
