"""The community app's search provider: the member directory (listed members only)."""

from django.db.models import F, TextField, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community import selectors
from community.search.base import Area, Found, Hit, Terms, match_rows, page, snippet_of

FIELDS = (
    ("first_name", "A"),
    ("last_name", "A"),
    ("handle", "A"),
    ("membership__job_title", "B"),
    ("membership__structure__name", "C"),
    ("membership__structure__city", "C"),
)


def _card():
    return Concat(
        F("membership__job_title"),
        Value(" — "),
        F("membership__structure__name"),
        Value(", "),
        F("membership__structure__city"),
        output_field=TextField(),
    )


def find_members(request, terms: Terms, *, offset: int, limit: int) -> Found:  # noqa: ARG001
    rows = match_rows(selectors.listed_members(), FIELDS, terms, _card())
    total, members = page(rows.select_related("membership__structure"), offset, limit)
    hits = []
    for member in members:
        membership = member.membership
        card = f"{membership.job_title} — {membership.structure.name}, {membership.structure.city}"
        hits.append(
            Hit(
                title=member.get_full_name() or member.handle,
                url=reverse("community:member_detail", args=[member.pk]),
                snippet=snippet_of(member, terms, card),
                meta=f"@{member.handle}" if member.handle else "",
            )
        )
    return Found(total, hits)


areas = (Area("membres", _("Membres"), 60, find_members),)
