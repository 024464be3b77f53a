"""machina's permission admin, unchanged."""

from machina.apps.forum_permission.admin import *  # noqa: F403
