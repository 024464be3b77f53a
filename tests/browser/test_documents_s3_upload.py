"""A member deposits a PDF straight into the S3 bucket (presigned POST from upload.js, moto in
server mode), then downloads it through a presigned URL (the live ASGI server, real Chromium)."""

import hashlib
import io
import re

import pytest
import requests
from django.core.management import call_command
from playwright.sync_api import expect

from community import files
from documents.models import DocumentVersion
from tests import factories

WORD = "Limonium"


def _pdf(path):
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, f"Inventaire du conservatoire botanique : {WORD} des salins.")
    page.showPage()
    page.save()
    path.write_bytes(buffer.getvalue())
    return path


def _allow_browser_uploads(s3_storage, origin, settings):
    """What the deploy recipe does at every start (deploy/cimaise.service): configure_bucket
    with SITE_URL, here the live server's origin."""
    settings.SITE_URL = origin
    out = io.StringIO()
    call_command("configure_bucket", stdout=out)
    assert "prêt" in out.getvalue()
    preflight = requests.options(
        f"{s3_storage.server.endpoint_url}/{s3_storage.name}",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        timeout=5,
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == origin


@pytest.mark.browser
def test_member_uploads_a_pdf_straight_to_s3_and_downloads_it_from_a_presigned_url(
    new_page, live_url, s3_storage, member, tmp_path, settings
):
    assert files.direct_uploads()  # the live server runs in this process: it uses the bucket too
    _allow_browser_uploads(s3_storage, live_url, settings)
    folder = factories.FolderFactory(name="Inventaires")  # members may add (the default)
    pdf = _pdf(tmp_path / "inventaire-salins.pdf")
    data = pdf.read_bytes()

    page = new_page(member)
    posts = []
    page.on(
        "request",
        lambda request: (
            posts.append((request.url, request.post_data_buffer))
            if request.method == "POST"
            else None
        ),
    )
    page.goto(f"/documents/dossiers/{folder.pk}/")
    page.get_by_role("link", name="Déposer un document").click()
    page.get_by_label("Titre").fill("Inventaire des salins")
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
    assert len(held) == 1
    held[0].continue_()
    expect(page).to_have_url(re.compile(r"/documents/\d+/$"), timeout=15_000)

    # The document and its first version are shown.
    expect(page.get_by_role("heading", level=1)).to_have_text("Inventaire des salins")
    expect(page.get_by_role("cell", name="v1 (actuelle)")).to_be_visible()
    version = DocumentVersion.objects.get()
    assert (version.number, version.original_filename, version.size) == (
        1,
        "inventaire-salins.pdf",
        len(data),
    )
    assert version.sha256 == hashlib.sha256(data).hexdigest()
    assert WORD.lower() in version.extracted_text.lower()

    # The file went to the bucket, not through Django: Django only got the ticket. The version
    # points to the server's checked copy; the key the browser wrote is gone.
    # (Chromium does not report the file bytes of a multipart body, only its parts.)
    to_bucket = [body for url, body in posts if url.startswith(s3_storage.server.endpoint_url)]
    assert len(to_bucket) == 1
    assert b'name="file"; filename="inventaire-salins.pdf"' in to_bucket[0]
    to_django = [body for url, body in posts if url.endswith(f"/dossiers/{folder.pk}/deposer/")]
    assert len(to_django) == 1
    assert b'name="ticket"' in to_django[0] and b'name="file"' not in to_django[0]
    assert s3_storage.keys() == [version.file_name]
    assert s3_storage.get(version.file_name) == data

    # Download: a redirect to a presigned URL of the bucket that gives back the same bytes.
    link = page.get_by_role("link", name="Télécharger inventaire-salins.pdf")
    answer = page.request.get(link.get_attribute("href"), max_redirects=0)
    assert answer.status == 302
    location = answer.headers["location"]
    assert location.startswith(f"{s3_storage.server.endpoint_url}/{s3_storage.name}/")
    assert "X-Amz-Signature=" in location
    fetched = requests.get(location, timeout=10)
    assert fetched.status_code == 200 and fetched.content == data
    assert "attachment" in fetched.headers["Content-Disposition"]

    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "inventaire-salins.pdf"
    assert open(download.path(), "rb").read() == data
    version.refresh_from_db()
    assert version.download_count == 2
