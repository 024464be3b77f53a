"""Moderators curate the library: they edit, move and delete any document of a folder they read,
and nothing more (no new version, no folder management, nothing in a folder closed to them)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Document, DocumentVersion, Folder
from tests import factories
from tests.documents import samples
from tests.documents.conftest import stored_files, upload


@pytest.fixture
def document(member_client, folder):
    upload(member_client, folder, "charte.pdf", samples.pdf_bytes("premiere"), title="Charte")
    return Document.objects.get()


@pytest.fixture
def archive(db):  # noqa: ARG001 - db: the fixture writes rows
    return factories.FolderFactory(name="Archives")


def _edit(client, document, **fields):
    data = {"title": "Charte", "description": "", "tags": "", **fields}
    return client.post(reverse("documents:document_edit", args=[document.pk]), data)


def test_moderator_sees_the_curation_actions_on_someone_elses_document(
    moderator_client, member_client, other_member_client, document
):
    edit_url = reverse("documents:document_edit", args=[document.pk])
    delete_url = reverse("documents:document_delete", args=[document.pk])
    version_url = reverse("documents:version_upload", args=[document.pk])
    page = moderator_client.get(document.get_absolute_url()).content.decode()
    assert edit_url in page and delete_url in page
    assert version_url not in page  # the content stays the author's
    page = other_member_client.get(document.get_absolute_url()).content.decode()
    assert edit_url not in page and delete_url not in page
    page = member_client.get(document.get_absolute_url()).content.decode()
    assert edit_url in page and delete_url in page and version_url in page


def test_moderator_edits_the_metadata_of_a_members_document(
    moderator_client, member_client, document
):
    response = _edit(
        moderator_client,
        document,
        title="Charte des prêts",
        description="Texte adopté en assemblée",
        tags="prêt, charte",
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Charte des prêts"
    assert document.description == "Texte adopté en assemblée"
    assert sorted(document.tags.values_list("name", flat=True)) == ["charte", "prêt"]
    page = member_client.get(reverse("documents:search"), {"q": "assemblee"}).content.decode()
    assert "Charte des prêts" in page


def test_moderator_moves_a_members_document_to_another_folder(
    moderator_client, member_client, document, folder, archive
):
    form = moderator_client.get(reverse("documents:document_edit", args=[document.pk]))
    assert form.status_code == 200
    assert "Archives" in form.content.decode()
    response = _edit(moderator_client, document, folder=archive.pk)
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.folder == archive
    assert "Charte" in member_client.get(archive.get_absolute_url()).content.decode()
    assert "Charte" not in member_client.get(folder.get_absolute_url()).content.decode()


def test_moderator_may_move_into_a_folder_where_only_staff_deposit(
    moderator_client, document, staff_only_folder
):
    assert _edit(moderator_client, document, folder=staff_only_folder.pk).status_code == 302
    document.refresh_from_db()
    assert document.folder == staff_only_folder


def test_author_cannot_move_into_a_folder_where_only_staff_deposit(
    member_client, document, folder, staff_only_folder
):
    response = _edit(member_client, document, folder=staff_only_folder.pk)
    assert response.status_code == 400
    document.refresh_from_db()
    assert document.folder == folder


def test_moderator_cannot_move_into_a_folder_closed_to_them(
    moderator_client, document, folder, recruiters_folder
):
    form = moderator_client.get(reverse("documents:document_edit", args=[document.pk]))
    assert "Recrutement" not in form.content.decode()
    response = _edit(moderator_client, document, folder=recruiters_folder.pk, title="Déplacé")
    assert response.status_code == 400
    document.refresh_from_db()
    assert document.folder == folder and document.title == "Charte"


def test_moderator_deletes_a_members_document_rows_and_files(
    moderator_client, member_client, document, folder, settings, django_capture_on_commit_callbacks
):
    member_client.post(
        reverse("documents:version_upload", args=[document.pk]),
        {"file": SimpleUploadedFile("v2.pdf", samples.pdf_bytes("v2"))},
    )
    media = Path(settings.MEDIA_ROOT)
    assert len(stored_files(media)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(reverse("documents:document_delete", args=[document.pk]))
    assert response.status_code == 302
    assert response["Location"] == folder.get_absolute_url()
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()
    assert stored_files(media) == []


def test_plain_member_cannot_curate_someone_elses_document(
    other_member_client, document, folder, archive, settings, django_capture_on_commit_callbacks
):
    edit_url = reverse("documents:document_edit", args=[document.pk])
    delete_url = reverse("documents:document_delete", args=[document.pk])
    assert other_member_client.get(edit_url).status_code == 403
    assert other_member_client.get(delete_url).status_code == 403
    response = _edit(other_member_client, document, title="Volé", folder=archive.pk)
    assert response.status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert other_member_client.post(delete_url).status_code == 403
    document.refresh_from_db()
    assert document.title == "Charte" and document.folder == folder
    assert DocumentVersion.objects.count() == 1
    assert len(stored_files(Path(settings.MEDIA_ROOT))) == 1


def test_moderator_cannot_curate_in_a_folder_restricted_away_from_them(
    moderator_client, recruiter_client, recruiters_folder, settings
):
    upload(recruiter_client, recruiters_folder, "grille.pdf", title="Grille d'entretien")
    document = Document.objects.get()
    for url in (
        document.get_absolute_url(),
        reverse("documents:document_edit", args=[document.pk]),
        reverse("documents:document_delete", args=[document.pk]),
    ):
        assert moderator_client.get(url).status_code == 404, url
    assert _edit(moderator_client, document, title="Vu").status_code == 404
    response = moderator_client.post(reverse("documents:document_delete", args=[document.pk]))
    assert response.status_code == 404
    document.refresh_from_db()
    assert document.title == "Grille d'entretien"
    assert len(stored_files(Path(settings.MEDIA_ROOT))) == 1


def test_moderator_cannot_add_a_version_to_someone_elses_document(moderator_client, document):
    response = moderator_client.post(
        reverse("documents:version_upload", args=[document.pk]),
        {"file": SimpleUploadedFile("autre.pdf", samples.pdf_bytes("autre"))},
    )
    assert response.status_code == 403
    assert DocumentVersion.objects.count() == 1


def test_moderator_cannot_manage_folders(moderator_client, folder):
    responses = [
        moderator_client.get(reverse("documents:folder_create")),
        moderator_client.post(reverse("documents:folder_create"), {"name": "Pirate"}),
        moderator_client.get(reverse("documents:folder_edit", args=[folder.pk])),
        moderator_client.post(
            reverse("documents:folder_edit", args=[folder.pk]),
            {"name": "Renommé", "read_access": "members", "add_access": "readers"},
        ),
        moderator_client.post(
            reverse("documents:folder_move", args=[folder.pk]), {"direction": "up"}
        ),
    ]
    assert [response.status_code for response in responses] == [403] * 5
    assert not Folder.objects.filter(name__in=["Pirate", "Renommé"]).exists()
    page = moderator_client.get(folder.get_absolute_url()).content.decode()
    assert reverse("documents:folder_edit", args=[folder.pk]) not in page
