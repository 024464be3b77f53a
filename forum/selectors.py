"""Reads of the forum shared by several pages (open questions, the home panel, the ask page,
the topic page)."""

from django.utils.text import slugify
from machina.core.db.models import get_model

from community import roles

Forum = get_model("forum", "Forum")
Topic = get_model("forum_conversation", "Topic")
ForumReadTrack = get_model("forum_tracking", "ForumReadTrack")
TopicReadTrack = get_model("forum_tracking", "TopicReadTrack")

# The forum a question most likely belongs to, from the asker's profession (community's
# Membership.profession). Forums are found by the ASCII slug of their name (machina's own slugs
# keep accents or not depending on how the forum was created); a renamed forum only loses the
# suggestion.
PROFESSION_FORUMS = {
    "conservation": "conservation-preventive",
    "restauration": "conservation-preventive",
    "regie": "regie-et-mouvements-duvres",
    "documentation": "inventaire-et-documentation",
    "mediation": "mediation-et-publics",
    "communication": "mediation-et-publics",
    "numerique": "numerique",
    "securite": "securite-et-surete",
    "administration": "juridique-et-administration",
    "direction": "juridique-et-administration",
    "other": "vie-du-reseau",
}


def _handler(request_or_user, handler=None):
    if handler is None:
        handler = getattr(request_or_user, "forum_permission_handler", None)
    if handler is None:
        from machina.core.loading import get_class

        handler = get_class("forum_permission.handler", "PermissionHandler")()
    return handler


def readable_forums(request_or_user, handler=None):
    """The forums this person may read: machina's permission handler decides."""
    handler = _handler(request_or_user, handler)
    user = getattr(request_or_user, "user", request_or_user)
    return handler.get_readable_forums(Forum.objects.all(), user)


def readable_topics(request_or_user, handler=None):
    """Approved topics of the forums this person may read, with what lists display."""
    forums = readable_forums(request_or_user, handler)
    return Topic.approved_objects.filter(forum__in=forums).select_related(
        "forum", "poster", "last_post", "last_post__poster"
    )


def forums_open_to_new_topics(request_or_user, handler=None) -> list:
    """The forums where this person may ask a question, in the order of the forum tree.

    machina's permission handler decides (reading the forum and starting topics in it): a forum
    someone cannot read is never offered, whatever other rows say.
    """
    handler = _handler(request_or_user, handler)
    user = getattr(request_or_user, "user", request_or_user)
    readable = handler.get_readable_forums(
        Forum.objects.filter(type=Forum.FORUM_POST).select_related("parent"), user
    )
    forums = sorted(readable, key=lambda forum: (forum.tree_id, forum.lft))
    return [forum for forum in forums if handler.can_add_topic(forum, user)]


def forum_choices(forums) -> list[tuple[str, list]]:
    """[(category name, [forums])] for a grouped select, keeping the given order."""
    groups: list[tuple[str, list]] = []
    for forum in forums:
        label = forum.parent.name if forum.parent_id else ""
        if not groups or groups[-1][0] != label:
            groups.append((label, []))
        groups[-1][1].append(forum)
    return groups


def suggested_forum(user, forums):
    """Among `forums`, the one matching the member's profession, or None."""
    membership = roles.membership_of(user)
    slug = PROFESSION_FORUMS.get(getattr(membership, "profession", None) or "")
    return next((forum for forum in forums if slugify(forum.name) == slug), None)


def last_visit(*, topic, user):
    """When this member last read the topic, from machina's read tracking; None if never.

    machina keeps a track per topic, or one per forum once all its topics were read.
    """
    if not user.is_authenticated:
        return None
    mark = (
        TopicReadTrack.objects.filter(topic=topic, user=user)
        .values_list("mark_time", flat=True)
        .first()
    )
    if mark is None:
        mark = (
            ForumReadTrack.objects.filter(forum_id=topic.forum_id, user=user)
            .values_list("mark_time", flat=True)
            .first()
        )
    return mark
