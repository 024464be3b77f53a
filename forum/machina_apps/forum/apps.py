"""machina's forum app config, keeping the AutoField ids its own migrations create."""

from machina.apps.forum.apps import ForumAppConfig


class Config(ForumAppConfig):
    default_auto_field = "django.db.models.AutoField"
