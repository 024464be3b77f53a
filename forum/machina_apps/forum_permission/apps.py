"""App config of our forum_permission override (same label as machina's)."""

from machina.apps.forum_permission.apps import ForumPermissionAppConfig


class CimaiseForumPermissionConfig(ForumPermissionAppConfig):
    name = "forum.machina_apps.forum_permission"
    default = True
    default_auto_field = "django.db.models.AutoField"
