"""The topic page's cached pieces: the topic, each page of its messages rendered once for every
viewer, and what is each viewer's own (subscribed, last visit).

Keys hold the versions of what the pieces show (forum/cache.py), so a cached piece is never
stale: an edit, a reply, a solution, a vote bump the topic's version; a renamed or erased
member bumps PEOPLE. The viewer's controls (new since the last visit, quote, choose as the
solution, edit, delete) stay out of the cached messages: each message is cached with slots,
filled for each viewer from permissions computed once per page.
"""

import hashlib
import hmac

from django.conf import settings
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from machina.core.db.models import get_model

from forum import cache as forum_cache
from forum import selectors

Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

# Where a viewer's part goes in a cached message. Made from the secret key, so no text a member
# writes can contain it; the same in every server process, which share the cached messages.
SLOT = mark_safe(
    "\x1f" + hmac.new(settings.SECRET_KEY.encode(), b"forum-slot", hashlib.sha256).hexdigest()[:16]
)
PARTS_PER_POST = 4  # before "is-new" (class), before the "Nouveau" badge, the actions, the end


def scopes(topic_pk, user) -> list[str]:
    return [
        *forum_cache.GLOBAL_SCOPES,
        forum_cache.topic_scope(topic_pk),
        forum_cache.viewer_scope(user.pk),
    ]


def topic_key(topic_pk) -> str:
    current = forum_cache.versions(forum_cache.topic_scope(topic_pk), forum_cache.PEOPLE)
    return forum_cache.key(
        "forum:topic",
        topic_pk,
        current[forum_cache.topic_scope(topic_pk)],
        current[forum_cache.PEOPLE],
    )


def viewer_key(topic_pk, user) -> str:
    topic_scope, viewer_scope = forum_cache.topic_scope(topic_pk), forum_cache.viewer_scope(user.pk)
    current = forum_cache.versions(topic_scope, viewer_scope)
    return forum_cache.key(
        "forum:topic-viewer", topic_pk, user.pk, current[topic_scope], current[viewer_scope]
    )


def page_key(topic_pk, number, can_download) -> str:
    topic_scope = forum_cache.topic_scope(topic_pk)
    current = forum_cache.versions(topic_scope, forum_cache.PEOPLE)
    return forum_cache.key(
        "forum:topic-page",
        topic_pk,
        current[topic_scope],
        current[forum_cache.PEOPLE],
        number,
        int(can_download),
        forum_cache.language_key(),
        timezone.get_current_timezone_name(),
    )


def reply_box_key(topic_pk, can_attach, can_lock) -> str:
    topic_scope = forum_cache.topic_scope(topic_pk)
    current = forum_cache.versions(topic_scope, forum_cache.FORUMS)
    return forum_cache.key(
        "forum:reply-box",
        topic_pk,
        current[topic_scope],
        current[forum_cache.FORUMS],
        int(can_attach),
        int(can_lock),
        forum_cache.language_key(),
    )


def prefetch(topic_pk, user, page_number: str | None) -> None:
    """Everything the page will read from the cache, in two round trips: the versions, then
    the values keyed by them (the forums, the viewer's permissions, the topic, the viewer's
    state, the messages of the page asked for)."""
    forum_cache.versions(*scopes(topic_pk, user))
    keys = [
        forum_cache.all_forums_key(),
        forum_cache.permissions_key(user, "map"),
        topic_key(topic_pk),
        viewer_key(topic_pk, user),
    ]
    # What the viewer may do (download, attach, lock) is not known yet: what members may.
    if (page_number or "1").isdigit():
        keys.append(page_key(topic_pk, int(page_number or 1), can_download=True))
    keys.append(reply_box_key(topic_pk, can_attach=True, can_lock=False))
    forum_cache.prefetch(keys)


def load_topic(topic_pk):
    """The topic (its forum from the cached tree), with its poll and solution; 404 if none."""

    def compute():
        topic = (
            Topic.objects.select_related(
                "poll", "solution__post__poster", "solution__post__updated_by"
            )
            .filter(pk=topic_pk)
            .first()
        )
        if topic is not None:
            # The forum comes from the cached tree when the page is served, not from here.
            topic._state.fields_cache.pop("forum", None)
        return topic

    topic = forum_cache.cached(topic_key(topic_pk), compute)
    forum = forum_cache.forums_by_id().get(getattr(topic, "forum_id", None))
    if topic is None or forum is None:
        raise Http404
    topic.forum = forum
    return topic


def viewer_state(topic, user) -> dict:
    """{"subscribed": bool, "last_visit": datetime or None} for this member and topic."""
    if not user.is_authenticated:
        return {"subscribed": False, "last_visit": None}
    return forum_cache.cached(
        viewer_key(topic.pk, user),
        lambda: {
            "subscribed": topic.subscribers.filter(pk=user.pk).exists(),
            "last_visit": selectors.last_visit(topic=topic, user=user),
        },
    )


def page_messages(topic, page, *, can_download) -> list[dict]:
    """The messages of this page, each rendered once for every viewer, with its slots."""
    key = page_key(topic.pk, page.number, can_download)

    def compute():
        # Links in the messages name the forum by its slug: a renamed forum renders them anew.
        return {
            "forum_slug": topic.forum.slug,
            "messages": [_render_message(topic, post, can_download) for post in page.object_list],
        }

    cached = forum_cache.cached(key, compute)
    if cached["forum_slug"] != topic.forum.slug:
        cached = forum_cache.store(key, compute())
    return cached["messages"]


def _render_message(topic, post, can_download) -> dict:
    solution = getattr(topic, "solution", None)
    context = {
        "post": post,
        "topic": topic,
        "forum": topic.forum,
        "is_question": post.pk == topic.first_post_id,
        "solution_post_id": solution.post_id if solution else None,
        "user_can_download_files": can_download,
        "slot": SLOT,
    }
    parts = render_to_string("forum/post.html", context).split(SLOT)
    if len(parts) != PARTS_PER_POST:
        raise ValueError(f"forum/post.html has {len(parts) - 1} slots, not {PARTS_PER_POST - 1}")

    def action(**shown):
        return render_to_string(
            "forum/post_actions.html", {**context, "csrf_token": SLOT, **shown}
        ).strip()

    return {
        "pk": post.pk,
        "poster_id": post.poster_id,
        "created": post.created,
        "is_question": context["is_question"],
        "parts": parts,
        "quote": action(show_quote=True),
        # The viewer's CSRF token goes where the slot is.
        "mark": action(show_mark=True),
        "edit": action(show_edit=True),
        "delete": action(show_delete=True),
    }


def reply_box(topic, *, user, can_attach, can_lock, csrf_token):
    """The reply box (an empty form: the same for everyone who may reply but its CSRF token)."""
    from machina.core.loading import get_class

    def compute():
        PostForm = get_class("forum_conversation.forms", "PostForm")
        AttachmentFormset = get_class("forum_attachments.forms", "AttachmentFormset")
        Attachment = get_model("forum_attachments", "Attachment")
        context = {
            "topic": topic,
            "forum": topic.forum,
            "reply_form": PostForm(user=user, forum=topic.forum, topic=topic),
            "reply_attachments": AttachmentFormset(
                prefix="attachment", queryset=Attachment.objects.none()
            )
            if can_attach
            else None,
            "csrf_token": SLOT,
        }
        return render_to_string("forum/reply_box.html", context)

    html = forum_cache.cached(reply_box_key(topic.pk, can_attach, can_lock), compute)
    return mark_safe(html.replace(SLOT, csrf_token))


def assemble(messages, *, user, new_ids, first_new_id, controls, csrf_token) -> dict:
    """The page's messages as this viewer sees them: {"question": html or None (the question,
    on the first page), "replies": html (with the marker above the first new reply)}."""
    badge = format_html('<span class="qa-new">{}</span>', gettext("Nouveau"))
    divider = format_html(
        '<p class="qa-new-divider" id="nouveau"><span>{}</span></p>',
        gettext("Nouveau depuis votre dernière visite"),
    )
    mark = controls["mark"]
    question, replies = None, []
    for message in messages:
        own = message["poster_id"] is not None and message["poster_id"] == user.pk
        new = message["pk"] in new_ids
        open_, head, body, end = message["parts"]
        actions = [
            message["quote"] if controls["quote"] else "",
            message["mark"].replace(SLOT, csrf_token) if mark else "",
            message["edit"] if controls["edit_own" if own else "edit_others"] else "",
            message["delete"] if controls["delete_own" if own else "delete_others"] else "",
        ]
        html = "".join(
            (
                open_,
                " is-new" if new else "",
                head,
                badge if new else "",
                body,
                "\n    ".join(action for action in actions if action),
                end,
            )
        )
        if message["is_question"]:
            question = mark_safe(html)
        else:
            replies += [divider, html] if message["pk"] == first_new_id else [html]
    return {"question": question, "replies": mark_safe("\n".join(replies))}


def new_message_ids(messages, *, last_visit, user) -> list[int]:
    """Replies posted since the member's last visit, by others, in page order."""
    if not last_visit:
        return []
    return [
        message["pk"]
        for message in messages
        if message["created"] > last_visit and message["poster_id"] != user.pk
    ]
