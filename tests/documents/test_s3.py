"""The library on a real S3 endpoint (moto server over HTTP): direct uploads verified by the
server, presigned downloads, deletion, fault injection and the orphan sweeper."""

import time

import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from community import files
from documents.models import Document, DocumentVersion
from tests.documents import samples
from tests.documents.conftest import upload


def prepare(client, folder, name, size):
    response = client.post(
        reverse("documents:upload_prepare"), {"folder": folder.pk, "filename": name, "size": size}
    )
    return response


def direct_upload(client, folder, name, data, *, declared_size=None, title="Rapport", **extra):
    """What upload.js does: ask for a presigned POST, send the file to the bucket, submit."""
    plan = prepare(client, folder, name, declared_size or len(data)).json()
    assert plan["mode"] == "s3"
    sent = requests.post(plan["url"], data=plan["fields"], files={"file": (name, data)}, timeout=10)
    assert sent.status_code in (200, 201, 204), sent.text
    response = client.post(
        reverse("documents:upload", args=[folder.pk]),
        {"title": title, "ticket": plan["ticket"], **extra},
    )
    return response, plan


def test_direct_upload_is_verified_then_saved(member_client, folder, s3_storage):
    data = samples.pdf_bytes("Colloque de Sete")
    response, plan = direct_upload(member_client, folder, "colloque.pdf", data)
    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    assert version.file_name == plan["fields"]["key"]
    assert (version.size, version.content_type, version.original_filename) == (
        len(data),
        files.PDF,
        "colloque.pdf",
    )
    import hashlib

    assert version.sha256 == hashlib.sha256(data).hexdigest()
    assert "colloque de sete" in version.document.search_text
    assert s3_storage.keys() == [version.file_name]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("page.html", samples.HTML, "HTML"),
        ("rapport.pdf", samples.ELF, "exécutables"),
        ("photo.png", samples.pdf_bytes(), "ne correspond pas"),
        ("logo.svg", samples.SVG_SCRIPT, "SVG"),
    ],
)
def test_refused_direct_upload_is_deleted_from_the_bucket(
    member_client, folder, s3_storage, name, data, message
):
    response, _plan = direct_upload(member_client, folder, name, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert s3_storage.keys() == []
    assert not Document.objects.exists()


def test_oversize_object_is_refused_even_though_moto_accepts_it(
    member_client, folder, s3_storage, settings
):
    settings.MAX_UPLOAD_SIZE = 2000
    small = b"x" * 100
    big = samples.TEXT * 100  # > 2000 bytes, sent under a ticket that declared 100
    plan = prepare(member_client, folder, "notes.txt", len(small)).json()
    requests.post(plan["url"], data=plan["fields"], files={"file": ("notes.txt", big)}, timeout=10)
    assert s3_storage.keys() == [plan["fields"]["key"]]  # moto ignored content-length-range
    response = member_client.post(
        reverse("documents:upload", args=[folder.pk]), {"title": "T", "ticket": plan["ticket"]}
    )
    assert response.status_code == 400
    assert "trop volumineux" in response.content.decode()
    assert s3_storage.keys() == [] and not DocumentVersion.objects.exists()


def test_prepare_refuses_declared_oversize(member_client, folder, s3_storage, settings):
    settings.MAX_UPLOAD_SIZE = 1000
    response = prepare(member_client, folder, "gros.pdf", 5000)
    assert response.status_code == 400 and "trop volumineux" in response.json()["error"]


def test_size_different_from_the_declared_one_is_refused(member_client, folder, s3_storage):
    data = samples.pdf_bytes()
    response, _plan = direct_upload(
        member_client, folder, "r.pdf", data, declared_size=len(data) + 10
    )
    assert response.status_code == 400 and "incomplet" in response.content.decode()
    assert s3_storage.keys() == []


def test_checksum_mismatch_is_refused(member_client, folder, s3_storage):
    response, _plan = direct_upload(
        member_client, folder, "r.pdf", samples.pdf_bytes(), sha256="0" * 64
    )
    assert response.status_code == 400 and "empreinte" in response.content.decode()
    assert s3_storage.keys() == [] and not DocumentVersion.objects.exists()


def test_a_ticket_cannot_be_used_by_someone_else_nor_twice(
    member_client, other_member_client, folder, s3_storage
):
    data = samples.pdf_bytes()
    plan = prepare(member_client, folder, "r.pdf", len(data)).json()
    requests.post(plan["url"], data=plan["fields"], files={"file": ("r.pdf", data)}, timeout=10)
    url = reverse("documents:upload", args=[folder.pk])
    stolen = other_member_client.post(url, {"title": "T", "ticket": plan["ticket"]})
    assert stolen.status_code == 400 and not DocumentVersion.objects.exists()
    forged = member_client.post(url, {"title": "T", "ticket": plan["ticket"] + "x"})
    assert forged.status_code == 400
    assert member_client.post(url, {"title": "T", "ticket": plan["ticket"]}).status_code == 302
    again = member_client.post(url, {"title": "T", "ticket": plan["ticket"]})
    assert again.status_code == 400 and DocumentVersion.objects.count() == 1


def test_upload_through_django_also_lands_in_the_bucket(member_client, folder, s3_storage):
    response = upload(member_client, folder, "note.docx", samples.docx_bytes("Constat"))
    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    assert s3_storage.keys() == [version.file_name]
    assert s3_storage.get(version.file_name).startswith(b"PK")
    assert version.content_type == files.DOCX and "constat" in version.document.search_text


def test_new_version_through_the_bucket(member_client, folder, s3_storage):
    direct_upload(member_client, folder, "v1.pdf", samples.pdf_bytes("un"))
    document = Document.objects.get()
    data = samples.pdf_bytes("deux")
    plan = member_client.post(
        reverse("documents:upload_prepare"),
        {"document": document.pk, "filename": "v2.pdf", "size": len(data)},
    ).json()
    requests.post(plan["url"], data=plan["fields"], files={"file": ("v2.pdf", data)}, timeout=10)
    response = member_client.post(
        reverse("documents:version_upload", args=[document.pk]), {"ticket": plan["ticket"]}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.current_version.number == 2
    assert len(s3_storage.keys()) == 2


def test_presigned_download_works_then_expires(member_client, folder, s3_storage, settings):
    data = samples.pdf_bytes("Assemblee generale")
    direct_upload(member_client, folder, "AG 2025 — procès-verbal.pdf", data)
    version = DocumentVersion.objects.get()
    settings.FILE_URL_EXPIRY = 1
    response = member_client.get(version.get_download_url())
    assert response.status_code == 302
    url = response["Location"]
    assert url.startswith(s3_storage.server.endpoint_url) and "X-Amz-Expires=1" in url
    fetched = requests.get(url, timeout=10)
    assert fetched.status_code == 200 and fetched.content == data
    disposition = fetched.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "proc%C3%A8s-verbal.pdf" in disposition
    assert fetched.headers["Content-Type"] == files.PDF
    time.sleep(2.1)
    assert requests.get(url, timeout=10).status_code == 403
    version.refresh_from_db()
    assert version.download_count == 1


def test_deleting_a_document_removes_its_objects(
    member_client, folder, s3_storage, django_capture_on_commit_callbacks
):
    direct_upload(member_client, folder, "v1.pdf", samples.pdf_bytes())
    document = Document.objects.get()
    member_client.post(
        reverse("documents:version_upload", args=[document.pk]),
        {"file": SimpleUploadedFile("v2.pdf", samples.pdf_bytes("2"))},
    )
    assert len(s3_storage.keys()) == 2
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(reverse("documents:document_delete", args=[document.pk]))
    assert response.status_code == 302
    assert s3_storage.keys() == [] and not DocumentVersion.objects.exists()


def test_endpoint_down_during_upload_gives_a_clear_error_and_no_row(
    member_client, folder, s3_storage
):
    s3_storage.server.stop()
    response = upload(member_client, folder, "note.pdf")
    assert response.status_code == 503
    assert "indisponible" in response.content.decode()
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()


def test_endpoint_down_during_verification_gives_a_clear_error_and_no_row(
    member_client, folder, s3_storage
):
    data = samples.pdf_bytes()
    plan = prepare(member_client, folder, "r.pdf", len(data)).json()
    requests.post(plan["url"], data=plan["fields"], files={"file": ("r.pdf", data)}, timeout=10)
    s3_storage.server.stop()
    response = member_client.post(
        reverse("documents:upload", args=[folder.pk]), {"title": "T", "ticket": plan["ticket"]}
    )
    assert response.status_code == 503
    assert "indisponible" in response.content.decode()
    assert not DocumentVersion.objects.exists()
    s3_storage.server.start()
    # The object left behind is an orphan the sweeper removes once it is old enough.
    call_command("documents_gc", min_age=0)
    assert s3_storage.keys() == []


def test_documents_gc_removes_orphans_only(member_client, folder, s3_storage):
    direct_upload(member_client, folder, "garde.pdf", samples.pdf_bytes())
    kept = DocumentVersion.objects.get().file_name
    s3_storage.client.put_object(Bucket=s3_storage.name, Key="documents/orphan.pdf", Body=b"x")
    s3_storage.client.put_object(Bucket=s3_storage.name, Key="cv/other-app.pdf", Body=b"x")
    call_command("documents_gc")  # default min age 1 h: a fresh orphan may be an upload in progress
    assert "documents/orphan.pdf" in s3_storage.keys()
    call_command("documents_gc", min_age=0)
    assert s3_storage.keys() == sorted(["cv/other-app.pdf", kept])
