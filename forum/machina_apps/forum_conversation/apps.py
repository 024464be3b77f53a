"""machina's forum_conversation app config, keeping the AutoField ids its own migrations create."""

from machina.apps.forum_conversation.apps import ForumConversationAppConfig


class Config(ForumConversationAppConfig):
    default_auto_field = "django.db.models.AutoField"
