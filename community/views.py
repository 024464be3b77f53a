"""The shell's own pages: the home dashboard, built from what each app contributes
(community.registry), and the legal page."""

from django.shortcuts import redirect, render

from community import registry, roles
from community.models import Membership


def home(request):
    state = roles.member_state(request.user)
    if state == roles.PENDING:
        membership = roles.membership_of(request.user)
        if membership is None or membership.status == membership.Status.REJECTED:
            return redirect("community:apply")
        return redirect("community:pending")
    if state == roles.LAPSED:
        return redirect("community:renew")
    membership = roles.membership_of(request.user)
    context = {
        "membership": membership,
        "state": state,
        "home_panels": registry.home_panels(request),
    }
    if roles.is_staff(request.user):
        context["pending_count"] = Membership.objects.filter(
            status=Membership.Status.PENDING
        ).count()
    return render(request, "community/home.html", context)


def legal(request):
    return render(request, "community/legal.html")
