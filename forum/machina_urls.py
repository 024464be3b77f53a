"""machina's URLs (machina/urls.py) without its haystack search, which the members' search
replaced: `forum_search:search` stays, a redirect there, so old links and bookmarks still work.

machina/urls.py cannot be included any more: it imports machina.apps.forum_search, which needs
django-haystack. The other apps' URL factories are machina's, found the way machina finds them
(machina.core.loading.get_class honours our overridden apps).
"""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import include, path, re_path, reverse
from machina.core.loading import get_class


def _factory(app: str):
    return get_class(f"{app}.urls", "urlpatterns_factory").urlpatterns


def forum_search(request):
    """machina's search address: the members' search, in the forum."""
    query = {"q": request.GET.get("q", "")[:200], "area": "forum"}
    return redirect(f"{reverse('community:search')}?{urlencode(query)}")


urlpatterns = [
    re_path(r"", include(_factory("forum"))),
    re_path(r"", include(_factory("forum_conversation"))),
    re_path(r"^feeds/", include(_factory("forum_feeds"))),
    re_path(r"^member/", include(_factory("forum_member"))),
    re_path(r"^moderation/", include(_factory("forum_moderation"))),
    re_path(r"^search/", include(([path("", forum_search, name="search")], "forum_search"))),
    re_path(r"^tracking/", include(_factory("forum_tracking"))),
]
