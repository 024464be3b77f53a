"""A file whose text cannot be read still uploads, and the failure is logged at WARNING."""

import io
import logging

from community import files
from documents.extract import extract_text


def test_an_unreadable_pdf_is_logged_at_warning(caplog):
    broken = io.BytesIO(b"%PDF-1.4\nnot really a pdf at all")
    with caplog.at_level(logging.WARNING, logger="documents.extract"):
        assert extract_text(broken, files.PDF) == ""
    assert any(
        r.levelno == logging.WARNING and "No text extracted" in r.getMessage()
        for r in caplog.records
    )
