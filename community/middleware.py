"""The members-only gate: one middleware that decides who may reach each URL of the project,
and answers every refusal, its own and the application errors (community.errors) views raise."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from community import roles
from community.access import PUBLIC_PATH_PREFIXES, level_for
from community.errors import CimaiseError

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def answers_json(view):
    """Mark a view that only ever answers JSON: the application errors it raises are answered
    in JSON whatever the caller asked (the gate's own refusals still follow the Accept header,
    like on every URL)."""
    view.answers_json = True
    return view


def _view_answers_json(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and getattr(match.func, "answers_json", False))


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

    def process_view(self, request, _view_func, _view_args, _view_kwargs):
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
        return self.refuse(request, state)

    def refuse(self, request, state):
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

    def process_exception(self, request, exception):
        """The one place an application error becomes a response: the message, the status."""
        if isinstance(exception, CimaiseError):
            json = _view_answers_json(request)
            return self.deny(request, exception.status, str(exception), json=json)
        return None

    def deny(self, request, status, message, *, json=False):
        if json or wants_json(request):
            return JsonResponse({"error": str(message)}, status=status)
        context = {"message": message, "status": status, "back": _back_link(request)}
        return render(request, "community/denied.html", context, status=status)


def _back_link(request) -> str | None:
    """The page the person came from, when it is one of ours (a refused form or button)."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return None


class RememberLanguageMiddleware:
    """Keep the language a signed-in person reads the site in (chosen in the footer, or their
    browser's), so that emails and digests reach them in it: one write when it changes, none
    while it stays the site's default or what was kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            reading = getattr(request, "LANGUAGE_CODE", "") or ""
            if reading and reading != language_of(user):
                get_user_model().objects.filter(pk=user.pk).update(language=reading)
                user.language = reading
        return response


def language_of(user) -> str:
    """The language to write to this person in."""
    return getattr(user, "language", "") or settings.LANGUAGE_CODE
