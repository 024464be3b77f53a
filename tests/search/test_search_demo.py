"""The demo's story: a member types "humidite reserve" in the header and finds the topic with
its accepted answer and the document about it, and only what they may open."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from community.models import User
from tests.search.conftest import search

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("email", ["membre1@cimaise.test", "recruteur@cimaise.test"])
def test_humidite_reserve_on_the_demo_data(email):
    call_command("seed_demo", stdout=StringIO())
    client = Client()
    client.force_login(User.objects.get(email=email))
    response = search(client, "humidite reserve")
    assert response.status_code == 200
    sections = {s["area"].key: s["found"] for s in response.context["sections"]}
    [topic] = sections["forum"].hits
    assert topic.title == "Quel taux d'humidité viser dans une réserve de textiles ?"
    assert topic.badge == "Réponse retenue"
    titles = [hit.title for hit in sections["documents"].hits]
    assert "Compte rendu — journée régie des œuvres" in titles
    # Everything listed opens for this reader.
    for found in sections.values():
        for hit in found.hits:
            assert client.get(hit.url).status_code == 200, hit.url
