"""Reads of the forum shared by several pages (open questions, the home panel)."""

from machina.core.db.models import get_model

Forum = get_model("forum", "Forum")
Topic = get_model("forum_conversation", "Topic")


def readable_topics(request_or_user, handler=None):
    """Approved topics of the forums this person may read, with what lists display."""
    if handler is None:
        handler = getattr(request_or_user, "forum_permission_handler", None)
    user = getattr(request_or_user, "user", request_or_user)
    if handler is None:
        from machina.core.loading import get_class

        handler = get_class("forum_permission.handler", "PermissionHandler")()
    forums = handler.get_readable_forums(Forum.objects.all(), user)
    return Topic.approved_objects.filter(forum__in=forums).select_related(
        "forum", "poster", "last_post", "last_post__poster"
    )
