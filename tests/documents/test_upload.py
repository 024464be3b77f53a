"""A member deposits a document (filesystem storage): allowed and refused files, size limit."""

from pathlib import Path

import pytest
from django.urls import reverse

from community import files
from documents.models import Document, DocumentVersion
from tests.documents import samples
from tests.documents.conftest import stored_files, upload


@pytest.fixture
def media(settings):
    return Path(settings.MEDIA_ROOT)


@pytest.mark.parametrize(
    ("name", "data", "mime"),
    [
        ("compte-rendu.pdf", samples.pdf_bytes("Journée de Rodez"), files.PDF),
        ("affiche.png", samples.image_bytes("PNG"), files.PNG),
        ("photo.jpg", samples.image_bytes("JPEG"), files.JPEG),
        ("procedure.docx", samples.docx_bytes(), files.DOCX),
        ("inventaire.xlsx", samples.xlsx_bytes(), files.XLSX),
        ("notes.txt", samples.TEXT, files.TEXT),
        ("musees.csv", samples.CSV, files.CSV),
        ("dossier.zip", samples.zip_bytes(), files.ZIP),
    ],
)
def test_member_uploads_an_allowed_file(member_client, member, folder, media, name, data, mime):
    response = upload(member_client, folder, name, data, title="Compte rendu", tags="régie, Prêt")
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    version = document.current_version
    assert (version.number, version.original_filename, version.content_type) == (1, name, mime)
    assert version.size == len(data) and document.author == member
    assert sorted(document.tags.values_list("name", flat=True)) == ["Prêt", "régie"]
    # Stored under a generated name, with the exact bytes.
    assert version.file_name.startswith("documents/") and name not in version.file_name
    assert (media / version.file_name).read_bytes() == data
    page = member_client.get(document.get_absolute_url())
    assert "Compte rendu" in page.content.decode() and name in page.content.decode()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("page.html", samples.HTML, "HTML"),
        ("logo.svg", samples.SVG_SCRIPT, "SVG contenant du script"),
        ("outil", samples.ELF, "exécutables"),
        ("setup.exe", samples.PE, "exécutables"),
        ("install.sh", samples.SHELL, "exécutables"),
        ("rapport.pdf", samples.zip_bytes(), "ne correspond pas"),
        ("photo.jpg", samples.pdf_bytes(), "ne correspond pas"),
        ("vide.txt", b"", "vide"),
    ],
)
def test_refused_file_leaves_nothing_behind(member_client, folder, media, name, data, message):
    response = upload(member_client, folder, name, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()
    assert stored_files(media) == []


def test_size_limit(member_client, folder, media, settings):
    settings.MAX_UPLOAD_SIZE = 1000
    response = upload(member_client, folder, "gros.pdf", samples.pdf_bytes() + b" " * 2000)
    assert response.status_code == 400
    assert "trop volumineux" in response.content.decode()
    assert not DocumentVersion.objects.exists() and stored_files(media) == []


def test_missing_title_keeps_nothing(member_client, folder, media):
    response = upload(member_client, folder, "note.pdf", title="")
    assert response.status_code == 400
    assert not Document.objects.exists() and stored_files(media) == []


def test_missing_file_is_refused(member_client, folder):
    response = member_client.post(reverse("documents:upload", args=[folder.pk]), {"title": "T"})
    assert response.status_code == 400
    assert "Choisissez le fichier" in response.content.decode()


def test_database_failure_after_storing_removes_the_file(member_client, folder, media, monkeypatch):
    from django.db import OperationalError

    from documents import services

    def broken(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "_create_version", broken)
    with pytest.raises(OperationalError):
        upload(member_client, folder, "note.pdf")
    assert not Document.objects.exists()
    assert stored_files(media) == []


def test_upload_page_shows_the_progress_bar_and_script(member_client, folder):
    page = member_client.get(reverse("documents:upload", args=[folder.pk])).content.decode()
    assert "<progress" in page and "documents/upload.js" in page and "data-upload" in page


def test_prepare_says_form_mode_on_the_filesystem(member_client, folder):
    response = member_client.post(
        reverse("documents:upload_prepare"), {"folder": folder.pk, "filename": "a.pdf", "size": 10}
    )
    assert response.json() == {"mode": "form"}
