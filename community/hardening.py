"""Production hardening: staff protect their account with a TOTP authenticator before acting."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from community import roles
from community.access import PUBLIC_PATH_PREFIXES, level_for
from community.middleware import wants_json


def has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffMFAMiddleware:
    """A staff member without an activated TOTP authenticator is sent to set one up before
    any staff-level page (membership administration, training management, admin).

    Only when settings.CIMAISE_REQUIRE_STAFF_MFA is true (the default in production), so the
    demo staff of `make run` works on a laptop. Placed after the members-only gate.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(settings, "CIMAISE_REQUIRE_STAFF_MFA", False):
            return None
        if request.path.startswith(PUBLIC_PATH_PREFIXES):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_staff:
            return None
        match = request.resolver_match
        if match is None or level_for(match.namespace, match.url_name) != roles.STAFF:
            return None
        if has_totp(user):
            return None
        message = _(
            "Les pages réservées à l'équipe demandent une double authentification : "
            "activez une application d'authentification (TOTP) pour continuer."
        )
        if wants_json(request):
            return JsonResponse({"error": message}, status=403)
        messages.warning(request, message)
        setup = reverse("mfa_activate_totp")
        return HttpResponseRedirect(f"{setup}?{urlencode({'next': request.get_full_path()})}")
