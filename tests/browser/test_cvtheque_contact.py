"""A candidate publishes a CV, a recruiter finds it and writes to them, and the candidate's bell
changes live, without a reload; the candidate's address never reaches the recruiter."""

import pytest
from playwright.sync_api import expect

from cvtheque.models import CandidateProfile, ContactRequest
from notifications.models import Notification
from tests.browser.conftest import assert_accessible
from tests.cvtheque.conftest import PDF_BYTES, make_recruiter

pytestmark = pytest.mark.browser


def test_candidate_is_contacted_and_sees_it_live(new_page, member):
    recruiter = make_recruiter()

    # The candidate publishes a CV with a PDF.
    candidate = new_page(member)
    candidate.goto("/cvtheque/mon-cv/")
    candidate.get_by_label("Titre du profil").fill("Régisseuse des collections en Occitanie")
    candidate.get_by_label("Régie").check()
    candidate.get_by_label("Haute-Garonne (31)").check()
    candidate.get_by_label("Compétences").fill("récolement, constat d'état")
    candidate.get_by_label("CV (PDF)").set_input_files(
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    candidate.get_by_label("J'accepte que l'association").check()
    candidate.get_by_role("button", name="Publier mon CV").click()
    expect(candidate.locator(".messages")).to_contain_text("Votre CV est enregistré.")
    profile = CandidateProfile.objects.get(user=member)
    assert profile.cv_file and profile.visibility == "recruiters"
    assert_accessible(candidate)

    # The candidate stays on the page, connected.
    expect(candidate.locator("#notification-bell")).to_have_attribute("data-live", "open")
    badge = candidate.locator("#notification-count")
    expect(badge).to_have_text("0")

    # The recruiter finds the CV and writes.
    page = new_page(recruiter)
    page.goto("/cvtheque/cv/recherche/")
    page.get_by_label("Mots-clés").fill("récolement")
    page.get_by_label("Département").select_option("31")
    page.get_by_role("main").get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="Régisseuse des collections en Occitanie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Régisseuse des collections en Occitanie"
    )
    assert_accessible(page)
    page.get_by_label("Votre message").fill("Un poste de régisseur s'ouvre au musée.")
    page.get_by_role("button", name="Envoyer le message").click()
    expect(page.locator(".messages")).to_contain_text("Votre message a été transmis")
    assert member.email not in page.content()

    # The candidate's bell changes without a reload, with a toast naming the recruiter.
    expect(badge).to_have_text("1")
    expect(candidate.locator("#toasts .toast")).to_contain_text(recruiter.get_full_name())
    assert candidate.evaluate("performance.getEntriesByType('navigation').length") == 1
    contact = ContactRequest.objects.get()
    assert Notification.objects.get(recipient=member, kind="cv_contact").target_id == str(
        contact.pk
    )
