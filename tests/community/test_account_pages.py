"""allauth's pages render inside our layout, in French, with labelled fields and errors."""

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.core import mail
from django.urls import reverse

from community.models import User
from tests import factories

pytestmark = pytest.mark.django_db

LAYOUT_MARK = 'class="skip-link"'


@pytest.mark.parametrize(
    "url_name, french",
    [
        ("account_login", "Connexion"),
        ("account_signup", "Inscription"),
        ("account_reset_password", "Mot de passe"),
        ("account_reset_password_done", "Mot de passe"),
        ("account_email_verification_sent", "Vérifiez votre adresse e-mail"),
    ],
)
def test_public_account_pages_use_our_layout_in_french(anonymous_client, url_name, french):
    response = anonymous_client.get(reverse(url_name))
    assert response.status_code == 200
    html = response.content.decode()
    assert LAYOUT_MARK in html
    assert french.lower() in html.lower()
    assert "Menu:" not in html  # allauth's bare layout is gone


def test_login_form_has_labels_and_shows_errors(anonymous_client, member):
    html = anonymous_client.get(reverse("account_login")).content.decode()
    assert '<label for="id_login">' in html
    assert '<label for="id_password">' in html
    response = anonymous_client.post(
        reverse("account_login"), {"login": member.email, "password": "faux"}
    )
    assert response.status_code == 200
    assert "incorrect" in response.content.decode()
    assert "_auth_user_id" not in anonymous_client.session


def test_signup_asks_names_and_sends_a_verification_email(anonymous_client):
    structure = factories.StructureFactory(name="Musée Fabre", city="Montpellier", departement="34")
    html = anonymous_client.get(reverse("account_signup")).content.decode()
    assert '<label for="id_first_name">' in html and '<label for="id_last_name">' in html
    response = anonymous_client.post(
        reverse("account_signup"),
        {
            "email": "nouvelle@musee-test.fr",
            "password1": "un-mot-de-passe-solide-42",
            "password2": "un-mot-de-passe-solide-42",
            "first_name": "Élise",
            "last_name": "Gardel",
            "structure": "Musée Fabre — Montpellier, Hérault (34)",
            "job_title": "Chargée des publics",
            "profession": "mediation",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nouvelle@musee-test.fr")
    assert (user.first_name, user.last_name, user.handle) == ("Élise", "Gardel", "elise-gardel")
    # The application leaves with the account: staff see it before the address is confirmed.
    assert (user.membership.structure, user.membership.status) == (structure, "pending")
    assert len(mail.outbox) == 1
    assert "/comptes/confirm-email/" in mail.outbox[0].body


def test_signup_errors_are_shown_and_nothing_is_created(anonymous_client):
    response = anonymous_client.post(
        reverse("account_signup"),
        {"email": "pas-une-adresse", "password1": "a", "password2": "b", "first_name": ""},
    )
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert not User.objects.exists()


def test_confirm_email_page_renders_and_confirms(anonymous_client):
    user = factories.UserFactory()
    address = EmailAddress.objects.get(user=user)
    address.verified = False
    address.save()
    key = EmailConfirmationHMAC(address).key
    url = reverse("account_confirm_email", args=[key])
    response = anonymous_client.get(url)
    assert response.status_code == 200
    assert LAYOUT_MARK in response.content.decode()
    anonymous_client.post(url)
    address.refresh_from_db()
    assert address.verified


def test_password_reset_from_key_page_renders(anonymous_client, member):
    anonymous_client.post(reverse("account_reset_password"), {"email": member.email})
    assert len(mail.outbox) == 1
    link = next(w for w in mail.outbox[0].body.split() if "/comptes/password/reset/key/" in w)
    response = anonymous_client.get(link, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert LAYOUT_MARK in html
    assert 'id="id_password1"' in html


@pytest.mark.parametrize("url_name", ["account_email", "account_change_password", "account_logout"])
def test_account_management_pages_render_in_our_layout(member_client, url_name):
    response = member_client.get(reverse(url_name))
    assert response.status_code == 200
    assert LAYOUT_MARK in response.content.decode()
