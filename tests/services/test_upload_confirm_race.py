"""The same direct upload confirmed twice at once on PostgreSQL (audit item 5), with the S3
server over HTTP: the unique stored name is the claim, the second confirmation waits for the
first to commit, then gets a clear 400; the recorded file stays whole in the bucket."""

import pytest
from django.db import connection
from django.urls import reverse

from documents.models import Document, DocumentVersion
from tests import factories
from tests.documents import samples
from tests.documents.conftest import prepare, send_to_bucket
from tests.documents.test_direct_upload_confirm_twice import confirm_at_once, served

pytestmark = pytest.mark.django_db(transaction=True)


def test_confirming_a_new_document_twice_at_once_on_postgresql(
    member, member_client, s3_storage, monkeypatch
):
    assert connection.vendor == "postgresql"
    folder = factories.FolderFactory(name="Expositions")
    data = samples.pdf_bytes("Constat d'état")
    plan = prepare(member_client, folder, "constat.pdf", len(data)).json()
    assert send_to_bucket(plan, "constat.pdf", data).status_code == 204

    first, second = confirm_at_once(
        member,
        reverse("documents:upload", args=[folder.pk]),
        {"title": "Constat d'état", "ticket": plan["ticket"]},
        monkeypatch,
    )

    assert (first.status_code, second.status_code) == (302, 400)
    assert "déjà enregistré" in second.content.decode()
    version = DocumentVersion.objects.get()
    assert Document.objects.count() == 1
    assert s3_storage.keys() == [version.file_name]
    assert served(member_client, version) == data


@pytest.mark.usefixtures("s3_storage")
def test_confirming_a_new_version_twice_at_once_on_postgresql(member, member_client, monkeypatch):
    folder = factories.FolderFactory(name="Règlements")
    first_data = samples.pdf_bytes("Version 1")
    first_plan = prepare(member_client, folder, "v1.pdf", len(first_data)).json()
    send_to_bucket(first_plan, "v1.pdf", first_data)
    member_client.post(
        reverse("documents:upload", args=[folder.pk]),
        {"title": "Règlement intérieur", "ticket": first_plan["ticket"]},
    )
    document = Document.objects.get()
    data = samples.pdf_bytes("Version 2")
    plan = member_client.post(
        reverse("documents:upload_prepare"),
        {"document": document.pk, "filename": "v2.pdf", "size": len(data)},
    ).json()
    send_to_bucket(plan, "v2.pdf", data)

    first, second = confirm_at_once(
        member,
        reverse("documents:version_upload", args=[document.pk]),
        {"ticket": plan["ticket"]},
        monkeypatch,
    )

    assert (first.status_code, second.status_code) == (302, 400)
    document.refresh_from_db()
    assert document.versions.count() == 2
    assert served(member_client, document.current_version) == data
