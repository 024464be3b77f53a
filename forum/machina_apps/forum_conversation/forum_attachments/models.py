"""machina's attachment model, unchanged (files go to the default storage)."""

from machina.apps.forum_conversation.forum_attachments.models import *  # noqa: F403
