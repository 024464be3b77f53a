"""Production hardening: staff use a TOTP authenticator, and no private page is cached."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
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

    def process_view(self, request, _view_func, _view_args, _view_kwargs):
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


# Public pages a shared cache may keep. Everything else the site renders is for one person
# (their name is in the menu) or carries a form tied to their cookies (login, sign-up).
CACHEABLE_PUBLIC_PAGES = {"community:legal"}


class PrivatePagesMiddleware:
    """`Cache-Control: private, no-store` on every response of the site, unless the view set its
    own, so that the back button after logging out, a shared computer in a museum office or a
    proxy never shows a member's page to someone else. Static files never get here (whitenoise
    or nginx serve them first) and keep their long public cache lifetime; the legal page seen by
    an anonymous visitor stays public too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and self.is_private(request):
            patch_cache_control(response, private=True, no_store=True)
        return response

    @staticmethod
    def is_private(request) -> bool:
        match = request.resolver_match
        if match is None or match.view_name not in CACHEABLE_PUBLIC_PAGES:
            return True
        # The public page as a member sees it has their name in the menu.
        user = getattr(request, "user", None)
        return user is not None and user.is_authenticated
