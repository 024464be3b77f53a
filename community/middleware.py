"""The members-only gate: one middleware that decides who may reach each URL of the project."""

from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from community import roles
from community.access import PUBLIC_PATH_PREFIXES, level_for

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def required_level(request) -> str:
    match = request.resolver_match
    level = level_for(match.namespace, match.url_name)
    # A URL nobody classified is for members: the access-matrix test reports it.
    return level or roles.MEMBER


class MembersOnlyGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(PUBLIC_PATH_PREFIXES):
            return None
        level = required_level(request)
        if level == roles.PUBLIC:
            return None
        user = request.user
        state = roles.member_state(user)
        if roles.can_reach(user, level):
            if (
                state == roles.GRACE
                and level != roles.APPLICANT
                and request.method not in SAFE_METHODS
            ):
                return self.deny(
                    request,
                    403,
                    _(
                        "Votre adhésion a expiré : vous pouvez encore consulter l'espace, "
                        "mais pas y publier. Renouvelez votre adhésion pour participer."
                    ),
                )
            return None
        return self.refuse(request, state, level)

    def refuse(self, request, state, level):
        if state == roles.ANONYMOUS:
            if wants_json(request):
                return JsonResponse({"error": _("Connexion requise.")}, status=401)
            login = reverse("account_login")
            return HttpResponseRedirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
        if state == roles.SUSPENDED:
            return self.deny(
                request,
                403,
                _("Votre compte est suspendu. Contactez l'association pour en savoir plus."),
            )
        if state == roles.PENDING and not wants_json(request):
            return HttpResponseRedirect(reverse("community:pending"))
        if state == roles.LAPSED and not wants_json(request):
            return HttpResponseRedirect(reverse("community:renew"))
        return self.deny(request, 403, _("Cette page est réservée à d'autres rôles que le vôtre."))

    def deny(self, request, status, message):
        if wants_json(request):
            return JsonResponse({"error": message}, status=status)
        return render(request, "community/denied.html", {"message": message}, status=status)

