"""The one way rows leave the site as a file: CSV (streamed) or XLSX, safe to open.

A text cell that starts with = + - @, a tab or a carriage return is prefixed with an apostrophe,
so that a spreadsheet opening the file shows it as text instead of running it as a formula.
Numbers stay numbers (a negative change is written as a number, not as text); dates are ISO.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import IO

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.text import slugify

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX_TYPE}


def safe(value) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def safe_rows(rows: Iterable[Iterable]) -> Iterator[list]:
    for row in rows:
        yield [safe(cell) for cell in row]


class _Echo:
    def write(self, value):
        return value


def csv_lines(rows: Iterable[Iterable]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # a BOM: spreadsheets then read the file as UTF-8
    for row in safe_rows(rows):
        yield writer.writerow(row)


def stream_csv(rows: Iterable[Iterable], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(rows), content_type=CONTENT_TYPES["csv"])
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def write_csv(rows: Iterable[Iterable], file: IO[bytes]) -> None:
    text = io.TextIOWrapper(file, encoding="utf-8", newline="")
    for line in csv_lines(rows):
        text.write(line)
    text.flush()
    text.detach()


def write_xlsx(rows: Iterable[Iterable], file: IO[bytes], title: str) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=slugify(title)[:31] or "table")
    for row in safe_rows(rows):
        sheet.append(row)
    book.save(file)


def xlsx_response(rows: Iterable[Iterable], filename: str, title: str) -> HttpResponse:
    buffer = io.BytesIO()
    write_xlsx(rows, buffer, title)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def xlsx_available() -> bool:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        return False
    return True


def response(rows: Iterable[Iterable], fmt: str, filename: str, title: str = ""):
    """The file in ``fmt`` ("csv" or "xlsx"; CSV when openpyxl is missing)."""
    if fmt == "xlsx" and xlsx_available():
        return xlsx_response(rows, filename, title or filename)
    return stream_csv(rows, filename)
