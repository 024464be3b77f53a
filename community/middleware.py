"""The members-only gate: one middleware that decides who may reach each URL of the project."""

from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from machina.apps.forum_permission.middleware import ForumPermissionMiddleware, PermissionHandler

from community import roles
from community.access import PUBLIC_PATH_PREFIXES, level_for

GATE_HEADER = "X-Cimaise-Gate"
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
                return self.mark(JsonResponse({"error": _("Connexion requise.")}, status=401))
            login = reverse("account_login")
            return self.mark(
                HttpResponseRedirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
            )
        if state == roles.SUSPENDED:
            return self.deny(
                request,
                403,
                _("Votre compte est suspendu. Contactez l'association pour en savoir plus."),
            )
        if state == roles.PENDING and not wants_json(request):
            return self.mark(HttpResponseRedirect(reverse("community:pending")))
        if state == roles.LAPSED and not wants_json(request):
            return self.mark(HttpResponseRedirect(reverse("community:renew")))
        return self.deny(request, 403, _("Cette page est réservée à d'autres rôles que le vôtre."))

    def deny(self, request, status, message):
        if wants_json(request):
            return self.mark(JsonResponse({"error": message}, status=status))
        response = render(request, "community/denied.html", {"message": message}, status=status)
        return self.mark(response)

    @staticmethod
    def mark(response):
        response[GATE_HEADER] = "denied"
        return response


class SessionlessForumPermissionMiddleware(ForumPermissionMiddleware):
    """machina's forum permission middleware, without the session it stores for each anonymous
    visitor (one row per cookieless request: crawlers, monitoring, every first visit).

    machina keeps a random key in the session so that an anonymous visitor votes and posts as
    the same person from one request to the next. Anonymous visitors reach no forum page here
    (the members-only gate sends them to the login page): a key for the request is enough.
    """

    def process_request(self, request):
        if request.user.is_authenticated:
            return super().process_request(request)
        request.user.forum_key = self.get_anonymous_forum_key()
        request.forum_permission_handler = PermissionHandler()
        return None
