"""Template tags for our additions to machina's pages: solutions and followed forums."""

from django import template

from forum import services
from forum.models import ForumFollow, TopicSolution

register = template.Library()


@register.simple_tag
def solved_topic_ids(topics) -> set:
    """The ids of the solved topics among `topics` (one query for a whole list)."""
    ids = [topic.pk for topic in topics]
    if not ids:
        return set()
    return set(TopicSolution.objects.filter(topic_id__in=ids).values_list("topic_id", flat=True))


@register.simple_tag
def topic_solution(topic):
    return (
        TopicSolution.objects.filter(topic=topic)
        .select_related("post", "post__poster", "marked_by")
        .first()
    )


@register.simple_tag
def can_mark_solution(topic, user) -> bool:
    return services.can_mark_solution(topic=topic, user=user)


@register.simple_tag
def forum_is_followed(forum, user) -> bool:
    return ForumFollow.objects.filter(forum=forum, user_id=user.pk).exists()
