"""The shell's own pages: the home dashboard, built from what each app contributes
(community.registry), the legal page and the accessibility statement."""

from django.conf import settings
from django.shortcuts import redirect, render

from community import registry, roles, selectors
from community.home import cards as home_cards
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
        "home_cards": home_cards(request),
        "first_steps": registry.first_steps(request.user),
        "vouch_count": selectors.vouch_requests(request.user).filter(vouch="").count(),
    }
    if roles.is_staff(request.user):
        context["pending_count"] = Membership.objects.filter(
            status=Membership.Status.PENDING
        ).count()
    return render(request, "community/home.html", context)


def legal(request):
    return render(request, "community/legal.html")


def accessibility(request):
    """The accessibility statement (déclaration d'accessibilité, RGAA): public, like the legal page."""
    return render(
        request, "community/accessibility.html", {"contact_email": settings.ASSOCIATION_EMAIL}
    )
