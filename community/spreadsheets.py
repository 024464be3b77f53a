"""CSV exports that staff open in a spreadsheet program (used by several apps)."""

import csv

from django.http import HttpResponse


def safe_cell(value) -> str:
    # Spreadsheets run cells that start with these characters as formulas.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        self._writer.writerow([safe_cell(value) for value in row])


def csv_response(filename: str):
    """A CSV attachment that French spreadsheet programs open correctly (`;`, UTF-8 with a
    BOM), and a writer that escapes every cell."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return response, _SafeWriter(csv.writer(response, delimiter=";"))
