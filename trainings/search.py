"""What trainings give the members' search: trainings and professional days on show.

A draft is seen by the association's staff only, as on the training's own page
(trainings/views.py `_training_for`).
"""

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from community.search import Area, Found, Hit, Terms, match_rows, page, snippet_of
from trainings.models import Training
from trainings.selectors import visible_trainings

FIELDS = (
    ("title", "A"),
    ("description", "B"),
    ("objectives", "C"),
    ("audience", "C"),
    ("address", "D"),
)


def find_trainings(request, terms: Terms, *, offset: int, limit: int) -> Found:
    rows = match_rows(visible_trainings(request.user), FIELDS, terms, "description")
    total, trainings = page(rows, offset, limit)
    hits = [
        Hit(
            title=training.title,
            url=training.get_absolute_url(),
            snippet=snippet_of(training, terms, training.description),
            meta=f"{training.get_kind_display()} · {formats.date_format(training.starts_at, 'DATE_FORMAT')}",
            badge=str(_("Annulée")) if training.status == Training.Status.CANCELLED else "",
        )
        for training in trainings
    ]
    return Found(total, hits)


areas = (Area("formations", _("Formations et journées professionnelles"), 30, find_trainings),)
