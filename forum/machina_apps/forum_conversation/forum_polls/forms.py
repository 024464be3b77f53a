"""machina's poll forms (get_class looks for them next to our app config), with bounds it lacks.

machina accepts any poll duration: three million days saves the topic, then every view of it
fails (its permission handler adds the duration to the creation date, past year 9999), and 10**20
overflows the database column. Our TopicForm takes PollLimitsMixin; options lose their invisible
characters like every text typed in Cimaise.
"""

from django.core.validators import MaxValueValidator
from django.forms.models import modelformset_factory
from django.utils.translation import gettext_lazy as _
from machina.apps.forum_conversation.forum_polls.forms import (
    BaseTopicPollOptionFormset,
    TopicPollVoteForm,
)
from machina.apps.forum_conversation.forum_polls.forms import (
    TopicPollOptionForm as MachinaTopicPollOptionForm,
)
from machina.conf import settings as machina_settings

from community.text import CleanTextMixin

# TopicPollVoteForm is machina's, unchanged.
__all__ = ["PollLimitsMixin", "TopicPollOptionForm", "TopicPollOptionFormset", "TopicPollVoteForm"]

POLL_MAX_DAYS = 365


class PollLimitsMixin:
    """For machina's TopicForm: a poll runs at most POLL_MAX_DAYS days (0 or blank: no end)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        duration = self.fields.get("poll_duration")
        if duration is not None:
            duration.widget.attrs["max"] = POLL_MAX_DAYS
            duration.validators.append(
                MaxValueValidator(
                    POLL_MAX_DAYS,
                    message=_("Un sondage dure au plus %(limit_value)s jours."),
                )
            )


class TopicPollOptionForm(CleanTextMixin, MachinaTopicPollOptionForm):
    pass


TopicPollOptionFormset = modelformset_factory(
    MachinaTopicPollOptionForm._meta.model,
    TopicPollOptionForm,
    formset=BaseTopicPollOptionFormset,
    can_delete=True,
    extra=2,
    max_num=machina_settings.POLL_MAX_OPTIONS_PER_POLL,
    validate_max=True,
)
