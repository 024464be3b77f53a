"""Versions, downloads (filesystem), edition and deletion of a document."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Document, DocumentVersion
from tests.documents import samples
from tests.documents.conftest import stored_files, upload


@pytest.fixture
def document(member_client, folder):
    upload(member_client, folder, "charte-v1.pdf", samples.pdf_bytes("premiere"), title="Charte")
    return Document.objects.get()


def _new_version(client, document, name, data, comment=""):
    return client.post(
        reverse("documents:version_upload", args=[document.pk]),
        {"file": SimpleUploadedFile(name, data), "comment": comment},
    )


def test_author_adds_a_version_and_old_ones_stay_downloadable(member_client, document):
    v2 = samples.pdf_bytes("deuxieme")
    response = _new_version(member_client, document, "charte-v2.pdf", v2, comment="Relue")
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.current_version.number == 2
    assert document.current_version.comment == "Relue"
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    page = member_client.get(document.get_absolute_url()).content.decode()
    assert "charte-v1.pdf" in page and "charte-v2.pdf" in page and "Relue" in page
    old = document.versions.get(number=1)
    response = member_client.get(old.get_download_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert 'filename="charte-v1.pdf"' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment")
    # The folder lists the current version only.
    listing = member_client.get(document.folder.get_absolute_url()).content.decode()
    assert "v2" in listing and "charte-v2.pdf" in listing and "charte-v1.pdf" not in listing


def test_search_follows_the_current_version(member_client, document):
    _new_version(member_client, document, "charte-v2.pdf", samples.pdf_bytes("deuxieme"))
    page = member_client.get(reverse("documents:search"), {"q": "deuxieme"}).content.decode()
    assert "Charte" in page
    page = member_client.get(reverse("documents:search"), {"q": "premiere"}).content.decode()
    assert "Charte" not in page


def test_other_member_cannot_add_a_version_nor_delete(other_member_client, document):
    response = _new_version(other_member_client, document, "x.pdf", samples.pdf_bytes())
    assert response.status_code == 403
    assert (
        other_member_client.post(
            reverse("documents:document_delete", args=[document.pk])
        ).status_code
        == 403
    )
    assert (
        other_member_client.post(
            reverse("documents:document_edit", args=[document.pk]), {"title": "Volé"}
        ).status_code
        == 403
    )
    assert DocumentVersion.objects.count() == 1
    document.refresh_from_db()
    assert document.title == "Charte"


def test_refused_version_keeps_the_current_one(member_client, document, settings):
    response = _new_version(member_client, document, "charte.pdf", samples.HTML)
    assert response.status_code == 400
    assert "HTML" in response.content.decode()
    assert DocumentVersion.objects.count() == 1
    assert len(stored_files(Path(settings.MEDIA_ROOT))) == 1


def test_download_counter(member_client, other_member_client, document):
    version = document.current_version
    for client in (member_client, other_member_client):
        response = client.get(version.get_download_url())
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    version.refresh_from_db()
    assert version.download_count == 2


@pytest.mark.parametrize("who", ["author", "staff"])
def test_delete_removes_rows_and_files(
    who, member_client, staff_client, document, settings, django_capture_on_commit_callbacks
):
    client = member_client if who == "author" else staff_client
    _new_version(member_client, document, "charte-v2.pdf", samples.pdf_bytes("v2"))
    assert len(stored_files(Path(settings.MEDIA_ROOT))) == 2
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("documents:document_delete", args=[document.pk]))
    assert response.status_code == 302
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()
    assert stored_files(Path(settings.MEDIA_ROOT)) == []


def test_author_edits_title_description_and_tags(member_client, document):
    response = member_client.post(
        reverse("documents:document_edit", args=[document.pk]),
        {"title": "Charte des prêts", "description": "Version adoptée", "tags": "prêt, charte"},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Charte des prêts"
    assert sorted(document.tags.values_list("name", flat=True)) == ["charte", "prêt"]
    page = member_client.get(reverse("documents:search"), {"q": "adoptee"}).content.decode()
    assert "Charte des prêts" in page
