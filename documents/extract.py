"""Text of PDFs and office documents, extracted once at upload so the library can search it."""

import logging

from community import files

logger = logging.getLogger(__name__)

MAX_CHARS = 200_000
TEXT_BYTES = 1024 * 1024

EXTRACTABLE = {files.PDF, files.DOCX, files.XLSX, files.TEXT, files.CSV}


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
        elif mime in (files.TEXT, files.CSV):
            raw = fileobj.read(TEXT_BYTES)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
        else:
            text = ""
    except Exception as error:  # a broken file still uploads, it is just not searchable
        logger.info("No text extracted (%s): %s", mime, error)
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
