"""App config of our forum_attachments override (same label as machina's)."""

from machina.apps.forum_conversation.forum_attachments.apps import ForumAttachmentsAppConfig


class CimaiseForumAttachmentsConfig(ForumAttachmentsAppConfig):
    name = "forum.machina_apps.forum_conversation.forum_attachments"
    default = True
    default_auto_field = "django.db.models.AutoField"
