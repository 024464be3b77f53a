"""machina's forum_tracking app config, keeping the AutoField ids its own migrations create."""

from machina.apps.forum_tracking.apps import ForumTrackingAppConfig


class Config(ForumTrackingAppConfig):
    default_auto_field = "django.db.models.AutoField"
