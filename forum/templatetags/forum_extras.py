"""Template tags for our forum pages: permissions, solutions, followed forums, initials,
attachments, breadcrumbs."""

import hashlib
from pathlib import PurePosixPath

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from machina.core.loading import get_class
from machina.templatetags.forum_member_tags import forum_member_display_name

from forum import cache as forum_cache
from forum import services
from forum.models import ForumFollow, TopicSolution

register = template.Library()

# Attachments shown as pictures (the preview view checks the content again before serving).
IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".webp"})


@register.simple_tag(takes_context=True)
def may(context, method: str, *args) -> bool:
    """`{% may 'can_add_topic' forum request.user as allowed %}`: machina's permission handler
    asked directly. machina's own `get_permission` tag lists the handler's methods
    (inspect.getmembers) at every call, which cost more than the check itself."""
    if not method.startswith("can_"):
        raise template.TemplateSyntaxError(f"{method!r} is not a permission check.")
    return getattr(context["request"].forum_permission_handler, method)(*args)


@register.simple_tag
def breadcrumb_shown(forum, topic, crumb) -> str:
    """What the breadcrumb shows (the key of its cached fragment): each forum up the tree, the
    topic and the last crumb."""
    chain = [*forum_cache.ancestors(forum), forum] if forum else []
    parts = [f"{f.pk}/{f.slug}/{f.name}" for f in chain]
    if topic:
        parts.append(f"{topic.pk}/{topic.slug}/{topic.subject}")
    return repr((parts, str(crumb or "")))


@register.simple_tag
def forum_ancestors(forum) -> list:
    """The forum's ancestors, root first, from the cached forum tree (no query)."""
    return forum_cache.ancestors(forum) if forum else []


@register.simple_tag(takes_context=True)
def forum_cards(context, contents):
    """The forums as cards (forum/forum_list.html, which machina's `forum_list` tag renders),
    rendered once for the member and kept until a forum, a name shown or their read marks
    change: on a hit, not even the unread forums are worked out."""
    request = context["request"]
    user = request.user
    viewer = forum_cache.viewer_scope(user.pk)
    current = forum_cache.versions(forum_cache.FORUMS, forum_cache.PEOPLE, viewer)
    key = forum_cache.key(
        "forum:cards",
        user.pk,
        current[forum_cache.FORUMS],
        current[forum_cache.PEOPLE],
        current[viewer],
        forum_cache.language_key(),
        timezone.get_current_timezone_name(),
        ",".join(str(forum.pk) for forum in contents.forums),
    )

    def render():
        tracking = get_class("forum_tracking.handler", "TrackingHandler")(request=request)
        data = {
            "forum_contents": contents,
            "unread_forums": tracking.get_unread_forums_from_list(user, contents.forums),
        }
        if contents.root_level is not None:
            data.update(
                root_level=contents.root_level,
                root_level_middle=contents.root_level + 1,
                root_level_sub=contents.root_level + 2,
            )
        return render_to_string("forum/forum_list.html", data)

    return mark_safe(forum_cache.cached(key, render))


@register.simple_tag
def solved_topic_ids(topics) -> set:
    """The ids of the solved topics among `topics` (one query for a whole list, cached until a
    solution is marked or withdrawn)."""
    ids = [topic.pk for topic in topics]
    if not ids:
        return set()
    current = forum_cache.versions(forum_cache.SOLUTIONS)[forum_cache.SOLUTIONS]
    return forum_cache.cached(
        forum_cache.key("forum:solved", current, ",".join(map(str, ids))),
        lambda: set(
            TopicSolution.objects.filter(topic_id__in=ids).values_list("topic_id", flat=True)
        ),
    )


@register.simple_tag
def forum_is_followed(forum, user) -> bool:
    viewer = forum_cache.viewer_scope(user.pk)
    return forum_cache.cached(
        forum_cache.key("forum:follows", user.pk, forum_cache.versions(viewer)[viewer], forum.pk),
        lambda: int(ForumFollow.objects.filter(forum=forum, user_id=user.pk).exists()),
    )


@register.simple_tag
def topic_rows(topics, *, solved_ids, unread_topics, force_all_unread=False, show_forum=False):
    """The rows of a topic list (forum_conversation/topic_row.html), each rendered once and
    cached under a digest of everything it shows: a row is never stale (changed data, another
    key) and is shared by every reader. One cache round trip for the whole list."""
    topics = list(topics)
    views = services.topic_views(topics)
    for topic in topics:  # the views counted in the cache, not yet written to the topic
        topic.views_count = views[topic.pk]
    unread_ids = {topic.pk for topic in unread_topics or ()}
    lang, zone = forum_cache.language_key(), timezone.get_current_timezone_name()
    rows = []
    for topic in topics:
        last = topic.last_post
        shown = {
            "is_unread": bool(force_all_unread or topic.pk in unread_ids),
            "is_solved": topic.pk in solved_ids,
            "show_forum": bool(show_forum),
        }
        columns = (
            topic.pk,
            topic.subject,
            topic.slug,
            topic.forum_id,
            topic.forum.slug,
            topic.forum.name if show_forum else "",
            topic.type,
            topic.status,
            topic.posts_count,
            topic.views_count,
            topic.created.isoformat(),
            topic.poster and forum_member_display_name(topic.poster),
            last and (last.pk, last.created.isoformat()),
            last and last.poster and forum_member_display_name(last.poster),
            sorted(shown.items()),
            lang,
            zone,
        )
        digest = hashlib.blake2b(repr(columns).encode(), digest_size=16).hexdigest()
        rows.append((f"forum:row:{digest}", topic, shown))
    found = cache.get_many([key for key, _topic, _shown in rows])
    missing = {}
    for key, topic, shown in rows:
        if key not in found:
            missing[key] = render_to_string(
                "forum_conversation/topic_row.html", {"topic": topic, **shown}
            )
    if missing:
        cache.set_many(missing, forum_cache.TIMEOUT)
    return [mark_safe(found.get(key) or missing[key]) for key, _topic, _shown in rows]


@register.filter
def member_name(user) -> str:
    """The name shown for a post's author; posts of deleted accounts have none."""
    return forum_member_display_name(user) if user else gettext("Ancien membre")


@register.filter
def initials(user) -> str:
    """Two letters standing for a person next to their name (avatars are off)."""
    if not user:  # a deleted account (GDPR erasure leaves posts without poster)
        return "?"
    words = [word for word in str(forum_member_display_name(user)).replace("-", " ").split()]
    letters = "".join(word[0] for word in words[:2] if word[:1].isalpha())
    return (letters or "?").upper()


@register.filter
def is_image_attachment(attachment) -> bool:
    return PurePosixPath(attachment.file.name or "").suffix.lower() in IMAGE_EXTENSIONS


@register.simple_tag
def attachment_max_size() -> str:
    from django.conf import settings
    from django.template.defaultfilters import filesizeformat

    return filesizeformat(settings.FORUM_ATTACHMENT_MAX_SIZE)
