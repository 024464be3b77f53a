"""Who moved a document or a folder is kept."""

import pytest
from django.urls import reverse

from documents.models import Document, Folder
from tests import factories
from tests.documents import samples
from tests.documents.conftest import upload

pytestmark = pytest.mark.django_db


def test_moving_a_document_records_who_moved_it(moderator, moderator_client, member_client, folder):
    upload(member_client, folder, "charte.pdf", samples.pdf_bytes("charte"), title="Charte")
    document = Document.objects.get()
    archive = factories.FolderFactory(name="Archives")
    edit = reverse("documents:document_edit", args=[document.pk])
    data = {"title": "Charte", "description": "", "tags": ""}
    # An edit that does not change the folder is not a move.
    assert moderator_client.post(edit, {**data, "folder": folder.pk}).status_code == 302
    document.refresh_from_db()
    assert document.moved_by is None and document.moved_at is None
    assert moderator_client.post(edit, {**data, "folder": archive.pk}).status_code == 302
    document.refresh_from_db()
    assert document.folder == archive
    assert document.moved_by == moderator and document.moved_at is not None


def test_moving_a_folder_records_who_moved_it(staff, staff_client):
    first = factories.FolderFactory(name="A", position=1)
    second = factories.FolderFactory(name="B", position=2)
    response = staff_client.post(
        reverse("documents:folder_move", args=[second.pk]), {"direction": "up"}
    )
    assert response.status_code == 302
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.position < first.position
    assert second.moved_by == staff and second.moved_at is not None
    assert Folder.objects.get(pk=first.pk).moved_by is None
