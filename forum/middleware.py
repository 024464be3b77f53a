"""Answers of machina's own views made to follow the house rules: 404 for what does not exist,
4xx for a refused form.

machina 1.3 lets a missing object (`Forum.objects.get` on an unknown id) or a malformed id
(`profile/<str:pk>/` with letters) escape as a 500, and its form views redisplay invalid input
with a 200. This only touches requests resolved to machina's namespaces.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

FORM_NAMESPACES = ("forum_conversation", "forum_moderation", "forum_member")


def _is_machina(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and match.namespace.split(":")[0].startswith("forum_"))


class MachinaAnswersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "POST"
            and response.status_code == 200
            and _is_machina(request)
            and request.resolver_match.namespace.split(":")[0] in FORM_NAMESPACES
            and "preview" not in request.POST
            and response.get("Content-Type", "").startswith("text/html")
        ):
            # A successful machina form redirects; a redisplay means the input was refused.
            response.status_code = 400
        return response

    def process_exception(self, request, exception):
        if _is_machina(request) and isinstance(
            exception, ObjectDoesNotExist | ValueError | ValidationError
        ):
            return render(
                request,
                "404.html",
                {"exception": Http404(_("Cette page n'existe pas."))},
                status=404,
            )
        return None
