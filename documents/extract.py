"""Text of PDFs and office documents, extracted once at upload so the library can search it."""

import io
import logging
import re
import zipfile
from xml.etree import ElementTree

from community import files

logger = logging.getLogger(__name__)

MAX_CHARS = 200_000
TEXT_BYTES = 1024 * 1024

# Office archives (pptx, odt, ods, odp) are read with zipfile and ElementTree: every member read
# is capped, and so are the total read and the number of members (zip bombs).
ZIP_MAX_MEMBERS = 5_000
ZIP_MEMBER_BYTES = 20 * 1024 * 1024
ZIP_TOTAL_BYTES = 40 * 1024 * 1024

EXTRACTABLE = {
    files.PDF,
    files.DOCX,
    files.XLSX,
    files.PPTX,
    files.ODT,
    files.ODS,
    files.ODP,
    files.TEXT,
    files.CSV,
}


def extract_text(fileobj, mime: str) -> str:
    """The searchable text of a file (seekable file object), or "" when none can be read."""
    try:
        fileobj.seek(0)
        if mime == files.PDF:
            text = _pdf(fileobj)
        elif mime == files.DOCX:
            text = _docx(fileobj)
        elif mime == files.XLSX:
            text = _xlsx(fileobj)
        elif mime == files.PPTX:
            text = _pptx(fileobj)
        elif mime in (files.ODT, files.ODS, files.ODP):
            text = _odf(fileobj)
        elif mime in (files.TEXT, files.CSV):
            raw = fileobj.read(TEXT_BYTES)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
        else:
            text = ""
    except Exception as error:  # a broken file still uploads, it is just not searchable
        # WARNING, the level the logs keep: a document nobody can find by its content is a
        # problem someone should see.
        logger.warning("No text extracted (%s): %s", mime, error, exc_info=True)
        text = ""
    finally:
        try:
            fileobj.seek(0)
        except (OSError, ValueError):
            pass
    return " ".join(text.split())[:MAX_CHARS]


def _pdf(fileobj) -> str:
    from pypdf import PdfReader

    reader = PdfReader(fileobj)
    parts, total = [], 0
    for page in reader.pages:
        chunk = page.extract_text() or ""
        parts.append(chunk)
        total += len(chunk)
        if total > MAX_CHARS:
            break
    return "\n".join(parts)


def _docx(fileobj) -> str:
    import docx

    document = docx.Document(fileobj)
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _xlsx(fileobj) -> str:
    import openpyxl

    workbook = openpyxl.load_workbook(fileobj, read_only=True, data_only=True)
    parts, total = [], 0
    for sheet in workbook.worksheets:
        parts.append(sheet.title)
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                if value is not None:
                    text = str(value)
                    parts.append(text)
                    total += len(text)
            if total > MAX_CHARS:
                break
    workbook.close()
    return "\n".join(parts)


# -- pptx and OpenDocument: ZIP archives of XML --------------------------------------------------

_DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODF_BLOCKS = {f"{_TEXT}p", f"{_TEXT}h"}
_ODF_SPACES = {f"{_TEXT}s", f"{_TEXT}tab", f"{_TEXT}line-break"}
_SLIDE = re.compile(r"ppt/(slides/slide|notesSlides/notesSlide)(\d+)\.xml")


class _ZipReader:
    """Reads members of an archive without ever inflating more than the caps allow."""

    def __init__(self, archive: zipfile.ZipFile):
        if len(archive.infolist()) > ZIP_MAX_MEMBERS:
            raise ValueError("too many members in the archive")
        self.archive = archive
        self.total = 0

    def read(self, name: str) -> bytes:
        info = self.archive.getinfo(name)
        limit = min(ZIP_MEMBER_BYTES, ZIP_TOTAL_BYTES - self.total)
        if info.file_size > limit:
            raise ValueError(f"{name} is too large once inflated")
        with self.archive.open(info) as member:
            data = member.read(limit + 1)  # the declared size may lie: never inflate past it
        if len(data) > limit:
            raise ValueError(f"{name} is too large once inflated")
        self.total += len(data)
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise ValueError(f"{name} declares a DTD")  # office XML never does (entity bombs)
        return data


def _pptx(fileobj) -> str:
    with zipfile.ZipFile(fileobj) as archive:
        reader = _ZipReader(archive)
        slides = []
        for name in archive.namelist():
            match = _SLIDE.fullmatch(name)
            if match:
                # The slides in their order, each followed by its speaker notes.
                slides.append((int(match.group(2)), match.group(1).startswith("notes"), name))
        parts, total = [], 0
        for _number, _notes, name in sorted(slides):
            for paragraph in _pptx_paragraphs(reader.read(name)):
                parts.append(paragraph)
                total += len(paragraph)
            if total > MAX_CHARS:
                break
    return "\n".join(parts)


def _pptx_paragraphs(data: bytes):
    """The text of each <a:p> of a slide: its <a:t> runs joined (a word may span two runs)."""
    for _event, element in ElementTree.iterparse(io.BytesIO(data), events=("end",)):
        if element.tag == f"{_DRAWING}p":
            text = "".join(run.text or "" for run in element.iter(f"{_DRAWING}t"))
            element.clear()
            if text.strip():
                yield text


def _odf(fileobj) -> str:
    """The text of an OpenDocument file: paragraphs and headings (table cells hold paragraphs
    too), and the sheet names of a spreadsheet."""
    with zipfile.ZipFile(fileobj) as archive:
        data = _ZipReader(archive).read("content.xml")
    parts, total = [], 0
    for event, element in ElementTree.iterparse(io.BytesIO(data), events=("start", "end")):
        if event == "start":
            if element.tag == f"{_TABLE}table" and element.get(f"{_TABLE}name"):
                parts.append(element.get(f"{_TABLE}name"))
            continue
        if element.tag in _ODF_BLOCKS:
            text = _odf_text(element)
            element.clear()
            if text.strip():
                parts.append(text)
                total += len(text)
                if total > MAX_CHARS:
                    break
    return "\n".join(parts)


def _odf_text(element) -> str:
    """The text of a paragraph with its spans, where <text:s/>, tabs and line breaks are spaces."""
    parts = [element.text or ""]
    for child in element:
        if child.tag in _ODF_SPACES:
            parts.append(" ")
        elif child.tag not in _ODF_BLOCKS:  # a nested paragraph was already counted
            parts.append(_odf_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
