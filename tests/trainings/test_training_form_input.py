"""Staff type a training's dates and title: a year out of range or hidden characters never reach
the database (a training dated year 1 used to break the staff list for good on PostgreSQL)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import StructureFactory, TrainingFactory
from tests.trainings.test_lifecycle import _form
from trainings.models import PARIS, Registration, Training


@pytest.mark.parametrize(
    "field", ["starts_at", "ends_at", "registration_opens_at", "registration_closes_at"]
)
@pytest.mark.parametrize("typed", ["0001-01-01T00:00", "1999-12-31T23:59", "9999-12-31T23:59"])
def test_a_date_outside_2000_to_2100_is_refused(staff_client, field, typed):
    data = _form(StructureFactory(), **{field: typed})
    response = staff_client.post(reverse("trainings:staff_create"), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Indiquez une date entre 2000 et 2100." in page
    assert f'value="{typed}"' in page  # what was typed is still there
    assert not Training.objects.exists()
    assert staff_client.get(reverse("trainings:staff_list")).status_code == 200


def test_the_first_and_last_allowed_years_are_accepted(staff_client):
    data = _form(
        StructureFactory(),
        registration_opens_at="2000-01-01T00:00",
        registration_closes_at="2000-01-02T00:00",
        starts_at="2100-12-31T09:00",
        ends_at="2100-12-31T17:00",
    )
    response = staff_client.post(reverse("trainings:staff_create"), data)
    assert response.status_code == 302
    training = Training.objects.get()
    assert training.starts_at == datetime.datetime(2100, 12, 31, 9, 0, tzinfo=PARIS)


def test_editing_a_training_into_year_one_leaves_it_untouched(staff_client):
    training = TrainingFactory(status="draft")
    before = training.starts_at
    data = _form(training.organiser, starts_at="0001-01-01T12:00", ends_at="0001-01-01T17:00")
    response = staff_client.post(reverse("trainings:staff_edit", args=[training.pk]), data)
    assert response.status_code == 400
    training.refresh_from_db()
    assert training.starts_at == before


def test_a_title_is_saved_without_bidi_controls(staff_client):
    data = _form(StructureFactory(), title="Conservation\u202e préventive\u200b")
    assert staff_client.post(reverse("trainings:staff_create"), data).status_code == 302
    assert Training.objects.get().title == "Conservation préventive"


def test_a_member_note_is_saved_without_invisible_characters(member_client, member):
    training = TrainingFactory()
    response = member_client.post(
        reverse("trainings:register", args=[training.pk]), {"note": "Fauteuil\u2066 roulant\u2069"}
    )
    assert response.status_code == 302
    assert Registration.objects.get(member=member).note == "Fauteuil roulant"


def test_a_certificate_id_past_the_database_range_is_not_found(member_client):
    member_client.raise_request_exception = False
    response = member_client.get("/formations/9223372036854775808/attestation.pdf")
    assert response.status_code == 404


def test_the_model_itself_refuses_a_training_in_year_one():
    """The admin and any other form go through Training.clean(), not only the staff's form."""
    start = datetime.datetime(2027, 3, 10, 9, 0, tzinfo=PARIS)
    training = Training(
        title="Récolement",
        starts_at=start.replace(year=1),
        ends_at=start,
        registration_opens_at=start,
        registration_closes_at=start,
    )
    with pytest.raises(ValidationError) as refused:
        training.clean()
    assert list(refused.value.message_dict) == ["starts_at"]
    assert "entre 2000 et 2100" in refused.value.message_dict["starts_at"][0]
