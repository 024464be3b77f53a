"""The network's calendar: a museum's designated contact proposes a professional day hosted by
their museum; staff review and publish it (or say why not); the contact sees and exports its
registrants; the calendar filters by organiser and département."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from tests import factories
from trainings.models import Registration, Training

pytestmark = pytest.mark.django_db


def local(days: int, hour: int) -> str:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def museum():
    return factories.StructureFactory(name="Musée Fenaille", city="Rodez", departement="12")


@pytest.fixture
def contact(museum):
    person = factories.make_member(structure=museum)
    museum.contacts.add(person)
    return person


def logged_in(client, user):
    client.force_login(user)
    return client


def proposal(museum, **overrides):
    data = {
        "host": museum.pk,
        "kind": "journee",
        "title": "Visite des réserves du musée Fenaille",
        "description": "Présentation du chantier des collections.",
        "starts_at": local(30, 9),
        "ends_at": local(30, 17),
        "capacity": "15",
        "waiting_list": "on",
        "registration_closes_at": local(28, 18),
    }
    data.update(overrides)
    return data


def test_a_contact_proposes_a_day_staff_are_told_and_members_do_not_see_it_yet(
    client, contact, museum, staff, member_client
):
    response = logged_in(client, contact).post(reverse("trainings:propose"), proposal(museum))
    assert response.status_code == 302
    day = Training.objects.get()
    assert (day.status, day.organiser, day.place_structure, day.proposed_by) == (
        Training.Status.PROPOSED,
        museum,
        museum,
        contact,
    )
    assert day.departement == "12"
    assert Notification.objects.filter(recipient=staff, kind="training_proposed").exists()
    assert day.title not in member_client.get(reverse("trainings:list")).content.decode()
    assert member_client.get(day.get_absolute_url()).status_code == 404


def test_staff_publish_a_proposal_like_a_training(client, contact, museum, staff_client):
    logged_in(client, contact).post(reverse("trainings:propose"), proposal(museum))
    day = Training.objects.get()
    assert staff_client.post(reverse("trainings:staff_publish", args=[day.pk])).status_code == 302
    day.refresh_from_db()
    assert day.status == Training.Status.PUBLISHED
    member = factories.make_member()
    register = logged_in(client, member).post(reverse("trainings:register", args=[day.pk]))
    assert register.status_code == 302
    assert Registration.objects.get(training=day).status == Registration.Status.CONFIRMED


def test_staff_decline_a_proposal_with_a_reason(client, contact, museum, staff_client):
    logged_in(client, contact).post(reverse("trainings:propose"), proposal(museum))
    day = Training.objects.get()
    url = reverse("trainings:staff_decline", args=[day.pk])
    staff_client.post(url, {"reason": ""})
    assert Training.objects.filter(pk=day.pk).exists()
    staff_client.post(url, {"reason": "Une journée sur ce thème a lieu le même mois."})
    assert not Training.objects.exists()
    told = Notification.objects.get(recipient=contact, kind="training_proposal_declined")
    assert "même mois" in told.title


def test_a_member_who_is_not_a_contact_cannot_propose(member_client, museum):
    assert member_client.get(reverse("trainings:propose")).status_code == 403
    response = member_client.post(reverse("trainings:propose"), proposal(museum))
    assert response.status_code == 403
    assert not Training.objects.exists()


def test_a_contact_cannot_propose_for_another_museum(client, contact):
    other = factories.StructureFactory()
    response = logged_in(client, contact).post(reverse("trainings:propose"), proposal(other))
    assert response.status_code == 400
    assert not Training.objects.exists()


def test_bad_dates_are_refused_and_what_was_typed_stays(client, contact, museum):
    response = logged_in(client, contact).post(
        reverse("trainings:propose"), proposal(museum, ends_at=local(29, 9))
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert "La fin doit suivre le début." in page
    assert 'value="Visite des réserves du musée Fenaille"' in page
    assert not Training.objects.exists()


def test_the_contact_sees_and_exports_the_registrants_of_their_museums_days(
    client, contact, museum
):
    day = factories.TrainingFactory(organiser=museum, title="Atelier régie")
    attendee = factories.make_member(job_title="Régisseuse")
    factories.RegistrationFactory(training=day, member=attendee, note="Végétarienne")
    logged_in(client, contact)
    listing = html.unescape(client.get(reverse("trainings:hosted")).content.decode())
    assert "Atelier régie" in listing
    detail = html.unescape(
        client.get(reverse("trainings:hosted_detail", args=[day.pk])).content.decode()
    )
    assert attendee.get_full_name() in detail and "Végétarienne" in detail
    export = client.get(reverse("trainings:hosted_export", args=[day.pk]))
    assert export["Content-Type"].startswith("text/csv")
    body = export.content.decode("utf-8-sig")
    assert attendee.email in body and "Régisseuse" in body


def test_other_museums_days_stay_closed(client, contact):
    elsewhere = factories.TrainingFactory(title="Journée ailleurs")
    logged_in(client, contact)
    assert "Journée ailleurs" not in client.get(reverse("trainings:hosted")).content.decode()
    for name in ("trainings:hosted_detail", "trainings:hosted_export"):
        assert client.get(reverse(name, args=[elsewhere.pk])).status_code == 404


def test_the_calendar_filters_by_organiser(member_client, museum):
    factories.TrainingFactory(organiser=museum, title="Journée à Rodez")
    factories.TrainingFactory(title="Stage ailleurs")
    page = member_client.get(reverse("trainings:list"), {"organiser": museum.pk})
    text = html.unescape(page.content.decode())
    assert "Journée à Rodez" in text and "Stage ailleurs" not in text
