"""Helpers of the library tests: folders and an upload through the real URL."""

import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Folder
from tests import factories
from tests.documents import samples


@pytest.fixture
def folder(db):  # noqa: ARG001 - db: the fixture writes rows
    return factories.FolderFactory(name="Procédures")


@pytest.fixture
def staff_only_folder(db):  # noqa: ARG001 - db: the fixture writes rows
    return factories.FolderFactory(name="Textes officiels", add_access=Folder.AddAccess.STAFF)


@pytest.fixture
def recruiters_folder(db):  # noqa: ARG001 - db: the fixture writes rows
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


def prepare(client, folder, name, size):
    """What upload.js asks first: where to send the file (a presigned POST on S3)."""
    return client.post(
        reverse("documents:upload_prepare"), {"folder": folder.pk, "filename": name, "size": size}
    )


def send_to_bucket(plan, name, data):
    """The browser's POST of the file to the bucket, with the presigned fields."""
    return requests.post(plan["url"], data=plan["fields"], files={"file": (name, data)}, timeout=10)


def direct_upload(client, folder, name, data, *, declared_size=None, title="Rapport", **extra):
    """What upload.js does: ask for a presigned POST, send the file to the bucket, submit."""
    plan = prepare(client, folder, name, declared_size or len(data)).json()
    assert plan["mode"] == "s3"
    sent = send_to_bucket(plan, name, data)
    assert sent.status_code in (200, 201, 204), sent.text
    response = client.post(
        reverse("documents:upload", args=[folder.pk]),
        {"title": title, "ticket": plan["ticket"], **extra},
    )
    return response, plan
