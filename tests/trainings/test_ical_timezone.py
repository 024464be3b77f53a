"""The personal feed describes Europe/Paris with the two yearly rules calendar clients expect.

The feed is read here without icalendar's own time zone handling: a small RFC 5545 resolver
(dateutil's RRULE expansion + the VTIMEZONE offsets) turns each event's local time into UTC,
and the answer must match what zoneinfo says for Paris on both sides of each change.
"""

import datetime
import zoneinfo

import pytest
from dateutil import rrule
from django.test import Client
from django.urls import reverse

from tests.factories import TrainingFactory
from trainings import services
from trainings.models import Registration

PARIS = zoneinfo.ZoneInfo("Europe/Paris")

# 28 March 2027 and 31 October 2027 are the last Sundays of those months: the clocks change.
WALL_TIMES = [
    datetime.datetime(2027, 3, 27, 9, 30),
    datetime.datetime(2027, 3, 28, 1, 30),
    datetime.datetime(2027, 3, 28, 9, 30),
    datetime.datetime(2027, 3, 29, 9, 30),
    datetime.datetime(2027, 10, 30, 9, 30),
    datetime.datetime(2027, 10, 31, 9, 30),
    datetime.datetime(2027, 11, 1, 9, 30),
    datetime.datetime(2035, 7, 14, 9, 30),  # far beyond the 2037-style lists, still summer
]


def _unfold(text: str) -> list[str]:
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        if raw.startswith((" ", "\t")) and lines:
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    return lines


def _components(lines: list[str], name: str) -> list[list[str]]:
    found, current = [], None
    for line in lines:
        if line == f"BEGIN:{name}":
            current = []
        elif line == f"END:{name}":
            found.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return found


def _props(lines: list[str]) -> dict[str, tuple[str, str]]:
    """name -> (parameters, value) for the simple one-per-name properties we read."""
    props = {}
    for line in lines:
        head, _, value = line.partition(":")
        name, _, params = head.partition(";")
        props[name] = (params, value)
    return props


def _offset(value: str) -> datetime.timedelta:
    sign = -1 if value[0] == "-" else 1
    return sign * datetime.timedelta(hours=int(value[1:3]), minutes=int(value[3:5]))


def _local(value: str) -> datetime.datetime:
    return datetime.datetime.strptime(value, "%Y%m%dT%H%M%S")


class Observances:
    """The STANDARD/DAYLIGHT parts of one VTIMEZONE, resolved the way RFC 5545 says."""

    def __init__(self, vtimezone: list[str]):
        self.parts = []
        for kind in ("STANDARD", "DAYLIGHT"):
            for part in _components(vtimezone, kind):
                props = _props(part)
                assert "RDATE" not in props, "expected yearly rules, not a list of dates"
                start = _local(props["DTSTART"][1])
                rule = rrule.rrulestr(props["RRULE"][1], dtstart=start)
                self.parts.append(
                    (kind, rule, _offset(props["TZOFFSETFROM"][1]), _offset(props["TZOFFSETTO"][1]))
                )

    def offset_at_utc(self, moment: datetime.datetime) -> datetime.timedelta:
        # The onset is given in local time before the change, i.e. at the TZOFFSETFROM offset.
        latest = None
        for _kind, rule, offset_from, offset_to in self.parts:
            onset = rule.before(moment + offset_from, inc=True)
            if onset is not None and (latest is None or onset - offset_from > latest[0]):
                latest = (onset - offset_from, offset_to)
        assert latest is not None
        return latest[1]

    def to_utc(self, wall: datetime.datetime) -> datetime.datetime:
        for _kind, _rule, _from, offset in self.parts:
            utc = wall - offset
            if self.offset_at_utc(utc) == offset:
                return utc
        raise AssertionError(f"{wall} does not exist in this time zone")


@pytest.fixture
def feed_text(member):
    for wall in WALL_TIMES:
        starts_at = wall.replace(tzinfo=PARIS)
        training = TrainingFactory(
            title=f"Séance du {wall:%Y-%m-%d %H:%M}",
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=2),
            registration_closes_at=starts_at - datetime.timedelta(days=1),
        )
        Registration.objects.create(training=training, member=member, status="confirmed")
    token = services.feed_for(member).token
    response = Client().get(reverse("trainings:feed", args=[token]))
    assert response.status_code == 200
    return response.content.decode()


def test_feed_has_one_paris_timezone_made_of_two_yearly_rules(feed_text):
    lines = _unfold(feed_text)
    (vtimezone,) = _components(lines, "VTIMEZONE")
    assert _props(vtimezone)["TZID"][1] == "Europe/Paris"
    assert "RDATE" not in feed_text
    (daylight,) = _components(vtimezone, "DAYLIGHT")
    (standard,) = _components(vtimezone, "STANDARD")
    summer = _props(daylight)
    winter = _props(standard)
    assert set(summer["RRULE"][1].split(";")) == {"FREQ=YEARLY", "BYMONTH=3", "BYDAY=-1SU"}
    assert set(winter["RRULE"][1].split(";")) == {"FREQ=YEARLY", "BYMONTH=10", "BYDAY=-1SU"}
    assert (summer["TZOFFSETFROM"][1], summer["TZOFFSETTO"][1]) == ("+0100", "+0200")
    assert (winter["TZOFFSETFROM"][1], winter["TZOFFSETTO"][1]) == ("+0200", "+0100")


def test_events_resolve_to_the_right_utc_time_on_both_sides_of_each_change(feed_text):
    lines = _unfold(feed_text)
    (vtimezone,) = _components(lines, "VTIMEZONE")
    observances = Observances(vtimezone)
    resolved = {}
    for event in _components(lines, "VEVENT"):
        props = _props(event)
        params, value = props["DTSTART"]
        assert params == "TZID=Europe/Paris"
        wall = _local(value)
        resolved[wall] = observances.to_utc(wall)
    assert sorted(resolved) == WALL_TIMES
    for wall, utc in resolved.items():
        expected = wall.replace(tzinfo=PARIS).astimezone(datetime.UTC).replace(tzinfo=None)
        assert utc == expected, wall
    # The case the issue reported: 29 March 2027 at 09:30 in Paris is 07:30 UTC, not 08:30.
    assert resolved[datetime.datetime(2027, 3, 29, 9, 30)] == datetime.datetime(2027, 3, 29, 7, 30)
    assert resolved[datetime.datetime(2027, 3, 27, 9, 30)] == datetime.datetime(2027, 3, 27, 8, 30)
    assert resolved[datetime.datetime(2027, 10, 30, 9, 30)] == datetime.datetime(
        2027, 10, 30, 7, 30
    )
    assert resolved[datetime.datetime(2027, 10, 31, 9, 30)] == datetime.datetime(
        2027, 10, 31, 8, 30
    )


def test_training_ics_uses_the_same_timezone(member_client):
    training = TrainingFactory()
    text = member_client.get(reverse("trainings:ics", args=[training.pk])).content.decode()
    assert "RRULE:" in text and "RDATE" not in text
    assert text.count("BEGIN:VTIMEZONE") == 1
