"""Which trainings a person sees: the one rule of the calendar, the search, the detail page and
the feeds."""

from community import roles
from trainings.models import Training


def visible_trainings(user):
    """Members see published and cancelled trainings; staff also see drafts and the museums'
    proposals waiting for review."""
    trainings = Training.objects.all()
    if not roles.is_staff(user):
        trainings = trainings.exclude(status__in=Training.UNPUBLISHED)
    return trainings


def is_visible(user, training) -> bool:
    return roles.is_staff(user) or training.status not in Training.UNPUBLISHED
