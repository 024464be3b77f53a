"""What members do in the forum beyond machina: solutions, following forums, being told,
reading topics."""

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from machina.core.db.models import get_model
from machina.core.loading import get_class

from community import roles
from forum import errors
from forum.markup import mention_targets, mentioned_handles
from forum.models import ForumFollow, TopicSolution
from notifications.services import notify

UserForumPermission = get_model("forum_permission", "UserForumPermission")


def topic_url(topic) -> str:
    return reverse(
        "forum_conversation:topic",
        kwargs={
            "forum_slug": topic.forum.slug,
            "forum_pk": topic.forum_id,
            "slug": topic.slug,
            "pk": topic.pk,
        },
    )


def post_url(post) -> str:
    return f"{topic_url(post.topic)}?post={post.pk}#{post.pk}"


def may_see_attachment(*, attachment, user, handler) -> bool:
    """Files of a forum someone may download from (machina's permission), and of a post waiting
    for approval only for its author and those who approve posts there."""
    post = attachment.post
    forum = post.topic.forum
    if not handler.can_download_files(forum, user):
        return False
    return post.approved or post.poster_id == user.pk or handler.can_approve_posts(forum, user)


ONLY_ASKER_OR_MODERATOR = _lazy(
    "Seul l'auteur de la question ou un modérateur peut choisir sa solution."
)


def can_mark_solution(*, topic, user) -> bool:
    return user.is_authenticated and (topic.poster_id == user.pk or roles.is_moderator(user))


@transaction.atomic
def mark_solution(*, post, by) -> TopicSolution:
    """Mark a reply as the answer to its question (replacing any earlier choice)."""
    topic = post.topic
    if not can_mark_solution(topic=topic, user=by):
        raise errors.NotAllowed(ONLY_ASKER_OR_MODERATOR)
    if topic.first_post_id == post.pk:
        raise errors.NotAReply()
    if not post.approved:
        raise errors.NotApproved()
    solution, _created = TopicSolution.objects.select_for_update().update_or_create(
        topic=topic, defaults={"post": post, "marked_by": by, "marked_at": timezone.now()}
    )
    if post.poster_id:
        notify(
            [post.poster_id],
            "solution",
            actor=by,
            target=post,
            title=_("Votre réponse à « %(subject)s » a été retenue comme solution.")
            % {"subject": topic.subject},
            url=post_url(post),
            params={"subject": topic.subject},
        )
    return solution


@transaction.atomic
def unmark_solution(*, topic, by) -> None:
    if not can_mark_solution(topic=topic, user=by):
        raise errors.NotAllowed(ONLY_ASKER_OR_MODERATOR)
    TopicSolution.objects.filter(topic=topic).delete()


def follow_forum(*, forum, user) -> ForumFollow:
    follow, _created = ForumFollow.objects.get_or_create(forum=forum, user=user)
    return follow


def unfollow_forum(*, forum, user) -> None:
    ForumFollow.objects.filter(forum=forum, user=user).delete()


def _readers(user_ids, forum) -> set:
    """Those among these people who may read this forum: nobody hears of what they cannot read.

    machina's permission handler decides, once per kind of person rather than once per person:
    without permission rows of their own, what someone may read follows from their roles,
    groups and membership state (forum_permission/checker.py), so one person of each such kind
    is asked. People with rows of their own are asked one by one. The queries do not grow with
    the number of followers."""
    if not user_ids:
        return set()
    from django.contrib.auth import get_user_model

    handler = get_class("forum_permission.handler", "PermissionHandler")()
    users = list(
        get_user_model()
        .objects.filter(pk__in=list(user_ids), is_active=True)
        .select_related("membership")
        .prefetch_related("groups")
    )
    own_rows = set(
        UserForumPermission.objects.filter(user_id__in=[u.pk for u in users]).values_list(
            "user_id", flat=True
        )
    )
    decided, readers = {}, set()
    for user in users:
        user._cimaise_groups = {group.name for group in user.groups.all()}
        if user.pk in own_rows:
            allowed = handler.can_read_forum(forum, user)
        else:
            kind = (
                roles.member_state(user),
                frozenset(roles.roles_of(user)),
                frozenset(user._cimaise_groups),
                user.is_superuser,
            )
            if kind not in decided:
                decided[kind] = handler.can_read_forum(forum, user)
            allowed = decided[kind]
        if allowed:
            readers.add(user.pk)
    return readers


def announce_post(*, post) -> None:
    """Tell who should know about a new, approved post: mentioned members, then topic
    subscribers (a reply) or forum followers (a new topic). Never the author, who is
    subscribed to the topic instead (asking or answering)."""
    topic = post.topic
    author_id = post.poster_id
    is_new_topic = topic.first_post_id in (None, post.pk)
    with transaction.atomic():
        mentioned = {
            user.pk for user in mention_targets(mentioned_handles(post.content.raw)).values()
        }
        mentioned.discard(author_id)
        mentioned = _readers(mentioned, topic.forum)
        if mentioned:
            notify(
                mentioned,
                "mention",
                actor=author_id,
                target=post,
                title=_("Vous avez été mentionné·e dans « %(subject)s ».")
                % {"subject": topic.subject},
                url=post_url(post),
                params={"subject": topic.subject},
            )
        if is_new_topic:
            if author_id:
                topic.subscribers.add(author_id)  # the asker hears about the answers
            followers = set(
                ForumFollow.objects.filter(forum_id=topic.forum_id).values_list(
                    "user_id", flat=True
                )
            )
            notify(
                _readers(followers - mentioned - {author_id}, topic.forum),
                "forum_topic",
                actor=author_id,
                target=topic,
                title=_("Nouveau sujet dans « %(forum)s » : %(subject)s")
                % {"forum": topic.forum.name, "subject": topic.subject},
                url=topic_url(topic),
                params={"forum": topic.forum.name, "subject": topic.subject},
            )
        else:
            subscribers = set(topic.subscribers.values_list("id", flat=True))
            if author_id:
                # Whoever answers hears about what follows (they can unsubscribe on the topic).
                topic.subscribers.add(author_id)
            notify(
                _readers(subscribers - mentioned - {author_id}, topic.forum),
                "forum_reply",
                actor=author_id,
                # The topic, not the post: the replies to one topic make one line.
                target=topic,
                title=_("Nouvelle réponse à « %(subject)s »") % {"subject": topic.subject},
                url=post_url(post),
                params={"subject": topic.subject},
            )


# A topic's views are counted in the cache (shared by every server process through Redis) and
# written to the topic every VIEWS_WRITE_EVERY views: a read never waits on a database write.
# Pages show the count in the cache (topic_views); views counted since the last write are lost
# only if the cache is (fewer than VIEWS_WRITE_EVERY).
VIEWS_WRITE_EVERY = 100


def _views_key(topic_pk) -> str:
    return f"forum:views:{topic_pk}"


def topic_views(topics) -> dict:
    """{topic id: views} for these topics, counted in the cache or else written in the topic."""
    topics = list(topics)
    counted = cache.get_many([_views_key(topic.pk) for topic in topics])
    return {topic.pk: counted.get(_views_key(topic.pk), topic.views_count) for topic in topics}


def record_topic_view(*, topic, user, last_visit) -> int:
    """A member opened a topic: count the view, and mark the topic read for them unless it
    already was (no write at all when they read it again). Returns the views to show."""
    Topic = get_model("forum_conversation", "Topic")
    key = _views_key(topic.pk)
    try:
        views = cache.incr(key)
    except ValueError:  # not counted yet in this cache: start from what the topic says
        stored = Topic.objects.filter(pk=topic.pk).values_list("views_count", flat=True).first()
        views = (stored or 0) + 1
        if not cache.add(key, views, timeout=None):
            views = cache.incr(key)
    if views % VIEWS_WRITE_EVERY == 0:
        # The count in the cache is the total: several processes writing keep the highest.
        Topic.objects.filter(pk=topic.pk).update(views_count=Greatest(F("views_count"), views))
    unread = last_visit is None or (topic.last_post_on and last_visit < topic.last_post_on)
    if user.is_authenticated and unread:
        get_class("forum_tracking.handler", "TrackingHandler")().mark_topic_read(topic, user)
    return views
