"""The accessibility statement (RGAA): public like the legal page, linked from every page's footer,
with the conformity state, what was checked, the known gaps, a contact and the remedy."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anyone_reads_the_statement_without_logging_in(settings):
    settings.ASSOCIATION_EMAIL = "accessibilite@musees-occitanie.example"
    response = Client().get(reverse("community:accessibility"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Déclaration d'accessibilité" in page
    assert "<strong>partiellement conforme</strong>" in page
    assert "RGAA" in page
    assert "axe-core" in page
    assert "au clavier" in page
    assert "attestations de présence en PDF ne sont pas balisées" in page
    assert 'href="mailto:accessibilite@musees-occitanie.example"' in page
    assert "Défenseur des droits" in page
    assert "Libre réponse 71120, 75342 Paris CEDEX 07" in page


@pytest.mark.parametrize("role", ["applicant", "member", "staff", "suspended", "expired"])
def test_every_role_reads_it(role, client_for_role):
    client, _user = client_for_role(role)
    assert client.get(reverse("community:accessibility")).status_code == 200


def test_the_statement_in_english():
    client = Client()
    client.cookies["django_language"] = "en"
    page = client.get(reverse("community:accessibility")).content.decode()
    assert "Accessibility statement" in page
    assert "<strong>partially compliant</strong>" in page


def test_every_page_links_to_it_from_its_footer(member_client):
    link = f'href="{reverse("community:accessibility")}">Accessibilité : partiellement conforme<'
    for client, url in (
        (Client(), reverse("account_login")),
        (Client(), reverse("community:legal")),
        (member_client, reverse("community:home")),
        (member_client, reverse("trainings:list")),
    ):
        assert link in client.get(url).content.decode(), url
