"""Middleware of the forum: machina's permission handler on each request (without a session for
anonymous visitors), zero ids and refused machina forms.

Unknown or malformed ids answer 404 from the views themselves (our get_class overrides in
forum/machina_apps); any other exception is Django's: logged, and answered 500.
"""

from django.http import Http404
from machina.apps.forum_permission.middleware import ForumPermissionMiddleware, PermissionHandler

from forum import cache as forum_cache

FORM_NAMESPACES = ("forum_conversation", "forum_moderation", "forum_member")


class SessionlessForumPermissionMiddleware(ForumPermissionMiddleware):
    """machina's forum permission middleware, without the session it stores for each anonymous
    visitor (one row per cookieless request: crawlers, monitoring, every first visit).

    machina keeps a random key in the session so that an anonymous visitor votes and posts as
    the same person from one request to the next. Anonymous visitors reach no forum page here
    (the members-only gate sends them to the login page): a key for the request is enough.

    It also holds the forum cache's memo for the request (forum/cache.py): the versions read
    once, and the values read, until the response is made.
    """

    sync_capable = True
    async_capable = False

    def __call__(self, request):
        token = forum_cache.begin_request(getattr(request, "user", None))
        try:
            return super().__call__(request)
        finally:
            forum_cache.end_request(token)

    def process_request(self, request):
        if request.user.is_authenticated:
            return super().process_request(request)
        request.user.forum_key = self.get_anonymous_forum_key()
        request.forum_permission_handler = PermissionHandler()
        return None


class MachinaAnswersMiddleware:
    """Two answers of machina's views made to follow the house rules.

    - A zero id names nothing: 404. machina reads `if not pk` as "no id given" in several views
      (the reply and edit forms then fail, the feeds and "mark read" act on every forum);
      ids start at 1, so this is decided once, here, for all of machina's URLs.
    - A machina form redisplayed after a POST is a refusal: 400, not 200. machina's form views
      answer invalid input with the form again and a 200 (and a successful form with a
      redirect); this sets the status for every one of them, ours included.
    """

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
            response.status_code = 400
        return response

    def process_view(self, request, _view_func, _view_args, view_kwargs):
        if _is_machina(request) and any(
            name.endswith("pk") and str(value) == "0" for name, value in view_kwargs.items()
        ):
            raise Http404
        return None


def _is_machina(request) -> bool:
    """A URL of machina's (its namespaces are `forum` and `forum_*`; ours is `cimaise_forum`)."""
    match = getattr(request, "resolver_match", None)
    app = match.namespace.split(":")[0] if match else ""
    return app == "forum" or app.startswith("forum_")
