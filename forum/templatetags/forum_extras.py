"""Template tags for our forum pages: solutions, followed forums, initials, attachments."""

from pathlib import PurePosixPath

from django import template
from django.utils.translation import gettext
from machina.templatetags.forum_member_tags import forum_member_display_name

from forum.models import ForumFollow, TopicSolution

register = template.Library()

# Attachments shown as pictures (the preview view checks the content again before serving).
IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".webp"})


@register.simple_tag
def solved_topic_ids(topics) -> set:
    """The ids of the solved topics among `topics` (one query for a whole list)."""
    ids = [topic.pk for topic in topics]
    if not ids:
        return set()
    return set(TopicSolution.objects.filter(topic_id__in=ids).values_list("topic_id", flat=True))


@register.simple_tag
def forum_is_followed(forum, user) -> bool:
    return ForumFollow.objects.filter(forum=forum, user_id=user.pk).exists()


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
