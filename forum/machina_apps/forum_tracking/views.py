"""machina's "mark as read" views (machina loads them through get_class), with a 404 for a forum
that does not exist: machina looks the forum up with `Forum.objects.get` for its permission
check, before its own get_object_or_404."""

from django.shortcuts import get_object_or_404
from machina.apps.forum_tracking.views import MarkTopicsReadView as MachinaMarkTopicsReadView
from machina.core.db.models import get_model

Forum = get_model("forum", "Forum")


class MarkTopicsReadView(MachinaMarkTopicsReadView):
    def get_controlled_object(self):
        return get_object_or_404(Forum, pk=self.kwargs["pk"])
