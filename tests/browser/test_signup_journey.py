"""A newcomer reads what the space is, signs up and applies in one form (picking the museum by
its town), verifies the email; staff approve; the member logs in.

Every page of the journey is also checked with axe-core (serious or critical issues fail).
"""

import io
import re

import pytest
import requests
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from community.models import Membership
from tests import factories
from tests.browser.conftest import assert_accessible, wait_until

pytestmark = pytest.mark.browser

EMAIL = "nouvelle.recrue@musee-test.fr"
PASSWORD = "un-mot-de-passe-solide-42"


def _portrait() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), (90, 60, 40)).save(buffer, "PNG")
    return buffer.getvalue()


PORTRAIT = _portrait()


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.usefixtures("seeded_forums")
@pytest.mark.parametrize("width", [1366, 390])
def test_signup_apply_approve_and_log_in(new_page, staff, width):
    structure = factories.StructureFactory(name="Musée Fabre", city="Montpellier", departement="34")
    new_page = sized(new_page, width)

    # 1. The login page says what the space is; sign up and apply in one form.
    page = new_page()
    page.goto("/comptes/login/")
    assert_accessible(page)
    page.get_by_role("link", name="Demander l'adhésion").click()
    expect(page).to_have_url(re.compile(r"/comptes/signup/$"))
    assert_accessible(page)
    page.fill("#id_email", EMAIL)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.fill("#id_first_name", "Élise")
    page.fill("#id_last_name", "Gardel")
    page.fill("#id_job_title", "Chargée des publics")
    page.select_option("#id_profession", "mediation")
    # Forgetting the museum: the summary at the top takes the focus, what was typed stays.
    page.get_by_role("button", name="Créer mon compte et demander l'adhésion").click()
    expect(page.locator(".error-summary")).to_be_focused()
    expect(page.locator("#id_job_title")).to_have_value("Chargée des publics")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Votre structure")).click()
    expect(page.locator("#id_structure")).to_be_focused()
    # The museum is found by its town among the suggestions offered with the field.
    suggestion = page.locator('#structure-options option[value*="Montpellier"]')
    expect(suggestion).to_have_count(1)
    label = suggestion.get_attribute("value")
    assert label.startswith("Musée Fabre")
    page.fill("#id_structure", label)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.fill("#id_application_note", "Je rejoins le service des publics.")
    page.get_by_role("button", name="Créer mon compte et demander l'adhésion").click()
    expect(page).to_have_url(re.compile(r"/comptes/confirm-email/$"))
    assert_accessible(page)

    # 2. Verify the address with the link from the mailbox (the server runs in this process).
    assert wait_until(lambda: any(EMAIL in m.to for m in mail.outbox))
    body = next(m.body for m in mail.outbox if EMAIL in m.to)
    link = re.search(r"https?://\S+/comptes/confirm-email/\S+", body).group(0)
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer").click()

    # 3. Once verified, the newcomer sees the application waiting for the association.
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
    membership = Membership.objects.get(user__email=EMAIL)
    assert (membership.status, membership.structure) == (Membership.Status.ACTIVE, structure)

    # 5. The member logs in and reaches the home page.
    member = new_page()
    member.goto("/comptes/login/")
    assert_accessible(member)
    member.fill("#id_login", EMAIL)
    member.fill("#id_password", PASSWORD)
    member.get_by_role("button", name="Se connecter").click()
    # The login page's own address ends with "/" too: wait for the site's root itself.
    expect(member).to_have_url(re.compile(r"^http://[^/]+/$"))
    expect(member.get_by_role("heading", level=1)).to_have_text("Bonjour Élise")
    expect(member.get_by_text("Votre adhésion est valable jusqu")).to_be_visible()
    assert_accessible(member)
    assert no_sideways_scroll(member)

    # 6. The first steps, from the home page, until the checklist goes away.
    steps = member.get_by_role("region", name="Premiers pas")
    expect(steps).to_be_visible()
    steps.get_by_role("link", name="Ajouter ma photo à mon profil").click()
    member.set_input_files(
        "#id_photo-photo", {"name": "moi.png", "mimeType": "image/png", "buffer": PORTRAIT}
    )
    member.get_by_role("button", name="Enregistrer la photo").click()
    expect(member.locator(".messages")).to_contain_text("Votre photo est enregistrée.")
    assert_accessible(member)
    member.goto("/")
    steps.get_by_role("link", name="Suivre le forum de mon métier").click()
    member.get_by_role("link", name=re.compile("Médiation et publics")).first.click()
    member.get_by_role("button", name=re.compile("Suivre ce forum")).click()
    member.goto("/")
    steps.get_by_role("link", name="Abonner mon agenda à mes formations").click()
    feed = member.locator("#feed-url").input_value()
    # A calendar application reads the feed (no session: the token is the key).
    assert requests.get(feed, timeout=10).status_code == 200
    member.goto("/")
    expect(member.get_by_role("heading", level=1)).to_have_text("Bonjour Élise")
    expect(member.get_by_role("region", name="Premiers pas")).to_have_count(0)
    assert no_sideways_scroll(member)


def sized(new_page, width):
    def make(user=None):
        page = new_page(user)
        page.set_viewport_size({"width": width, "height": 900})
        return page

    return make
