"""The calendar: upcoming and past lists, the month grid, filters, and a constant query count."""

import datetime
import zoneinfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import StructureFactory, TrainingFactory
from trainings import services
from trainings.models import Registration, Training

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def test_upcoming_and_past_lists(member_client):
    TrainingFactory(title="Bientôt")
    past_start = timezone.now() - datetime.timedelta(days=30)
    TrainingFactory(
        title="Il y a un mois",
        starts_at=past_start,
        ends_at=past_start + datetime.timedelta(hours=3),
        registration_closes_at=past_start,
        registration_opens_at=past_start - datetime.timedelta(days=10),
    )
    upcoming = member_client.get(reverse("trainings:list")).content.decode()
    assert "Bientôt" in upcoming and "Il y a un mois" not in upcoming
    past = member_client.get(reverse("trainings:list") + "?quand=passees").content.decode()
    assert "Il y a un mois" in past and "Bientôt" not in past


def test_filters_by_kind_and_departement(member_client):
    toulouse = StructureFactory(departement="31", city="Toulouse")
    albi = StructureFactory(departement="81", city="Albi")
    TrainingFactory(title="Webinaire numérique", kind="webinaire", organiser=toulouse)
    TrainingFactory(title="Visite des réserves", kind="visite", organiser=albi)
    url = reverse("trainings:list")
    page = member_client.get(url, {"kind": "webinaire"}).content.decode()
    assert "Webinaire numérique" in page and "Visite des réserves" not in page
    page = member_client.get(url, {"departement": "81"}).content.decode()
    assert "Visite des réserves" in page and "Webinaire numérique" not in page
    page = member_client.get(url, {"departement": "81", "kind": "webinaire"}).content.decode()
    assert "Aucune formation ne correspond" in page


def test_list_shows_seats_left_and_my_status(member_client, member):
    training = TrainingFactory(title="Régie des œuvres", capacity=3)
    services.register(member=member, training=training)
    page = member_client.get(reverse("trainings:list")).content.decode()
    assert "2 places restantes" in page
    assert "Vous êtes inscrit·e" in page


def test_month_view_places_trainings_on_their_days(member_client, member):
    two_days = TrainingFactory(
        title="Deux jours à Nîmes",
        starts_at=datetime.datetime(2027, 3, 10, 9, 0, tzinfo=PARIS),
        ends_at=datetime.datetime(2027, 3, 11, 17, 0, tzinfo=PARIS),
    )
    TrainingFactory(
        title="En avril",
        starts_at=datetime.datetime(2027, 4, 20, 9, 0, tzinfo=PARIS),
        ends_at=datetime.datetime(2027, 4, 20, 17, 0, tzinfo=PARIS),
    )
    services.register(member=member, training=two_days)
    response = member_client.get(reverse("trainings:month_of", args=[2027, 3]))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Deux jours à Nîmes") == 2  # one entry on each day
    assert "En avril" not in page
    assert "(inscrit·e)" in page
    assert '<h2 id="month-title">Mars 2027</h2>' in page


def test_month_view_rejects_impossible_months(member_client):
    assert member_client.get(reverse("trainings:month_of", args=[2027, 13])).status_code == 404


def _queries(client, url, shows: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    assert shows in response.content.decode(), url  # the page lists the trainings it counts
    return len(ctx.captured_queries)


def _next_month() -> datetime.datetime:
    """09:00 on the first day of next month in Paris: every training below falls in that month,
    whatever the day and hour the suite runs."""
    first = (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return datetime.datetime.combine(first, datetime.time(9), tzinfo=PARIS)


def _make_trainings(count: int, member) -> None:
    organiser = StructureFactory()
    place = StructureFactory(departement="34", city="Sète")
    now = timezone.now()
    start = _next_month()
    trainings = Training.objects.bulk_create(
        [
            Training(
                title=f"Formation {i}",
                kind="formation",
                organiser=organiser,
                place_structure=place,
                departement="34",
                starts_at=start + datetime.timedelta(days=1 + i % 20),
                ends_at=start + datetime.timedelta(days=1 + i % 20, hours=6),
                capacity=10,
                registration_opens_at=now - datetime.timedelta(days=1),
                registration_closes_at=now + datetime.timedelta(days=1),
                status="published",
            )
            for i in range(count)
        ]
    )
    Registration.objects.bulk_create(
        [Registration(training=t, member=member, status="confirmed") for t in trainings[::3]]
    )


def test_calendar_query_count_is_constant_from_10_to_300_trainings(member_client, member):
    _make_trainings(10, member)
    list_url = reverse("trainings:list")
    month = _next_month()
    month_url = reverse("trainings:month_of", args=[month.year, month.month])
    few = (
        _queries(member_client, list_url, "Formation 0"),
        _queries(member_client, month_url, "Formation 9"),
    )
    _make_trainings(290, member)
    assert Training.objects.count() == 300
    many = (
        _queries(member_client, list_url, "Formation 0"),
        _queries(member_client, month_url, "Formation 289"),
    )
    assert many == few


def test_training_page_speaks_english_when_asked(member_client):
    training = TrainingFactory(capacity=3)
    page = member_client.get(training.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "Your registration" in text
    assert "3 seats left" in text
