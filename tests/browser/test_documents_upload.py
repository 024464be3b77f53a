"""A member deposits a PDF with the progress bar; another member finds it by a word inside it
and downloads it (filesystem storage, the live ASGI server, real Chromium)."""

import io
import re

import pytest
from playwright.sync_api import expect

from documents.models import DocumentVersion
from tests import factories

WORD = "Zygophyllum"


def _pdf(path):
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, f"Compte rendu de la journee professionnelle : {WORD} en herbier.")
    page.showPage()
    page.save()
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.browser
def test_member_uploads_a_pdf_and_another_member_finds_and_downloads_it(
    new_page, member, other_member, tmp_path
):
    folder = factories.FolderFactory(name="Journées professionnelles")
    pdf = _pdf(tmp_path / "compte-rendu-journee.pdf")

    page = new_page(member)
    page.goto(f"/documents/dossiers/{folder.pk}/")
    page.get_by_role("link", name="Déposer un document").click()
    page.get_by_label("Titre").fill("Journée de Montpellier")
    page.get_by_label("Étiquettes").fill("herbier, journée")
    page.get_by_label("Fichier", exact=True).set_input_files(str(pdf))

    # No progress bar before the upload starts. Then the server holds the first step of the
    # upload until the test has seen the bar.
    expect(page.get_by_label("Envoi du fichier")).to_be_hidden()
    held = []
    page.route("**/documents/televersement/preparer/", lambda route: held.append(route))
    with page.expect_request("**/documents/televersement/preparer/"):
        page.get_by_role("button", name="Déposer").click()
    expect(page.get_by_label("Envoi du fichier")).to_be_visible()
    expect(page.locator(".upload-percent")).to_have_text("0 %")
    expect(page.get_by_role("button", name="Déposer")).to_be_disabled()
    assert len(held) == 1
    held[0].continue_()
    expect(page).to_have_url(re.compile(r"/documents/\d+/$"), timeout=15_000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Journée de Montpellier")
    version = DocumentVersion.objects.get()
    assert version.original_filename == "compte-rendu-journee.pdf"
    assert WORD.lower() in version.extracted_text.lower()

    reader = new_page(other_member)
    reader.goto("/documents/")
    reader.get_by_label("Rechercher dans la bibliothèque").fill(WORD.lower())
    reader.get_by_role("main").get_by_role("button", name="Rechercher").click()
    reader.get_by_role("link", name="Journée de Montpellier").click()
    with reader.expect_download() as info:
        reader.get_by_role("link", name="Télécharger compte-rendu-journee.pdf").click()
    download = info.value
    assert download.suggested_filename == "compte-rendu-journee.pdf"
    assert open(download.path(), "rb").read() == pdf.read_bytes()
    version.refresh_from_db()
    assert version.download_count == 1
