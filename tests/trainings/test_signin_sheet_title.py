"""The sign-in sheet names the kind of training once, even when the title already starts with it."""

from django.urls import reverse

from tests.factories import TrainingFactory


def _sheet(client, training, **headers) -> str:
    url = reverse("trainings:staff_signin_sheet", args=[training.pk])
    return client.get(url, **headers).content.decode()


def test_a_webinar_titled_webinaire_is_not_announced_twice(staff_client):
    training = TrainingFactory(kind="webinaire", title="Webinaire : le récolement décennal")
    page = _sheet(staff_client, training)
    assert "Webinaire : Webinaire" not in page
    assert "<strong>Webinaire : le récolement décennal</strong>" in page


def test_the_kind_still_precedes_a_title_that_does_not_say_it(staff_client):
    training = TrainingFactory(kind="formation", title="Conservation préventive")
    page = _sheet(staff_client, training)
    assert "Formation : <strong>Conservation préventive</strong>" in page


def test_in_english_the_french_kind_in_the_title_is_not_repeated(staff_client):
    training = TrainingFactory(kind="webinaire", title="Webinaire : le récolement décennal")
    page = _sheet(staff_client, training, HTTP_ACCEPT_LANGUAGE="en")
    assert "Webinar : <strong>" not in page
    assert "<strong>Webinaire : le récolement décennal</strong>" in page
