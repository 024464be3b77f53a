"""Registrations that must be refused, with a message, leaving nothing changed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import TrainingFactory
from trainings import services
from trainings.models import Registration


def _post_register(client, training):
    return client.post(reverse("trainings:register", args=[training.pk]), {"note": ""})


def test_registering_twice_is_refused(member_client, member):
    training = TrainingFactory()
    assert _post_register(member_client, training).status_code == 302
    response = _post_register(member_client, training)
    assert response.status_code == 400
    assert "déjà inscrit" in response.content.decode()
    assert Registration.objects.filter(member=member).count() == 1


@pytest.mark.usefixtures("member")
def test_registering_after_closing_is_refused(member_client):
    training = TrainingFactory(registration_closes_at=timezone.now() - datetime.timedelta(hours=1))
    response = _post_register(member_client, training)
    assert response.status_code == 400
    assert "Les inscriptions sont closes" in response.content.decode()
    assert not Registration.objects.exists()


def test_registering_before_opening_is_refused(member_client):
    training = TrainingFactory(registration_opens_at=timezone.now() + datetime.timedelta(days=1))
    response = _post_register(member_client, training)
    assert response.status_code == 400
    assert "pas encore ouvertes" in response.content.decode()
    assert not Registration.objects.exists()


def test_registering_to_a_draft_is_a_404_for_members(member_client, member):
    training = TrainingFactory(status="draft")
    assert _post_register(member_client, training).status_code == 404
    assert not Registration.objects.exists()
    # The service refuses too, whoever calls it.
    with pytest.raises(services.RegistrationRefused, match="pas publiée"):
        services.register(member=member, training=training)
    assert not Registration.objects.exists()


def test_registering_to_a_cancelled_training_is_refused(member_client):
    training = TrainingFactory(status="cancelled")
    response = _post_register(member_client, training)
    assert response.status_code == 400
    assert "annulée" in response.content.decode()
    assert not Registration.objects.exists()


def test_cancelling_someone_elses_registration_is_forbidden(member_client, other_member):
    training = TrainingFactory()
    registration = services.register(member=other_member, training=training)
    response = member_client.post(reverse("trainings:cancel_registration", args=[registration.pk]))
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_register_rejects_get(member_client):
    training = TrainingFactory()
    assert member_client.get(reverse("trainings:register", args=[training.pk])).status_code == 405
    assert not Registration.objects.exists()


def test_member_in_grace_cannot_register(in_grace_client):
    training = TrainingFactory()
    assert _post_register(in_grace_client, training).status_code == 403
    assert not Registration.objects.exists()
