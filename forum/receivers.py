"""Hooks on machina's own models: a new approved post is announced through our services, every
saved post is indexed for search (forum/search.py), and every change retires the cached pages
that show it (forum/cache.py).

Django sends every signal argument by keyword: receivers name those they read (not `sender`).
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from machina.apps.forum.signals import forum_moved
from machina.core.db.models import get_model

from forum import cache as forum_cache
from forum import search, services
from forum.models import ForumFollow, TopicSolution

Attachment = get_model("forum_attachments", "Attachment")
Forum = get_model("forum", "Forum")
ForumReadTrack = get_model("forum_tracking", "ForumReadTrack")
GroupForumPermission = get_model("forum_permission", "GroupForumPermission")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")
TopicPoll = get_model("forum_polls", "TopicPoll")
TopicPollOption = get_model("forum_polls", "TopicPollOption")
TopicPollVote = get_model("forum_polls", "TopicPollVote")
TopicReadTrack = get_model("forum_tracking", "TopicReadTrack")
UserForumPermission = get_model("forum_permission", "UserForumPermission")


@receiver(post_save, sender=Post, dispatch_uid="cimaise_forum_announce_post")
def announce_new_post(instance, created, raw=False, **kwargs):
    if raw or not instance.approved:
        return
    if created or getattr(instance, "_cimaise_was_unapproved", False):
        services.announce_post(post=instance)


@receiver(post_save, sender=Post, dispatch_uid="cimaise_forum_index_post")
def index_post(instance, raw=False, **kwargs):
    """Every saved post is searchable at once, from any process (its PostSearch row; the row
    goes with the post on delete). Who may see it is decided when searching."""
    if not raw:
        search.index_post(instance)


@receiver(pre_save, sender=Post, dispatch_uid="cimaise_forum_note_approval")
def note_approval(instance, raw=False, **kwargs):
    """A post approved by a moderator is announced then, as if it were new."""
    if raw or not instance.pk or not instance.approved:
        return
    instance._cimaise_was_unapproved = Post.objects.filter(pk=instance.pk, approved=False).exists()


# -- cached pages: which versions each change retires ----------------------------------------
# Each model, with the topic its rows are shown on. Looked up by id: on a cascade the parent
# row may already be gone (its own deletion bumps the topic then).
TOPIC_OF = {
    Topic: lambda topic: topic.pk,
    Post: lambda post: post.topic_id,
    Attachment: lambda attachment: (
        Post.objects.filter(pk=attachment.post_id).values_list("topic_id", flat=True).first()
    ),
    TopicSolution: lambda solution: solution.topic_id,
    TopicPoll: lambda poll: poll.topic_id,
    TopicPollOption: lambda option: (
        TopicPoll.objects.filter(pk=option.poll_id).values_list("topic_id", flat=True).first()
    ),
    TopicPollVote: lambda vote: (
        TopicPollOption.objects.filter(pk=vote.poll_option_id)
        .values_list("poll__topic_id", flat=True)
        .first()
    ),
}


def _connect_topic_bumps(model, topic_of):
    def bump(instance, raw=False, **kwargs):
        if not raw:
            forum_cache.bump_topics(topic_of(instance))
            if model is Topic:  # subjects, types and states are shown in the forum lists too
                forum_cache.bump_forums()
            elif model is TopicSolution:  # the "Résolu" badge of the topic lists
                forum_cache.bump_solutions()

    for signal in (post_save, post_delete):
        signal.connect(bump, sender=model, weak=False, dispatch_uid=f"cimaise_bump_{model}")


for _model, _topic_of in TOPIC_OF.items():
    _connect_topic_bumps(_model, _topic_of)


@receiver(m2m_changed, sender=Topic.subscribers.through, dispatch_uid="cimaise_bump_subscribers")
def bump_subscriptions(instance, action, reverse, pk_set, **kwargs):
    """Who follows a topic is part of its cached state (the subscribe button)."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:
        forum_cache.bump_topics(instance.pk)
    elif action == "pre_clear":  # a person's subscriptions all removed: which topics?
        forum_cache.bump_topics(*instance.topic_subscriptions.values_list("pk", flat=True))
    else:
        forum_cache.bump_topics(*(pk_set or ()))


@receiver(post_save, sender=Forum, dispatch_uid="cimaise_bump_forum_saved")
def bump_forum_saved(created, raw=False, **kwargs):
    if not raw:
        forum_cache.bump_forums(tree=created)


@receiver(post_delete, sender=Forum, dispatch_uid="cimaise_bump_forum_deleted")
def bump_forum_deleted(**kwargs):
    forum_cache.bump_forums(tree=True)


@receiver(forum_moved, dispatch_uid="cimaise_bump_forum_moved")
def bump_forum_moved(**kwargs):
    forum_cache.bump_forums(tree=True)


def _bump_perms(raw=False, **kwargs):
    if not raw:
        forum_cache.bump_perms()


for _model in (UserForumPermission, GroupForumPermission):
    for _signal in (post_save, post_delete):
        _signal.connect(_bump_perms, sender=_model, dispatch_uid=f"cimaise_bump_perms_{_model}")


def _bump_viewer(instance, raw=False, **kwargs):
    """Read marks and followed forums are one member's own cached state."""
    if not raw:
        forum_cache.bump_viewer(instance.user_id)


for _model in (ForumReadTrack, TopicReadTrack, ForumFollow):
    for _signal in (post_save, post_delete):
        _signal.connect(_bump_viewer, sender=_model, dispatch_uid=f"cimaise_bump_viewer_{_model}")

# What the forum shows of a person: their name (get_full_name).
DISPLAYED_USER_FIELDS = frozenset({"first_name", "last_name"})


@receiver(post_save, sender=get_user_model(), dispatch_uid="cimaise_bump_people")
def bump_people(created, update_fields=None, raw=False, **kwargs):
    """A renamed member is shown renamed everywhere at once (a login saves only last_login)."""
    if raw or created:
        return
    if update_fields is None or DISPLAYED_USER_FIELDS & set(update_fields):
        forum_cache.bump_people()
