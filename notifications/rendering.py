"""Notifications as people read them: rendered in the reader's language from the kind and its
params when shown (centre, bell, toast), several about one target grouped on one line, naming
who acted."""

import datetime
from dataclasses import dataclass, field

from django.utils import formats

from notifications.kinds import KINDS

# A grouped line names at most this many people, then "…".
NAMED_ACTORS = 3


# Params holding a day (ISO "YYYY-MM-DD"), written out in the reader's language when shown.
DATE_PARAMS = frozenset({"until"})


def _shown(params: dict) -> dict:
    shown = dict(params or {})
    for name in DATE_PARAMS & shown.keys():
        try:
            day = datetime.date.fromisoformat(str(shown[name]))
        except ValueError:
            continue
        shown[name] = formats.date_format(day, "j F Y")
    return shown


def title_of(kind_key: str, params: dict, stored: str, count: int = 1) -> str:
    """The kind's text filled with the params, in the active language; the stored title
    (written in the sender's language) when the kind has no text or the params do not fit."""
    kind = KINDS.get(kind_key)
    text = kind and (kind.grouped_title if count > 1 and kind.grouped_title else kind.title)
    if not text:
        return stored
    try:
        return text % {**_shown(params), "count": count}
    except (KeyError, TypeError, ValueError):
        return stored


def actor_name(actor) -> str:
    return (actor.get_full_name() or str(actor)) if actor is not None else ""


@dataclass
class Line:
    """One line of the centre: the newest notification of a group and what the group adds."""

    first: object
    notifications: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.notifications)

    @property
    def unread(self) -> bool:
        return any(n.read_at is None for n in self.notifications)

    @property
    def title(self) -> str:
        first = self.first
        return title_of(first.kind, first.params, first.title, self.count)

    @property
    def actors(self) -> str:
        names = []
        for notification in self.notifications:
            name = actor_name(notification.actor)
            if name and name not in names:
                names.append(name)
        shown = ", ".join(names[:NAMED_ACTORS])
        return shown + ("…" if len(names) > NAMED_ACTORS else "")

    @property
    def kind_label(self) -> str:
        kind = KINDS.get(self.first.kind)
        return str(kind.label) if kind else ""


def lines(notifications) -> list[Line]:
    """Group notifications (newest first, actors loaded) by kind and target, keeping order."""
    grouped: dict[tuple, Line] = {}
    for notification in notifications:
        key = (
            (notification.kind, notification.target_type_id, notification.target_id)
            if notification.target_id
            else ("single", notification.pk)
        )
        line = grouped.setdefault(key, Line(first=notification))
        line.notifications.append(notification)
    return list(grouped.values())
