"""A member finds their certificates, downloads one and all; someone without an account types the
code printed on it and reads that it is genuine (and a wrong code gets a calm page)."""

import datetime
import os
import zipfile

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import assert_accessible
from tests.factories import TrainingFactory
from trainings import certificate
from trainings.models import PARIS, Registration

pytestmark = pytest.mark.browser
SHOTS = "/tmp/h17shots"


def _shots(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def test_member_downloads_and_an_employer_checks_the_certificate(new_page, member):
    member.first_name, member.last_name = "Camille", "Durand"
    member.save()
    start = datetime.datetime(2026, 3, 10, 9, 0, tzinfo=PARIS)
    training = TrainingFactory(
        title="Inventaire et récolement",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=7),
        registration_opens_at=start - datetime.timedelta(days=30),
        registration_closes_at=start - datetime.timedelta(days=1),
        objectives="Conduire un récolement décennal.",
    )
    Registration.objects.create(
        training=training, member=member, status="confirmed", attendance="present"
    )

    page = new_page(member)
    page.goto("/formations/mes-inscriptions/")
    page.get_by_role("link", name="Mes attestations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes attestations")
    expect(page.locator(".certificates")).to_contain_text("Inventaire et récolement")
    code = Registration.objects.get(member=member).certificate_code
    expect(page.locator(".certificates code")).to_have_text(certificate.display_code(code))
    assert_accessible(page)
    _shots(page, "my-certificates")

    with page.expect_download() as download:
        page.get_by_role(
            "link", name="Télécharger l'attestation (PDF) : Inventaire et récolement"
        ).click()
    pdf = PdfReader(download.value.path())
    assert certificate.display_code(code) in pdf.pages[0].extract_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger l'attestation (ZIP)").click()
    with zipfile.ZipFile(download.value.path()) as archive:
        assert len(archive.namelist()) == 1

    # Someone with no account types the code as printed, in lower case.
    visitor = new_page()
    visitor.goto("/formations/attestations/verifier/")
    assert_accessible(visitor)
    _shots(visitor, "certificate-verify")
    visitor.get_by_label("Code de vérification").fill("abcd-efgh-zzzz")
    visitor.get_by_role("button", name="Vérifier").click()
    expect(visitor.get_by_role("alert")).to_contain_text("Aucune attestation ne correspond")
    expect(visitor.get_by_label("Code de vérification")).to_have_value("abcd-efgh-zzzz")
    assert_accessible(visitor)
    _shots(visitor, "certificate-unknown")
    visitor.get_by_label("Code de vérification").fill(certificate.display_code(code).lower())
    visitor.get_by_label("Code de vérification").press("Enter")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "Attestation de présence authentique"
    )
    facts = visitor.locator(".certificate-facts")
    expect(facts).to_contain_text("Camille Durand")
    expect(facts).to_contain_text("7 heures")
    expect(facts).not_to_contain_text(member.email)
    assert_accessible(visitor)
    _shots(visitor, "certificate-valid")
