"""A refused action on trainings reaches the person with its message and status; a refused
registration keeps the note typed."""

import html

import pytest
from django.urls import reverse

from community.errors import CimaiseError, NotAllowed
from tests import factories
from trainings import errors
from trainings.models import Registration

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_trainings_errors_are_application_errors():
    assert issubclass(errors.TrainingError, CimaiseError)
    assert issubclass(errors.RegistrationRefused, errors.TrainingError)
    assert errors.NotAllowed is NotAllowed


def test_cancelling_someone_elses_registration_is_403_with_the_message(member_client):
    registration = factories.RegistrationFactory()
    response = member_client.post(reverse("trainings:cancel_registration", args=[registration.pk]))
    assert response.status_code == 403
    assert "Vous ne pouvez pas annuler l'inscription d'une autre personne." in _text(response)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_cancelling_twice_is_400_with_the_message(member, member_client):
    registration = factories.RegistrationFactory(member=member, status="cancelled")
    response = member_client.post(reverse("trainings:cancel_registration", args=[registration.pk]))
    assert response.status_code == 400
    assert "Cette inscription est déjà annulée." in _text(response)


def test_cancelling_as_json_gets_json(member_client):
    registration = factories.RegistrationFactory()
    response = member_client.post(
        reverse("trainings:cancel_registration", args=[registration.pk]),
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 403
    assert response.json() == {
        "error": "Vous ne pouvez pas annuler l'inscription d'une autre personne."
    }


def test_a_certificate_for_an_absent_person_is_refused(member, member_client):
    registration = factories.RegistrationFactory(member=member, attendance="absent")
    response = member_client.get(reverse("trainings:certificate", args=[registration.training_id]))
    assert response.status_code == 403
    assert "L'attestation est réservée aux personnes présentes" in _text(response)


def test_a_refused_registration_keeps_the_note_typed(member, member_client):
    training = factories.TrainingFactory(capacity=1, waiting_list=False)
    factories.RegistrationFactory(training=training)
    response = member_client.post(
        reverse("trainings:register", args=[training.pk]), {"note": "Fauteuil roulant"}
    )
    assert response.status_code == 400
    text = _text(response)
    assert "Cette formation est complète." in text
    assert response.context["form"]["note"].value() == "Fauteuil roulant"
    assert not Registration.objects.filter(member=member).exists()
