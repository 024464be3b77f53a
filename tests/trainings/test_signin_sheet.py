"""The sign-in sheet staff print: its "Print" button works under the production CSP."""

import re

from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import TrainingFactory


def test_the_sheet_prints_through_a_module_not_an_inline_handler(staff_client):
    training = TrainingFactory()
    response = staff_client.get(reverse("trainings:staff_signin_sheet", args=[training.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert not re.search(r"\son[a-z]+\s*=", page)
    assert '<script type="module" src="/static/trainings/signin_sheet.js"></script>' in page
    assert re.search(r"<button [^>]*data-print[^>]*>Imprimer</button>", page)


def test_the_print_module_is_served_and_wires_the_button():
    path = finders.find("trainings/signin_sheet.js")
    assert path is not None
    source = open(path, encoding="utf-8").read()
    assert "[data-print]" in source
    assert "window.print()" in source


def test_members_do_not_get_the_sheet(member_client):
    training = TrainingFactory()
    response = member_client.get(reverse("trainings:staff_signin_sheet", args=[training.pk]))
    assert response.status_code == 403
