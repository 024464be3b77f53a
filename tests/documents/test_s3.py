"""The library on a real S3 endpoint (moto server over HTTP): direct uploads verified by the
server, presigned downloads, deletion, fault injection and the orphan sweeper."""

import datetime

import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from community import files
from documents.models import Document, DocumentVersion
from tests.documents import samples
from tests.documents.conftest import direct_upload, prepare, upload


def test_direct_upload_is_verified_then_saved(member_client, folder, s3_storage):
    data = samples.pdf_bytes("Colloque de Sete")
    response, plan = direct_upload(member_client, folder, "colloque.pdf", data)
    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    # The row points to the server's copy, not to the key the browser wrote (removed).
    upload_key = plan["fields"]["key"]
    assert upload_key.startswith("documents/incoming/")
    assert version.file_name == "documents/" + upload_key.rsplit("/", 1)[1]
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


def test_the_bucket_refuses_a_file_of_another_size_than_declared(member_client, folder, s3_storage):
    declared = samples.TEXT
    plan = prepare(member_client, folder, "notes.txt", len(declared)).json()
    for other, code in (
        (declared + b"plus long", "EntityTooLarge"),
        (declared[:-5], "EntityTooSmall"),
    ):
        sent = requests.post(
            plan["url"], data=plan["fields"], files={"file": ("notes.txt", other)}, timeout=10
        )
        assert sent.status_code == 400
        assert f"<Code>{code}</Code>".encode() in sent.content
    assert s3_storage.keys() == []


def test_an_object_over_the_limit_is_refused_even_if_the_store_let_it_in(
    member_client, folder, s3_storage, settings
):
    """A store that ignores the policy's size range: the server's own check still refuses."""
    settings.MAX_UPLOAD_SIZE = 2000
    small = b"x" * 100
    plan = prepare(member_client, folder, "notes.txt", len(small)).json()
    key = plan["fields"]["key"]
    s3_storage.client.put_object(Bucket=s3_storage.name, Key=key, Body=samples.TEXT * 100)
    response = member_client.post(
        reverse("documents:upload", args=[folder.pk]), {"title": "T", "ticket": plan["ticket"]}
    )
    assert response.status_code == 400
    assert "trop volumineux" in response.content.decode()
    assert s3_storage.keys() == [] and not DocumentVersion.objects.exists()


@pytest.mark.usefixtures("s3_storage")
def test_prepare_refuses_declared_oversize(member_client, folder, settings):
    settings.MAX_UPLOAD_SIZE = 1000
    response = prepare(member_client, folder, "gros.pdf", 5000)
    assert response.status_code == 400 and "trop volumineux" in response.json()["error"]


def test_size_different_from_the_declared_one_is_refused(member_client, folder, s3_storage):
    """Same as above, for a store that let a smaller object in under the declared size."""
    data = samples.pdf_bytes()
    plan = prepare(member_client, folder, "r.pdf", len(data) + 10).json()
    s3_storage.client.put_object(Bucket=s3_storage.name, Key=plan["fields"]["key"], Body=data)
    response = member_client.post(
        reverse("documents:upload", args=[folder.pk]), {"title": "T", "ticket": plan["ticket"]}
    )
    assert response.status_code == 400 and "incomplet" in response.content.decode()
    assert s3_storage.keys() == []


def test_checksum_mismatch_is_refused(member_client, folder, s3_storage):
    response, _plan = direct_upload(
        member_client, folder, "r.pdf", samples.pdf_bytes(), sha256="0" * 64
    )
    assert response.status_code == 400 and "empreinte" in response.content.decode()
    assert s3_storage.keys() == [] and not DocumentVersion.objects.exists()


@pytest.mark.usefixtures("s3_storage")
def test_a_ticket_cannot_be_used_by_someone_else_nor_twice(
    member_client, other_member_client, folder
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
    settings.FILE_URL_EXPIRY = 120
    asked = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    response = member_client.get(version.get_download_url())
    assert response.status_code == 302
    url = response["Location"]
    assert url.startswith(s3_storage.server.endpoint_url) and "X-Amz-Expires=120" in url
    fetched = requests.get(url, timeout=10)
    assert fetched.status_code == 200 and fetched.content == data
    disposition = fetched.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "proc%C3%A8s-verbal.pdf" in disposition
    assert fetched.headers["Content-Type"] == files.PDF
    # The member follows the link later: the S3 server's clock moves instead of the test waiting.
    s3_storage.server.rules.clock = lambda: asked + datetime.timedelta(seconds=110)
    assert requests.get(url, timeout=10).status_code == 200  # still within FILE_URL_EXPIRY
    s3_storage.server.rules.clock = lambda: asked + datetime.timedelta(seconds=130)
    expired = requests.get(url, timeout=10)
    assert expired.status_code == 403 and b"Request has expired" in expired.content
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


@pytest.mark.parametrize("size", ["0", "-5", "abc"])
@pytest.mark.usefixtures("s3_storage")
def test_prepare_refuses_a_size_that_is_not_a_file(member_client, folder, size):
    response = prepare(member_client, folder, "vide.pdf", size)
    assert response.status_code == 400 and "vide" in response.json()["error"]


def test_prepare_refuses_a_program_by_its_name_before_anything_is_sent(
    member_client, folder, s3_storage
):
    response = prepare(member_client, folder, "installer.exe.", 1000)
    assert response.status_code == 400 and "exécutables" in response.json()["error"]
    assert s3_storage.keys() == []
