"""machina's permission models, unchanged (their migrations are machina's: see MIGRATION_MODULES)."""

from machina.apps.forum_permission.models import *  # noqa: F403
