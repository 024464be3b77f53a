"""The CVthèque card of the home dashboard (cvtheque/apps.py `home_panels`): open offers in
the member's profession, then the latest ones."""

from community import roles
from cvtheque.services import open_offers

SHOWN = 4


def panel_context(request) -> dict:
    membership = roles.membership_of(request.user)
    profession = membership.profession if membership else ""
    offers = open_offers().order_by("-published_at", "-pk")
    mine = list(offers.filter(profession=profession)[:SHOWN]) if profession else []
    return {
        "offers": mine or list(offers[:SHOWN]),
        "in_my_profession": bool(mine),
        "profession": membership.get_profession_display() if membership else "",
    }
