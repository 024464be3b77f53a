"""A newcomer signs up, verifies the email, applies; staff approve; the member logs in.

Every page of the journey is also checked with axe-core (serious or critical issues fail).
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from community.models import Membership
from tests import factories
from tests.browser.conftest import assert_accessible, wait_until

pytestmark = pytest.mark.browser

EMAIL = "nouvelle.recrue@musee-test.fr"
PASSWORD = "un-mot-de-passe-solide-42"


def test_signup_apply_approve_and_log_in(new_page, staff):
    structure = factories.StructureFactory(name="Musée Fabre", city="Montpellier", departement="34")

    # 1. Sign up.
    page = new_page()
    page.goto("/comptes/signup/")
    assert_accessible(page)
    page.fill("#id_email", EMAIL)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.fill("#id_first_name", "Élise")
    page.fill("#id_last_name", "Gardel")
    page.get_by_role("button", name="Création de compte").click()
    expect(page).to_have_url(re.compile(r"/comptes/confirm-email/$"))
    assert_accessible(page)

    # 2. Verify the address with the link from the mailbox (the server runs in this process).
    assert wait_until(lambda: any(EMAIL in m.to for m in mail.outbox))
    body = next(m.body for m in mail.outbox if EMAIL in m.to)
    link = re.search(r"https?://\S+/comptes/confirm-email/\S+", body).group(0)
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer").click()

    # 3. Apply: once verified, the newcomer lands on the application form.
    expect(page).to_have_url(re.compile(r"/adhesion/candidature/$"))
    assert_accessible(page)
    page.select_option("#id_structure", str(structure.pk))
    page.fill("#id_job_title", "Chargée des publics")
    page.select_option("#id_profession", "mediation")
    page.fill("#id_application_note", "Je rejoins le service des publics.")
    page.get_by_role("button", name="Envoyer ma candidature").click()
    expect(page).to_have_url(re.compile(r"/adhesion/en-attente/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Candidature en attente")
    assert_accessible(page)

    # 4. Staff approve in the dashboard.
    desk = new_page(staff)
    desk.goto("/adhesions/")
    assert_accessible(desk)
    desk.get_by_role("link", name="Élise Gardel").click()
    expect(desk).to_have_url(re.compile(r"/adhesions/\d+/$"))
    assert_accessible(desk)
    # The button posts and comes back to the same address: wait for the message, not the URL.
    desk.get_by_role("button", name="Accepter la candidature").click()
    expect(desk.locator(".messages")).to_contain_text("Adhésion acceptée")
    assert Membership.objects.get(user__email=EMAIL).status == Membership.Status.ACTIVE

    # 5. The member logs in and reaches the home page.
    member = new_page()
    member.goto("/comptes/login/")
    assert_accessible(member)
    member.fill("#id_login", EMAIL)
    member.fill("#id_password", PASSWORD)
    member.get_by_role("button", name="Connexion").click()
    # The login page's own address ends with "/" too: wait for the site's root itself.
    expect(member).to_have_url(re.compile(r"^http://[^/]+/$"))
    expect(member.get_by_role("heading", level=1)).to_have_text("Bonjour Élise")
    expect(member.get_by_text("Votre adhésion est valable jusqu")).to_be_visible()
    assert_accessible(member)
