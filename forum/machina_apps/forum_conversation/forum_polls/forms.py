"""machina's poll forms, unchanged (get_class looks for them next to our app config)."""

from machina.apps.forum_conversation.forum_polls.forms import (  # noqa: F401
    TopicPollOptionFormset,
    TopicPollVoteForm,
)
