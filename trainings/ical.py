"""iCalendar documents for trainings: one event per training, times in Europe/Paris with VTIMEZONE."""

import datetime
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils import timezone

from trainings.models import PARIS, Training


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
    base_url = settings.SITE_URL.rstrip("/")
    for training in trainings:
        cal.add_component(_event(training, base_url=base_url))
    cal.add_missing_timezones()
    return cal.to_ical()
