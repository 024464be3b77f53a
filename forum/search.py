"""What the forum gives the members' search: topics, found through their posts.

A topic is one result, whatever the number of its posts that match; its snippet is the
accepted answer's when that answer matches, else the best matching post's. Only approved posts
of approved topics in the forums machina's permission handler lets this reader read are
searched, counted or shown. Each post has a PostSearch row (its topic's title and its own
text), written here on every save of the post (forum/receivers.py) and removed with it
(cascade).
"""

import re

from django.contrib.postgres.search import SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, Exists, F, FloatField, Max, OuterRef, Value, When
from django.utils.translation import gettext_lazy as _
from machina.core.db.models import get_model

from community.search import (
    CONFIG,
    Area,
    Found,
    Hit,
    Terms,
    fold,
    headline,
    marked,
    postgres,
    stored_folded_match,
    window,
)
from forum import selectors
from forum.models import PostSearch, TopicSolution
from forum.services import post_url, topic_url

Post = get_model("forum_conversation", "Post")

# An accepted answer weighs this many times a plain reply of the same rank.
ACCEPTED_BOOST = 2.0
MARKDOWN = re.compile(r"[*_`#>~]+|!?\[|\]\([^)]*\)")


# -- the index ------------------------------------------------------------------------------


def _is_head(post) -> bool:
    return post.topic.first_post_id in (None, post.pk)


def _write(*, post_id, topic_id, approved, title, content) -> None:
    if postgres():
        values = {
            "folded": "",
            "vector": SearchVector(Value(title), weight="A", config=CONFIG)
            + SearchVector(Value(content), weight="B", config=CONFIG),
        }
    else:
        values = {"folded": fold(f"{title}\n{content}")}
    PostSearch.objects.update_or_create(
        post_id=post_id, defaults={"topic_id": topic_id, "approved": approved, **values}
    )


def index_post(post) -> None:
    """Write the post's search row (called after every save of a post).

    Every post carries its topic's title ('A'), so a topic is found when its title has some of
    the words and a reply the others. When the first post's subject (the topic's title)
    changes, the other posts of the topic take the new title too. machina renames the topic
    only after the post is saved: the head post's own subject is the title then.
    """
    head = _is_head(post)
    title = post.subject if head else post.topic.subject
    _write(
        post_id=post.pk,
        topic_id=post.topic_id,
        approved=post.approved,
        title=title,
        content=str(post.content or ""),
    )
    if head and title != post.topic.subject:
        _retitle(post.topic_id, title, except_post=post.pk)


def _retitle(topic_id: int, title: str, *, except_post: int) -> None:
    if postgres():
        with connection.cursor() as cursor:
            cursor.execute(RETITLE_SQL, [title, topic_id, except_post])
        return
    for post_id, approved, content in (
        Post.objects.filter(topic_id=topic_id)
        .exclude(pk=except_post)
        .values_list("pk", "approved", "content")
    ):
        _write(post_id=post_id, topic_id=topic_id, approved=approved, title=title, content=content)


RETITLE_SQL = """
UPDATE cimaise_forum_postsearch s
SET vector = setweight(to_tsvector('cimaise_french', %s), 'A')
             || setweight(to_tsvector('cimaise_french', coalesce(p.content, '')), 'B')
FROM forum_conversation_post p
WHERE p.id = s.post_id AND s.topic_id = %s AND s.post_id <> %s
"""

REINDEX_SQL = """
INSERT INTO cimaise_forum_postsearch (post_id, topic_id, approved, folded, vector)
SELECT p.id, p.topic_id, p.approved, '',
       setweight(to_tsvector('cimaise_french', t.subject), 'A')
       || setweight(to_tsvector('cimaise_french', coalesce(p.content, '')), 'B')
FROM forum_conversation_post p JOIN forum_conversation_topic t ON t.id = p.topic_id
ON CONFLICT (post_id) DO UPDATE
SET topic_id = EXCLUDED.topic_id, approved = EXCLUDED.approved, vector = EXCLUDED.vector
"""


def reindex_all() -> None:
    """Every post's row, rebuilt at once (after a bulk import; one statement on PostgreSQL)."""
    if postgres():
        with connection.cursor() as cursor:
            cursor.execute(REINDEX_SQL)
        return
    for post in Post.objects.select_related("topic").iterator():
        _write(
            post_id=post.pk,
            topic_id=post.topic_id,
            approved=post.approved,
            title=post.topic.subject,
            content=str(post.content or ""),
        )


# -- the search -----------------------------------------------------------------------------


def _matching(request, terms: Terms):
    forum_ids = list(selectors.readable_forums(request).values_list("pk", flat=True))
    rows = PostSearch.objects.filter(
        topic__forum_id__in=forum_ids, topic__approved=True, approved=True
    )
    accepted = Exists(TopicSolution.objects.filter(post_id=OuterRef("post_id")))
    boost = Case(When(accepted, then=Value(ACCEPTED_BOOST)), default=Value(1.0))
    if postgres():
        query = terms.query()
        score = SearchRank(F("vector"), query) * boost
        return rows.filter(vector=query).annotate(score=score, accepted=accepted)
    rows = stored_folded_match(rows, "folded", terms)
    return rows.annotate(score=Value(1.0, output_field=FloatField()) * boost, accepted=accepted)


def find_topics(request, terms: Terms, *, offset: int, limit: int) -> Found:
    rows = _matching(request, terms)
    total = rows.values("topic_id").distinct().count()
    if not limit or total <= offset:
        return Found(total)
    best = (
        rows.values("topic_id")
        .annotate(best=Max("score"), latest=Max("post_id"))
        .order_by("-best", "-latest")[offset : offset + limit]
    )
    topic_ids = [row["topic_id"] for row in best]
    # Per topic, the post to show: the accepted answer if it matches, else the best match.
    shown: dict[int, tuple[int, bool]] = {}
    candidates = rows.filter(topic_id__in=topic_ids).order_by(
        "topic_id", "-accepted", "-score", "post_id"
    )
    for topic_id, post_id, accepted in candidates.values_list("topic_id", "post_id", "accepted"):
        shown.setdefault(topic_id, (post_id, accepted))
    posts = Post.objects.filter(pk__in=[post_id for post_id, _a in shown.values()])
    posts = posts.select_related("topic", "topic__forum")
    if postgres():
        posts = posts.annotate(snippet=headline("content", terms))
    by_topic = {post.topic_id: post for post in posts}
    return Found(total, [_hit(by_topic[pk], terms, shown[pk][1]) for pk in topic_ids])


def _hit(post, terms: Terms, accepted: bool) -> Hit:
    if hasattr(post, "snippet"):
        snippet = marked(MARKDOWN.sub("", post.snippet))
    else:
        snippet = window(MARKDOWN.sub("", str(post.content)), terms)
    topic = post.topic
    head = topic.first_post_id == post.pk
    return Hit(
        title=topic.subject,
        url=topic_url(topic) if head else post_url(post),
        snippet=snippet,
        meta=topic.forum.name,
        badge=str(_("Réponse retenue")) if accepted else "",
    )


areas = (Area("forum", _("Forum"), 10, find_topics),)
