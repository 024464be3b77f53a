"""A member's browser confirms the same direct upload twice at once (audit item 5), on SQLite
and the S3 server over HTTP: one confirmation records the document, the other gets a clear
400, and the recorded file stays in the bucket. `make test` runs this module again on
PostgreSQL (where the second confirmation waits on the unique stored name's row lock)."""

import hashlib
import threading

import pytest
import requests
from django.db import connections
from django.test import Client
from django.urls import reverse

from community import files
from documents.models import Document, DocumentVersion
from tests.documents import samples
from tests.documents.conftest import prepare, send_to_bucket

pytestmark = pytest.mark.django_db(transaction=True)


def confirm_at_once(user, url, payload, monkeypatch):
    """POST the same confirmation from two browsers of `user`; both pass the first checks
    before either writes (a barrier in the content check), as when a form is sent twice."""
    barrier = threading.Barrier(2, timeout=20)
    check = files.check_content

    def check_together(*args, **kwargs):
        mime = check(*args, **kwargs)
        barrier.wait()
        return mime

    monkeypatch.setattr(files, "check_content", check_together)
    responses = [None, None]

    def confirm(index):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        try:
            responses[index] = client.post(url, payload)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return sorted(responses, key=lambda response: response.status_code)


def served(client, version) -> bytes:
    response = client.get(version.get_download_url())
    assert response.status_code == 302
    fetched = requests.get(response["Location"], timeout=10)
    assert fetched.status_code == 200
    return fetched.content


def test_confirming_a_new_document_twice_at_once(
    member, member_client, folder, s3_storage, monkeypatch
):
    data = samples.pdf_bytes("Journée d'étude à Rodez")
    plan = prepare(member_client, folder, "journee.pdf", len(data)).json()
    assert send_to_bucket(plan, "journee.pdf", data).status_code == 204

    first, second = confirm_at_once(
        member,
        reverse("documents:upload", args=[folder.pk]),
        {"title": "Journée d'étude", "ticket": plan["ticket"]},
        monkeypatch,
    )

    assert (first.status_code, second.status_code) == (302, 400)
    assert "déjà enregistré" in second.content.decode()
    version = DocumentVersion.objects.get()
    assert Document.objects.get().current_version == version
    # The recorded file is in the bucket, whole: nothing deleted it.
    assert s3_storage.keys() == [version.file_name]
    assert served(member_client, version) == data
    assert version.sha256 == hashlib.sha256(data).hexdigest()


def test_confirming_a_new_version_twice_at_once(
    member, member_client, folder, s3_storage, monkeypatch
):
    first_data = samples.pdf_bytes("Version 1")
    document_upload = prepare(member_client, folder, "v1.pdf", len(first_data)).json()
    send_to_bucket(document_upload, "v1.pdf", first_data)
    member_client.post(
        reverse("documents:upload", args=[folder.pk]),
        {"title": "Règlement", "ticket": document_upload["ticket"]},
    )
    document = Document.objects.get()
    data = samples.pdf_bytes("Version 2")
    plan = member_client.post(
        reverse("documents:upload_prepare"),
        {"document": document.pk, "filename": "v2.pdf", "size": len(data)},
    ).json()
    assert send_to_bucket(plan, "v2.pdf", data).status_code == 204

    first, second = confirm_at_once(
        member,
        reverse("documents:version_upload", args=[document.pk]),
        {"ticket": plan["ticket"]},
        monkeypatch,
    )

    assert (first.status_code, second.status_code) == (302, 400)
    assert "déjà enregistré" in second.content.decode()
    document.refresh_from_db()
    assert document.versions.count() == 2 and document.current_version.number == 2
    assert sorted(s3_storage.keys()) == sorted(
        document.versions.values_list("file_name", flat=True)
    )
    assert served(member_client, document.current_version) == data


@pytest.mark.usefixtures("s3_storage")
def test_a_confirmation_after_the_first_one_is_refused_and_keeps_the_file(member_client, folder):
    data = samples.pdf_bytes("Charte")
    plan = prepare(member_client, folder, "charte.pdf", len(data)).json()
    send_to_bucket(plan, "charte.pdf", data)
    url = reverse("documents:upload", args=[folder.pk])
    assert member_client.post(url, {"title": "Charte", "ticket": plan["ticket"]}).status_code == 302
    # The browser sends the file again with the still valid policy, then the form again.
    send_to_bucket(plan, "charte.pdf", data)
    again = member_client.post(url, {"title": "Charte", "ticket": plan["ticket"]})
    assert again.status_code == 400 and "déjà enregistré" in again.content.decode()
    version = DocumentVersion.objects.get()
    assert served(member_client, version) == data
