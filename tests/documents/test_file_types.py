"""File types are said in words with an icon ("PDF", "Tableur Excel"), never as a MIME type."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.utils import translation

from community import files
from documents.models import Document
from documents.templatetags.file_types import file_kind
from tests.documents import samples
from tests.documents.conftest import upload


@pytest.mark.parametrize(
    ("content_type", "icon", "label"),
    [
        (files.PDF, "pdf", "PDF"),
        (files.DOCX, "word", "Document Word"),
        (files.DOC, "word", "Document Word"),
        (files.ODT, "word", "Texte OpenDocument"),
        (files.XLSX, "excel", "Tableur Excel"),
        (files.ODS, "excel", "Tableur OpenDocument"),
        (files.CSV, "excel", "Tableau CSV"),
        (files.PPTX, "slides", "Présentation PowerPoint"),
        (files.PNG, "image", "Image PNG"),
        (files.JPEG, "image", "Image JPEG"),
        (files.TEXT, "text", "Texte"),
        (files.ZIP, "archive", "Archive ZIP"),
        ("application/pdf; charset=binary", "pdf", "PDF"),
        ("application/x-inconnu", "file", "Fichier"),
        ("", "file", "Fichier"),
    ],
)
def test_each_type_has_words_and_an_icon_that_exists(content_type, icon, label):
    with translation.override("fr"):
        assert file_kind(content_type) == (icon, label)
    assert finders.find(f"documents/icons/{icon}.svg") is not None


def test_labels_in_english():
    with translation.override("en"):
        assert file_kind(files.XLSX) == ("excel", "Excel spreadsheet")
        assert file_kind(files.PNG) == ("image", "PNG image")
        assert file_kind("application/x-inconnu") == ("file", "File")


def test_the_document_page_and_the_folder_list_say_pdf(member_client, folder):
    upload(member_client, folder, "note.pdf", samples.pdf_bytes(), title="Note de service")
    document = Document.objects.get()
    for url in (document.get_absolute_url(), folder.get_absolute_url()):
        page = member_client.get(url).content.decode()
        assert "application/pdf" not in page
        assert re.search(
            r'<span class="file-type file-type-pdf"><img src="/static/documents/icons/pdf.svg"'
            r' alt="" width="20" height="24" class="file-icon"> PDF</span>',
            page,
        ), url


def test_a_spreadsheet_in_the_version_history(member_client, folder):
    upload(member_client, folder, "inventaire.xlsx", samples.xlsx_bytes(), title="Inventaire")
    page = member_client.get(Document.objects.get().get_absolute_url()).content.decode()
    assert "(Tableur Excel," in page
    assert "spreadsheetml" not in page


def test_upload_says_it_is_done(member_client, folder):
    response = upload(member_client, folder, "note.pdf", samples.pdf_bytes())
    page = member_client.get(response["Location"]).content.decode()
    assert '<li class="message message-success" >Le document est déposé.</li>' in page or (
        "Le document est déposé." in page
    )
    # The page that shows it also brings the module that shows a message carried by upload.js.
    assert '<script type="module" src="/static/documents/carried-messages.js"></script>' in page


def test_the_upload_form_offers_drop_and_keeps_its_progress_hidden(member_client, folder):
    page = member_client.get(f"/documents/dossiers/{folder.pk}/deposer/").content.decode()
    assert re.search(r'<div class="upload-progress" hidden>', page)
    assert 'data-drop-hint="Vous pouvez aussi glisser-déposer le fichier ici."' in page
