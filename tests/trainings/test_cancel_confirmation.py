"""Cancelling a registration is asked twice: the button opens a confirmation page, whose form
cancels; nothing changes until the member confirms."""

import re

from django.urls import reverse

from tests.factories import TrainingFactory, make_member
from trainings import services
from trainings.models import Registration


def test_the_cancel_button_leads_to_a_question_not_to_the_cancellation(member_client, member):
    training = TrainingFactory(title="Régie des prêts")
    registration = services.register(member=member, training=training)
    url = reverse("trainings:cancel_registration", args=[registration.pk])

    page = member_client.get(training.get_absolute_url()).content.decode()
    assert re.search(rf'<a class="button secondary" href="{url}">Se désinscrire</a>', page)

    response = member_client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vous désinscrire ?" in page
    assert "Votre place pour « Régie des prêts » sera libérée" in page
    assert re.search(rf'<form method="post" action="{url}"', page)
    assert "Oui, me désinscrire" in page and "Non, garder ma place" in page
    assert not re.search(r"\son[a-z]+\s*=|<script(?![^>]*type=\"module\")", page)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_confirming_cancels_and_goes_back_to_the_training(member_client, member):
    training = TrainingFactory()
    registration = services.register(member=member, training=training)
    response = member_client.post(reverse("trainings:cancel_registration", args=[registration.pk]))
    assert response.status_code == 302 and response["Location"] == training.get_absolute_url()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    page = member_client.get(training.get_absolute_url()).content.decode()
    assert "L&#x27;inscription est annulée." in page or "L'inscription est annulée." in page


def test_a_waiting_member_is_asked_about_leaving_the_waiting_list(member_client, member):
    training = TrainingFactory(capacity=1)
    services.register(member=make_member(), training=training)
    registration = services.register(member=member, training=training)
    page = member_client.get(
        reverse("trainings:cancel_registration", args=[registration.pk])
    ).content.decode()
    assert "Quitter la liste d&#x27;attente ?" in page or "Quitter la liste d'attente ?" in page
    assert "Oui, quitter la liste d" in page


def test_someone_elses_confirmation_page_is_refused(member_client):
    registration = services.register(member=make_member(), training=TrainingFactory())
    response = member_client.get(reverse("trainings:cancel_registration", args=[registration.pk]))
    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_staff_confirm_before_removing_a_member(staff_client):
    someone = make_member(user__first_name="Aline", user__last_name="Roux")
    training = TrainingFactory()
    registration = services.register(member=someone, training=training)
    staff_page = staff_client.get(
        reverse("trainings:staff_detail", args=[training.pk])
    ).content.decode()
    url = reverse("trainings:cancel_registration", args=[registration.pk])
    assert f'<a href="{url}">Désinscrire</a>' in staff_page
    page = staff_client.get(url).content.decode()
    assert "Désinscrire Aline Roux ?" in page
    assert reverse("trainings:staff_detail", args=[training.pk]) in page
    response = staff_client.post(url)
    assert response["Location"] == reverse("trainings:staff_detail", args=[training.pk])
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_an_already_cancelled_registration_goes_back_to_the_training(member_client, member):
    training = TrainingFactory()
    registration = services.cancel_registration(
        registration=services.register(member=member, training=training), by=member
    )
    response = member_client.get(reverse("trainings:cancel_registration", args=[registration.pk]))
    assert response.status_code == 302 and response["Location"] == training.get_absolute_url()


def test_the_confirmation_page_in_english(member_client, member):
    registration = services.register(member=member, training=TrainingFactory())
    page = member_client.get(
        reverse("trainings:cancel_registration", args=[registration.pk]),
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert "Cancel your registration?" in page
    assert "Yes, cancel my registration" in page
