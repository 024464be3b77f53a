"""machina's forum_member views, with profile pages limited to people a member may see.

machina shows the forum profile (name, counts) of any account by id: applicants, refused
people and members hidden from the directory included. Here a profile exists for oneself, for
members listed in the directory, and for anyone with an approved post the viewer can read.
machina's profile URLs take any text as id (`<str:pk>`): one that is not a number is a 404.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from machina.apps.forum_member.views import *  # noqa: F403
from machina.apps.forum_member.views import (
    ForumProfileDetailView as MachinaForumProfileDetailView,
)
from machina.apps.forum_member.views import UserPostsView as MachinaUserPostsView
from machina.core.db.models import get_model

from community import selectors

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")


def person_pk(view) -> int:
    value = view.kwargs.get("pk", "")
    if not str(value).isdigit():
        raise Http404
    return int(value)


def visible_people(request):
    forums = request.forum_permission_handler.get_readable_forums(Forum.objects.all(), request.user)
    posters = Post.approved_objects.filter(topic__forum__in=forums).values("poster_id")
    return get_user_model().objects.filter(
        Q(pk=request.user.pk)
        | Q(is_active=True, pk__in=posters)
        | Q(pk__in=selectors.listed_members().values("pk"))
    )


class ForumProfileDetailView(MachinaForumProfileDetailView):
    def get_queryset(self):
        return visible_people(self.request)

    def get_object(self, queryset=None):
        self.kwargs["pk"] = person_pk(self)
        return super().get_object(queryset)


class UserPostsView(MachinaUserPostsView):
    def get_queryset(self):
        # Posts waiting for approval are not shown in lists either.
        return super().get_queryset().filter(approved=True)

    @cached_property
    def poster(self):
        return get_object_or_404(visible_people(self.request), pk=person_pk(self))
