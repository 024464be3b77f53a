"""Disguised files are refused the same way on every upload path (audit item 4): the document
form, the direct upload to the bucket (S3 server over HTTP), a forum attachment and a CV.

A page behind "%PDF-" (or behind a comment holding it), a program whose name ends in a dot,
space or bidi character, Office files with macros and archives holding programs."""

import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from machina.core.db.models import get_model

from community import files
from cvtheque.models import CandidateProfile
from documents.models import Document, DocumentVersion
from tests.cvtheque.conftest import profile_form
from tests.documents import samples
from tests.documents.conftest import prepare, send_to_bucket, upload
from tests.forum.conftest import make_topic, reply_data, reply_url

Forum = get_model("forum", "Forum")
Attachment = get_model("forum_attachments", "Attachment")

HTML = "Les pages HTML ne sont pas acceptées"
PROGRAM = "Les programmes et scripts exécutables ne sont pas acceptés"
MACROS = "contenant des macros"

# What each path accepts in its type list, so that the refusal comes from the disguise.
DISGUISED_FILES = [
    pytest.param("facture.pdf", samples.PDF_COMMENT_HTML, HTML, id="page-behind-pdf-comment"),
    pytest.param("facture.pdf", samples.PDF_THEN_SCRIPT, HTML, id="script-after-pdf-magic"),
    pytest.param("run.bat.", samples.pdf_bytes(), PROGRAM, id="trailing-dot"),
    pytest.param("run.bat ", samples.pdf_bytes(), PROGRAM, id="trailing-space"),
    pytest.param("facture\u202efdp.bat", samples.pdf_bytes(), PROGRAM, id="bidi-override"),
    pytest.param("run\u200b.bat", samples.pdf_bytes(), PROGRAM, id="zero-width-space"),
]


@pytest.fixture
def folder(db):  # noqa: ARG001 - db: the fixture writes rows
    from tests import factories

    return factories.FolderFactory(name="Procédures")


@pytest.mark.parametrize(("name", "data", "message"), DISGUISED_FILES)
def test_the_document_form_refuses(member_client, folder, name, data, message):
    response = upload(member_client, folder, name, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()


@pytest.mark.parametrize(("name", "data", "message"), DISGUISED_FILES)
def test_the_direct_upload_refuses(member_client, folder, s3_storage, name, data, message):
    answer = prepare(member_client, folder, name, len(data))
    if message == PROGRAM:  # the name alone gives it away: refused before anything is sent
        assert answer.status_code == 400
        assert message in answer.json()["error"]
        assert s3_storage.keys() == []
        return
    # A page behind a PDF's name: only its content tells, once it is in the bucket.
    assert answer.status_code == 200
    plan = answer.json()
    assert send_to_bucket(plan, name, data).status_code == 204
    response = member_client.post(
        reverse("documents:upload", args=[folder.pk]), {"title": "T", "ticket": plan["ticket"]}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert s3_storage.keys() == [] and not DocumentVersion.objects.exists()


@pytest.mark.parametrize(("name", "data", "message"), DISGUISED_FILES)
def test_a_forum_attachment_refuses(member, member_client, name, data, message):
    topic = make_topic(Forum.objects.get(slug="conservation-preventive"), member)
    payload = reply_data(**{"attachment-TOTAL_FORMS": "1"})
    payload["attachment-0-file"] = SimpleUploadedFile(name, data)
    payload["attachment-0-comment"] = ""
    response = member_client.post(reply_url(topic), payload)
    assert message in response.content.decode()
    assert topic.posts.count() == 1 and not Attachment.objects.exists()


@pytest.mark.parametrize(("name", "data", "message"), DISGUISED_FILES)
def test_a_cv_refuses(member_client, name, data, message):
    cv = SimpleUploadedFile(name, data, content_type="application/pdf")
    response = member_client.post("/cvtheque/mon-cv/", profile_form(cv=cv))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CandidateProfile.objects.exists()


# -- Office files with macros and archives (documents; Office files are forum attachments too) --

REFUSED_OFFICE_AND_ARCHIVES = [
    pytest.param("budget.xlsm", samples.xlsx_bytes(), MACROS, id="xlsm"),
    pytest.param("procedure.docx", samples.docx_with_macros(), MACROS, id="docx-holding-vba"),
    pytest.param(
        "photos.zip", samples.zip_with("setup.exe", b"not even a program"), "programme", id="exe"
    ),
    pytest.param("photos.zip", samples.zip_with("notes.txt", samples.PE), "programme", id="pe"),
    pytest.param(
        "photos.zip", samples.zip_in_zip("lancer.bat", samples.BATCH), "programme", id="nested"
    ),
    pytest.param("photos.zip", samples.encrypted_zip(), "mot de passe", id="password"),
    pytest.param(
        "photos.zip",
        samples.zip_with("scans.7z", b"7z\xbc\xaf\x27\x1c" + b"\x00" * 32),
        "ne peut pas être vérifié",
        id="7z-inside",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), REFUSED_OFFICE_AND_ARCHIVES)
def test_macros_and_archives_holding_programs_are_refused(
    member_client, folder, name, data, message
):
    response = upload(member_client, folder, name, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DocumentVersion.objects.exists()


@pytest.mark.parametrize(("name", "data", "message"), REFUSED_OFFICE_AND_ARCHIVES[:2])
def test_a_forum_attachment_with_macros_is_refused(member, member_client, name, data, message):
    topic = make_topic(Forum.objects.get(slug="conservation-preventive"), member)
    payload = reply_data(**{"attachment-TOTAL_FORMS": "1"})
    payload["attachment-0-file"] = SimpleUploadedFile(name, data)
    payload["attachment-0-comment"] = ""
    response = member_client.post(reply_url(topic), payload)
    assert message in response.content.decode()
    assert not Attachment.objects.exists()


def test_the_direct_upload_looks_into_the_whole_archive(member_client, folder, s3_storage):
    """The program sits after 64 KiB of photos: the server reads the whole archive."""
    photo = random.Random(1).randbytes(100_000)  # does not compress
    data = samples._zip({"photos/salle-1.jpg": photo, "outils/installer.exe": b"MZ\x90\x00"})
    assert len(data) > files.SNIFF_BYTES
    plan = prepare(member_client, folder, "photos.zip", len(data)).json()
    send_to_bucket(plan, "photos.zip", data)
    response = member_client.post(
        reverse("documents:upload", args=[folder.pk]), {"title": "T", "ticket": plan["ticket"]}
    )
    assert response.status_code == 400 and "programme" in response.content.decode()
    assert s3_storage.keys() == []


def test_a_zip_of_word_documents_is_accepted(member_client, folder):
    response = upload(member_client, folder, "conventions.zip", samples.zip_of_word_documents())
    assert response.status_code == 302
    assert DocumentVersion.objects.get().content_type == files.ZIP


def test_a_name_is_kept_as_it_was_checked(member_client, folder):
    """Trailing dots and spaces, decomposed accents, control characters: the name stored and
    offered at download is the one the checks saw."""
    response = upload(member_client, folder, "Proce\u0301dure\u0007 de pre\u0302t.pdf . ")
    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    assert version.original_filename == "Procédure de prêt.pdf"
    download = member_client.get(version.get_download_url())
    assert "Proc%C3%A9dure%20de%20pr%C3%AAt.pdf" in download["Content-Disposition"]
    download.close()
