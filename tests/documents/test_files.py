"""community/files: sniffing by content, upload validation, storage and downloads."""

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from community import files
from tests.documents import samples


@pytest.mark.parametrize(
    ("data", "mime"),
    [
        (samples.pdf_bytes(), files.PDF),
        (samples.image_bytes("PNG"), files.PNG),
        (samples.image_bytes("JPEG"), files.JPEG),
        (samples.image_bytes("GIF"), files.GIF),
        (samples.image_bytes("WEBP"), files.WEBP),
        (samples.docx_bytes(), files.DOCX),
        (samples.xlsx_bytes(), files.XLSX),
        (samples.odt_bytes(), files.ODT),
        (samples.zip_bytes(), files.ZIP),
        (samples.TEXT, files.TEXT),
        (samples.LATIN1_TEXT, files.TEXT),
        (samples.CSV, files.CSV),
        (samples.ELF, files.ELF),
        (samples.PE, files.PE),
        (samples.MACHO, files.MACHO),
        (samples.SHELL, files.SHELL),
        (samples.HTML, files.HTML),
        (samples.SVG_SCRIPT, files.SVG),
        (b"", files.EMPTY),
    ],
)
def test_sniff_mime_tells_the_type_from_the_content(data, mime):
    assert files.sniff_mime(data) == mime
    # A file object gives the same answer and keeps its position.
    handle = ContentFile(data)
    handle.seek(0)
    assert files.sniff_mime(handle) == mime
    assert handle.tell() == 0


def test_sniff_mime_recognises_office_documents_from_their_first_bytes_only():
    assert files.sniff_mime(samples.docx_bytes()[:4096]) == files.DOCX
    assert files.sniff_mime(samples.odt_bytes()[:200]) == files.ODT


def _upload(name, data):
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(
    ("name", "data", "mime"),
    [
        ("compte-rendu.pdf", samples.pdf_bytes(), files.PDF),
        ("photo.JPG", samples.image_bytes("JPEG"), files.JPEG),
        ("procedure.docx", samples.docx_bytes(), files.DOCX),
        ("inventaire.xlsx", samples.xlsx_bytes(), files.XLSX),
        ("musees.csv", samples.CSV, files.CSV),
        ("notes.txt", samples.TEXT, files.TEXT),
        ("archive.zip", samples.zip_bytes(), files.ZIP),
        ("sans-extension", samples.pdf_bytes(), files.PDF),
    ],
)
def test_validate_upload_accepts_allowed_types(name, data, mime):
    assert files.validate_upload(_upload(name, data)) == mime


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("page.html", samples.HTML, "HTML"),
        ("page.txt", samples.HTML, "HTML"),
        ("logo.svg", samples.SVG_SCRIPT, "SVG"),
        ("outil.pdf", samples.ELF, "exécutables"),
        ("setup.exe", samples.PE, "exécutables"),
        ("app", samples.MACHO, "exécutables"),
        ("script.sh", samples.SHELL, "exécutables"),
        ("rapport.pdf", samples.zip_bytes(), "ne correspond pas"),
        ("photo.png", samples.pdf_bytes(), "ne correspond pas"),
        ("rapport.exe", samples.pdf_bytes(), "exécutables"),
        ("lettre.html", samples.TEXT, "n'est pas acceptée"),
        ("vide.pdf", b"", "vide"),
        ("logo.svg", samples.SVG_PLAIN, "n'est pas accepté"),
    ],
)
def test_validate_upload_refuses_with_a_french_message(name, data, message):
    with pytest.raises(files.FileRejected) as error:
        files.validate_upload(_upload(name, data))
    assert message in str(error.value)


def test_validate_upload_enforces_the_size_limit_and_the_allowed_set(settings):
    settings.MAX_UPLOAD_SIZE = 100
    with pytest.raises(files.FileRejected, match="trop volumineux"):
        files.validate_upload(_upload("r.pdf", samples.pdf_bytes()))
    assert files.validate_upload(_upload("r.pdf", samples.pdf_bytes()), max_size=10**6)
    with pytest.raises(files.FileRejected, match="Types acceptés : PDF"):
        files.validate_upload(
            _upload("p.png", samples.image_bytes()), allowed={files.PDF}, max_size=10**6
        )


def test_generated_name_ignores_the_user_path():
    name = files.generated_name("documents/", "../../etc/passwd.PDF")
    assert name.startswith("documents/") and name.endswith(".pdf")
    assert ".." not in name and "passwd" not in name
    assert files.generated_name("cv", "evil.p$p").count("/") == 1
    assert not files.generated_name("cv", "evil.p$p").endswith("p$p")


@pytest.mark.usefixtures("settings")
def test_save_download_and_delete_on_the_filesystem():
    pdf = samples.pdf_bytes()
    name = files.save_file(_upload("Procès-verbal.pdf", pdf), prefix="tests")
    assert name.startswith("tests/") and files.file_exists(name)
    request = RequestFactory().get("/")
    response = files.download_response(
        request, name, filename="Procès-verbal.pdf", content_type=files.PDF
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''Proc%C3%A8s-verbal.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == pdf
    response.file_to_stream.close()
    assert files.delete_file(name)
    assert not files.file_exists(name)


@pytest.mark.usefixtures("settings")
def test_save_download_and_delete_on_s3(s3_storage):
    assert files.direct_uploads()
    pdf = samples.pdf_bytes()
    name = files.save_file(_upload("rapport annuel.pdf", pdf), prefix="tests")
    assert s3_storage.keys() == [name]
    assert files.stored_size(name) == len(pdf)
    assert files.read_start(name, 5) == b"%PDF-"
    response = files.download_response(
        RequestFactory().get("/"), name, filename="rapport annuel.pdf", content_type=files.PDF
    )
    assert response.status_code == 302
    fetched = requests.get(response["Location"], timeout=10)
    assert fetched.status_code == 200
    assert fetched.content == pdf
    assert fetched.headers["Content-Disposition"].startswith("attachment;")
    assert "rapport annuel.pdf" in fetched.headers["Content-Disposition"]
    assert fetched.headers["Content-Type"] == files.PDF
    # The bucket itself stays private.
    assert requests.get(f"{s3_storage.server.endpoint_url}/{s3_storage}/{name}").status_code == 403
    assert files.delete_file(name)
    assert s3_storage.keys() == []


def test_save_file_raises_storage_unavailable_when_the_endpoint_is_down(s3_storage):
    s3_storage.server.stop()
    with pytest.raises(files.StorageUnavailable, match="indisponible"):
        files.save_file(_upload("r.pdf", samples.pdf_bytes()), prefix="tests")


def test_sniff_mime_wants_the_pdf_magic_number_at_the_very_start():
    assert files.sniff_mime(samples.PDF_COMMENT_HTML) == files.HTML
    assert files.sniff_mime(b"\n" * 10 + samples.pdf_bytes()) != files.PDF


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("run.bat.", "run.bat"),
        ("run.bat . .", "run.bat"),
        ("C:\\Users\\moi\\rapport.pdf", "rapport.pdf"),
        ("../../etc/passwd", "passwd"),
        ("facture\u202efdp.bat", "facturefdp.bat"),
        ("rapport\u200b.pdf", "rapport.pdf"),
        ("e\u0301te\u0301.pdf", "\u00e9t\u00e9.pdf"),
        ("ligne\nsuivante.txt", "lignesuivante.txt"),
        ('a:b?"c".pdf', "a_b__c_.pdf"),
        ("CON.txt", "_CON.txt"),
        (".bat", "bat"),
        ("  ", ""),
    ],
)
def test_safe_filename_gives_the_name_windows_would_save(sent, kept):
    assert files.safe_filename(sent) == kept


def test_safe_filename_keeps_the_extension_of_a_long_name():
    name = files.safe_filename("x" * 300 + ".pdf")
    assert len(name) == files.NAME_MAX and name.endswith("xx.pdf")


@pytest.mark.parametrize(
    ("stored", "mime", "offered"),
    [
        ("run.bat.", files.PDF, "run.bat.pdf"),
        ("compte rendu.pdf", files.PDF, "compte rendu.pdf"),
        ("notes", files.TEXT, "notes"),
        ("tableau.txt", files.CSV, "tableau.txt"),
        ("", files.PDF, "fichier"),
    ],
)
def test_a_download_is_offered_under_a_name_that_fits_its_content(stored, mime, offered):
    """Names kept before they were checked ("run.bat." holding a PDF) are never offered as a
    program."""
    assert files.download_name(stored, mime) == offered


@pytest.mark.usefixtures("settings")
def test_download_response_uses_the_fitting_name():
    name = files.save_file(_upload("cv.pdf", samples.pdf_bytes()), prefix="tests")
    response = files.download_response(
        RequestFactory().get("/"), name, filename="run.bat.", content_type=files.PDF
    )
    assert response["Content-Disposition"] == 'attachment; filename="run.bat.pdf"'
    response.file_to_stream.close()


def test_validate_upload_renames_the_file_to_the_checked_name():
    upload = _upload("rapport annuel.pdf . ", samples.pdf_bytes())
    files.validate_upload(upload)
    assert upload.name == "rapport annuel.pdf"
