"""Presentations and OpenDocument files are searchable by the words inside them; a broken or
oversized one is still stored, only not indexed."""

import io
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

from community import files
from documents import extract
from documents.models import Document
from tests.documents.conftest import upload

WORD = "Zygophyllum"

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
ODF_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'office:version="1.3"'
)


def pptx_bytes(slide_xml: str | None = None) -> bytes:
    """A minimal presentation: content types, presentation.xml and one slide."""
    if slide_xml is None:
        slide_xml = (
            f'<?xml version="1.0" encoding="UTF-8"?><p:sld xmlns:a="{A}" xmlns:p="{P}"><p:cSld>'
            "<p:spTree><p:sp><p:txBody><a:bodyPr/>"
            "<a:p><a:r><a:t>Journée de l'herbier</a:t></a:r></a:p>"
            # A word split over two runs, as PowerPoint does after a spelling correction.
            f"<a:p><a:r><a:t>Planche de {WORD[:4]}</a:t></a:r><a:r><a:t>{WORD[4:]}</a:t></a:r>"
            "</a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/ppt/presentation.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>',
        )
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("ppt/presentation.xml", f'<p:presentation xmlns:p="{P}"/>')
        archive.writestr("ppt/slides/slide1.xml", slide_xml)
    return buffer.getvalue()


def odf_bytes(mime: str, body: str | None = None, *, content: str | None = None) -> bytes:
    """A minimal OpenDocument file: the mimetype entry first and stored, then content.xml."""
    if content is None:
        content = (
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF_NAMESPACES}>'
            f"<office:body>{body}</office:body></office:document-content>"
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mime)  # stored, uncompressed
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
            'manifest:1.0"/>',
        )
    return buffer.getvalue()


ODT_BODY = (
    "<office:text><text:h>Constat d'état</text:h>"
    f"<text:p>Planche de <text:span>{WORD[:4]}</text:span>{WORD[4:]}<text:s/>séchée</text:p>"
    "</office:text>"
)
ODS_BODY = (
    '<office:spreadsheet><table:table table:name="Récolement">'
    "<table:table-row><table:table-cell><text:p>Numéro</text:p></table:table-cell>"
    f"<table:table-cell><text:p>{WORD}</text:p></table:table-cell></table:table-row>"
    "</table:table></office:spreadsheet>"
)
ODP_BODY = (
    "<office:presentation><draw:page><draw:frame><draw:text-box>"
    f"<text:p>Herbier : {WORD}</text:p>"
    "</draw:text-box></draw:frame></draw:page></office:presentation>"
)

SAMPLES = [
    ("herbier.pptx", pptx_bytes, files.PPTX),
    ("constat.odt", lambda: odf_bytes(files.ODT, ODT_BODY), files.ODT),
    ("recolement.ods", lambda: odf_bytes(files.ODS, ODS_BODY), files.ODS),
    ("herbier.odp", lambda: odf_bytes(files.ODP, ODP_BODY), files.ODP),
]


def _search(client, query: str) -> str:
    return client.get(reverse("documents:search"), {"q": query}).content.decode()


@pytest.mark.parametrize(("name", "make", "mime"), SAMPLES)
def test_a_member_finds_a_presentation_or_opendocument_by_a_word_inside(
    member_client, other_member_client, folder, name, make, mime
):
    response = upload(member_client, folder, name, make(), title="Pièce jointe")
    assert response.status_code == 302
    version = Document.objects.get().current_version
    assert version.content_type == mime
    assert WORD.lower() in version.extracted_text.lower()
    page = _search(other_member_client, WORD.lower())
    assert "Pièce jointe" in page
    assert "Pièce jointe" not in _search(other_member_client, "inexistant")


def test_opendocument_text_keeps_spans_spaces_and_sheet_names():
    text = extract.extract_text(io.BytesIO(odf_bytes(files.ODT, ODT_BODY)), files.ODT)
    assert text == f"Constat d'état Planche de {WORD} séchée"
    sheet = extract.extract_text(io.BytesIO(odf_bytes(files.ODS, ODS_BODY)), files.ODS)
    assert sheet == f"Récolement Numéro {WORD}"
    slides = extract.extract_text(io.BytesIO(pptx_bytes()), files.PPTX)
    assert slides == f"Journée de l'herbier Planche de {WORD}"


BROKEN = [
    ("casse.pptx", lambda: pptx_bytes(f'<p:sld xmlns:a="{A}"><a:t>{WORD}'), files.PPTX),
    ("casse.odt", lambda: odf_bytes(files.ODT, content=f"<office:x><text:p>{WORD}"), files.ODT),
    (
        "entites.ods",
        lambda: odf_bytes(
            files.ODS,
            content=(
                '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "' + WORD + '">]>'
                f"<office:document-content {ODF_NAMESPACES}><text:p>&a;&a;</text:p>"
                "</office:document-content>"
            ),
        ),
        files.ODS,
    ),
]


@pytest.mark.parametrize(("name", "make", "mime"), BROKEN)
def test_a_malformed_file_is_stored_but_not_indexed(
    member_client, folder, settings, name, make, mime
):
    data = make()
    response = upload(member_client, folder, name, data, title="Fichier abîmé")
    assert response.status_code == 302
    version = Document.objects.get().current_version
    assert version.content_type == mime and version.extracted_text == ""
    assert (Path(settings.MEDIA_ROOT) / version.file_name).read_bytes() == data
    assert "Fichier abîmé" not in _search(member_client, WORD.lower())
    assert "Fichier abîmé" in _search(member_client, "abime")  # the title still is


def test_an_odt_without_content_is_stored_but_not_indexed(member_client, folder):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), files.ODT)
        archive.writestr("styles.xml", "<styles/>")
    assert upload(member_client, folder, "vide.odt", data.getvalue()).status_code == 302
    assert Document.objects.get().current_version.extracted_text == ""


def test_archive_caps_stop_inflating(monkeypatch):
    """A member that inflates past the cap, or too many members, gives no text at all."""
    padding = "<text:p>" + "x " * 5_000 + "</text:p>"
    data = odf_bytes(files.ODT, f"<office:text><text:p>{WORD}</text:p>{padding}</office:text>")
    assert WORD in extract.extract_text(io.BytesIO(data), files.ODT)
    monkeypatch.setattr(extract, "ZIP_MEMBER_BYTES", 4_000)
    assert extract.extract_text(io.BytesIO(data), files.ODT) == ""
    monkeypatch.undo()
    monkeypatch.setattr(extract, "ZIP_TOTAL_BYTES", 4_000)
    assert extract.extract_text(io.BytesIO(data), files.ODT) == ""
    monkeypatch.undo()
    monkeypatch.setattr(extract, "ZIP_MAX_MEMBERS", 2)
    assert extract.extract_text(io.BytesIO(data), files.ODT) == ""
