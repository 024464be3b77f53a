"""iCalendar: the .ics of a training and the member's personal feed, parsed back with icalendar."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import TrainingFactory
from trainings import services
from trainings.models import Registration

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _parse(response) -> icalendar.Calendar:
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_training_ics_keeps_paris_times_across_the_daylight_saving_change(member_client):
    # Summer time ends in Paris on 25 October 2026 at 03:00 (UTC+2 -> UTC+1).
    before = TrainingFactory(
        title="Avant le changement d'heure",
        starts_at=datetime.datetime(2026, 10, 24, 9, 30, tzinfo=PARIS),
        ends_at=datetime.datetime(2026, 10, 24, 17, 0, tzinfo=PARIS),
    )
    after = TrainingFactory(
        title="Après le changement d'heure",
        starts_at=datetime.datetime(2026, 10, 26, 9, 30, tzinfo=PARIS),
        ends_at=datetime.datetime(2026, 10, 26, 17, 0, tzinfo=PARIS),
    )
    seen = {}
    for training in (before, after):
        cal = _parse(member_client.get(reverse("trainings:ics", args=[training.pk])))
        assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Paris"]
        (event,) = cal.walk("VEVENT")
        assert event["SUMMARY"] == training.title
        assert event["DTSTART"].params["TZID"] == "Europe/Paris"
        seen[training.title] = event.decoded("DTSTART")
        assert event.decoded("DTEND").astimezone(PARIS).hour == 17
        assert event["URL"].endswith(training.get_absolute_url())
    start_before = seen["Avant le changement d'heure"]
    start_after = seen["Après le changement d'heure"]
    # Both at 09:30 wall-clock time in Paris, but at different UTC offsets.
    assert start_before.astimezone(PARIS).time() == datetime.time(9, 30)
    assert start_after.astimezone(PARIS).time() == datetime.time(9, 30)
    assert start_before.utcoffset() == datetime.timedelta(hours=2)
    assert start_after.utcoffset() == datetime.timedelta(hours=1)
    assert start_before.astimezone(datetime.UTC).hour == 7
    assert start_after.astimezone(datetime.UTC).hour == 8


def test_cancelled_training_ics_says_cancelled(member_client):
    training = TrainingFactory(status="cancelled")
    cal = _parse(member_client.get(reverse("trainings:ics", args=[training.pk])))
    assert cal.walk("VEVENT")[0]["STATUS"] == "CANCELLED"


def test_personal_feed_lists_my_registrations_without_a_session(member_client, member):
    mine = TrainingFactory(title="Ma formation")
    waiting = TrainingFactory(title="En attente", capacity=0)
    TrainingFactory(title="Pas pour moi")
    services.register(member=member, training=mine)
    services.register(member=member, training=waiting)
    cancelled = TrainingFactory(title="Désinscrite")
    services.cancel_registration(
        registration=services.register(member=member, training=cancelled), by=member
    )

    page = member_client.get(reverse("trainings:mine")).content.decode()
    feed = services.feed_for(member)
    assert feed.token in page

    response = Client().get(reverse("trainings:feed", args=[feed.token]))  # no session
    assert response.status_code == 200
    titles = sorted(str(e["SUMMARY"]) for e in _parse(response).walk("VEVENT"))
    assert titles == ["En attente", "Ma formation"]


def test_feed_token_rotation_kills_the_old_address(member_client, member):
    training = TrainingFactory()
    Registration.objects.create(training=training, member=member, status="confirmed")
    old = services.feed_for(member).token
    assert Client().get(reverse("trainings:feed", args=[old])).status_code == 200

    response = member_client.post(reverse("trainings:regenerate_feed"))
    assert response.status_code == 302
    new = services.feed_for(member).token
    assert new != old and len(new) >= 40
    assert Client().get(reverse("trainings:feed", args=[old])).status_code == 404
    assert Client().get(reverse("trainings:feed", args=[new])).status_code == 200


@pytest.mark.usefixtures("db")
def test_bad_feed_token_is_a_404():
    assert Client().get(reverse("trainings:feed", args=["devine"])).status_code == 404
    assert Client().get(reverse("trainings:feed", args=["" * 1 + "x" * 43])).status_code == 404


def test_feed_of_a_suspended_account_is_a_404(member):
    token = services.feed_for(member).token
    member.is_active = False
    member.save()
    assert Client().get(reverse("trainings:feed", args=[token])).status_code == 404
