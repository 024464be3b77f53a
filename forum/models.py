"""What Cimaise adds to machina's forum: the solution of a question, following a forum, and what
search reads of each post."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TopicSolution(models.Model):
    """The reply the author of a question (or a moderator) marked as its answer."""

    topic = models.OneToOneField(
        "forum_conversation.Topic",
        on_delete=models.CASCADE,
        related_name="solution",
        verbose_name=_("sujet"),
    )
    post = models.OneToOneField(
        "forum_conversation.Post",
        on_delete=models.CASCADE,
        related_name="solution_of",
        verbose_name=_("réponse retenue"),
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("marquée par"),
    )
    marked_at = models.DateTimeField(_("marquée le"), default=timezone.now)

    class Meta:
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")

    def __str__(self):
        return f"{self.topic_id} → {self.post_id}"


class ForumFollow(models.Model):
    """A member told of every new topic in a forum."""

    forum = models.ForeignKey(
        "forum.Forum", on_delete=models.CASCADE, related_name="+", verbose_name=_("forum")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="followed_forums",
        verbose_name=_("membre"),
    )
    created_at = models.DateTimeField(_("depuis le"), default=timezone.now)

    class Meta:
        verbose_name = _("forum suivi")
        verbose_name_plural = _("forums suivis")
        constraints = [
            models.UniqueConstraint(fields=["forum", "user"], name="forum_follow_once"),
        ]

    def __str__(self):
        return f"{self.user_id} → {self.forum_id}"


class PostSearch(models.Model):
    """What search reads of one of machina's posts (machina's table cannot get a column).

    Kept by forum/receivers.py on every save of a post (forum/search.py writes it): `folded` is
    the text without accents or case (SQLite), `vector` the weighted tsvector (PostgreSQL, the
    topic's title as 'A', the message as 'B'), under a GIN index created by the migration.
    """

    post = models.OneToOneField(
        "forum_conversation.Post", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    topic = models.ForeignKey(
        "forum_conversation.Topic", on_delete=models.CASCADE, related_name="+"
    )
    # The post's own flag, copied so that searching never joins machina's post table.
    approved = models.BooleanField(default=True)
    folded = models.TextField(blank=True)
    vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("index de recherche d'un message")
        verbose_name_plural = _("index de recherche des messages")

    def __str__(self):
        return str(self.post_id)
