"""Helpers of the library tests: folders and an upload through the real URL."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Folder
from tests import factories
from tests.documents import samples


@pytest.fixture
def folder(db):
    return factories.FolderFactory(name="Procédures")


@pytest.fixture
def staff_only_folder(db):
    return factories.FolderFactory(name="Textes officiels", add_access=Folder.AddAccess.STAFF)


@pytest.fixture
def recruiters_folder(db):
    return factories.FolderFactory(
        name="Recrutement",
        read_access=Folder.ReadAccess.RESTRICTED,
        read_roles=["recruiter"],
    )


def upload(client, folder, name="note.pdf", data=None, **fields):
    data = samples.pdf_bytes() if data is None else data
    payload = {"title": fields.pop("title", "Note de service"), **fields}
    payload["file"] = SimpleUploadedFile(name, data)
    return client.post(reverse("documents:upload", args=[folder.pk]), payload)


def stored_files(root):
    """Every stored file under documents/ in a filesystem MEDIA_ROOT."""
    base = root / "documents"
    return sorted(p for p in base.rglob("*") if p.is_file()) if base.exists() else []
