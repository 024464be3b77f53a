"""What the CV library gives the members' search: open job offers, and CVs for recruiters.

Who sees which CV is cvtheque.services.visible_profiles(), the rule of the CV pages; the CV
area exists for recruiters only (members browse the CVs shared with them on their own page).
"""

from django.utils.translation import gettext_lazy as _

from community import roles
from community.search import Area, Found, Hit, Terms, match_rows, page, snippet_of
from cvtheque import services

OFFER_FIELDS = (
    ("title", "A"),
    ("description", "B"),
    ("place", "C"),
    ("structure__name", "C"),
)
CV_FIELDS = (
    ("headline", "A"),
    ("summary", "B"),
    ("languages", "C"),
    ("user__first_name", "C"),
    ("user__last_name", "C"),
)


def find_offers(request, terms: Terms, *, offset: int, limit: int) -> Found:  # noqa: ARG001
    rows = match_rows(services.open_offers(), OFFER_FIELDS, terms, "description")
    total, offers = page(rows, offset, limit)
    hits = [
        Hit(
            title=offer.title,
            url=offer.get_absolute_url(),
            snippet=snippet_of(offer, terms, offer.description),
            meta=f"{offer.structure.name} · {offer.place} · {offer.get_contract_type_display()}",
        )
        for offer in offers
    ]
    return Found(total, hits)


def find_profiles(request, terms: Terms, *, offset: int, limit: int) -> Found:
    rows = match_rows(services.visible_profiles(request.user), CV_FIELDS, terms, "summary")
    total, profiles = page(rows, offset, limit)
    hits = [
        Hit(
            title=profile.headline,
            url=profile.get_absolute_url(),
            snippet=snippet_of(profile, terms, profile.summary),
            meta=profile.user.get_full_name(),
        )
        for profile in profiles
    ]
    return Found(total, hits)


def _is_recruiter(request) -> bool:
    return roles.is_member(request.user) and roles.is_recruiter(request.user)


areas = (
    Area("offres", _("Offres d'emploi"), 40, find_offers),
    Area("cv", _("CV"), 50, find_profiles, shown_to=_is_recruiter),
)
