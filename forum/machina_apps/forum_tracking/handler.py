"""machina's tracking handler (machina loads it through get_class), with the unread forums of a
list found in one query instead of one per unread forum, and both answers (unread forums,
unread topics) cached for the member.

Unread topics are machina's own answer, cached under a key made of the member's read marks'
version and, for each topic, what the answer reads of it (forum, last post date).

machina's manager rule, unchanged: a forum is unread when its track is older than its last post
(its own or a sub-forum's), or when it has no track and has topics; the ancestors of an unread
forum are unread too. machina asks the database for those ancestors forum by forum; here they
come from the cached forum tree, and the answer is cached for the member until a forum changes
(a post) or their read marks do.
"""

from machina.apps.forum.visibility import ForumVisibilityContentTree
from machina.apps.forum_tracking.handler import TrackingHandler as MachinaTrackingHandler
from machina.core.db.models import get_model

from forum import cache as forum_cache

ForumReadTrack = get_model("forum_tracking", "ForumReadTrack")


class TrackingHandler(MachinaTrackingHandler):
    def get_unread_topics(self, topics, user):
        if not user.is_authenticated or topics is None:
            return super().get_unread_topics(topics, user)
        topics = list(topics)
        viewer = forum_cache.viewer_scope(user.pk)
        seen = ",".join(
            f"{topic.pk}.{topic.forum_id}.{(topic.last_post_on or topic.created).timestamp()}"
            for topic in topics
        )
        ids = forum_cache.cached(
            forum_cache.key(
                "forum:unread-topics", user.pk, forum_cache.versions(viewer)[viewer], seen
            ),
            lambda: [
                topic.pk for topic in super(TrackingHandler, self).get_unread_topics(topics, user)
            ],
        )
        wanted = set(ids)
        return [topic for topic in topics if topic.pk in wanted]

    def get_unread_forums_from_list(self, user, forums):
        if not user.is_authenticated:
            return []
        forums = list(forums)
        current = forum_cache.versions(forum_cache.FORUMS, forum_cache.viewer_scope(user.pk))
        ids = forum_cache.cached(
            forum_cache.key(
                "forum:unread",
                user.pk,
                current[forum_cache.FORUMS],
                current[forum_cache.viewer_scope(user.pk)],
                ",".join(str(forum.pk) for forum in forums),
            ),
            lambda: self._unread_forum_ids(user, forums),
        )
        index = {**forum_cache.forums_by_id(), **{forum.pk: forum for forum in forums}}
        return [index[pk] for pk in ids if pk in index]

    def _unread_forum_ids(self, user, forums) -> list[int]:
        last_post_on = {
            node.obj.pk: node.last_post_on
            for node in ForumVisibilityContentTree.from_forums(forums).nodes
        }
        marks = dict(
            ForumReadTrack.objects.filter(user=user, forum__in=forums).values_list(
                "forum_id", "mark_time"
            )
        )
        unread = set()
        for forum in forums:
            if forum.pk in marks:
                is_unread = last_post_on[forum.pk] and marks[forum.pk] < last_post_on[forum.pk]
            else:
                is_unread = forum.direct_topics_count > 0
            if is_unread:
                unread.add(forum.pk)
                unread.update(ancestor.pk for ancestor in forum_cache.ancestors(forum))
        return sorted(unread)
