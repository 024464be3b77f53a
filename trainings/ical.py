"""iCalendar documents for trainings: one event per training, times in Europe/Paris with VTIMEZONE."""

import datetime
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils import timezone

from trainings.models import PARIS, Training


def _paris_timezone() -> icalendar.Timezone:
    """Europe/Paris as the two yearly rules calendar clients expect (EU rules, in force since 1996).

    icalendar's ``add_missing_timezones`` lists every past transition as RDATEs up to 2037,
    which some clients misread; two RRULE components are what Outlook, Google and Apple emit.
    """
    tz = icalendar.Timezone()
    tz.add("tzid", "Europe/Paris")
    tz.add("x-lic-location", "Europe/Paris")
    # Summer time starts on the last Sunday of March at 02:00 local (01:00 UTC)...
    daylight = icalendar.TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("tzoffsetfrom", datetime.timedelta(hours=1))
    daylight.add("tzoffsetto", datetime.timedelta(hours=2))
    daylight.add("dtstart", datetime.datetime(1970, 3, 29, 2, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    # ...and ends on the last Sunday of October at 03:00 local (01:00 UTC).
    standard = icalendar.TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("tzoffsetfrom", datetime.timedelta(hours=2))
    standard.add("tzoffsetto", datetime.timedelta(hours=1))
    standard.add("dtstart", datetime.datetime(1970, 10, 25, 3, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    tz.add_component(daylight)
    tz.add_component(standard)
    return tz


def _event(training: Training, *, base_url: str) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"training-{training.pk}@cimaise")
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    event.add("dtstart", timezone.localtime(training.starts_at, PARIS))
    event.add("dtend", timezone.localtime(training.ends_at, PARIS))
    event.add("summary", training.title)
    description = training.description
    if training.online_url:
        description = f"{description}\n\n{training.online_url}".strip()
    if description:
        event.add("description", description)
    location = training.place_label() or training.online_url
    if location:
        event.add("location", location)
    event.add("url", f"{base_url}{training.get_absolute_url()}")
    event.add("status", "CANCELLED" if training.is_cancelled else "CONFIRMED")
    return event


def calendar_for(trainings: Iterable[Training], *, name: str = "") -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{settings.ASSOCIATION_NAME}//Cimaise//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Paris")
    cal.add_component(_paris_timezone())
    base_url = settings.SITE_URL.rstrip("/")
    for training in trainings:
        cal.add_component(_event(training, base_url=base_url))
    return cal.to_ical()
