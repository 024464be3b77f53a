"""machina's forum_member app config, keeping the AutoField ids its own migrations create."""

from machina.apps.forum_member.apps import ForumMemberAppConfig


class Config(ForumMemberAppConfig):
    default_auto_field = "django.db.models.AutoField"
