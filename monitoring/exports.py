"""CSV (streamed) and XLSX exports of a dashboard's tables, headers in the reader's language.

A cell that starts with = + - @, a tab or a carriage return is prefixed with an apostrophe, so
that a spreadsheet opening the file shows it as text instead of running it as a formula.
Numbers stay numbers (a negative change is written as a number, not as text).
"""

import csv
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse
from django.utils.text import slugify

from monitoring.tables import Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def table_rows(table: Table) -> Iterator[list]:
    yield [safe(c.label) for c in table.columns]
    for row in table.rows:
        yield [safe(_exported(cell)) for cell in row]


def _exported(cell):
    """The figure itself (a number) where there is one, else the text shown."""
    if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
        return cell.value
    return cell.text


class _Echo:
    def write(self, value):
        return value


def stream_csv(rows: Iterable[list], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # a BOM: spreadsheets then read the file as UTF-8
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(table: Table, filename: str):
    from io import BytesIO

    from django.http import HttpResponse
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=slugify(table.title)[:31] or "table")
    for row in table_rows(table):
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def xlsx_available() -> bool:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        return False
    return True


def export_table(table: Table, fmt: str, name: str):
    filename = slugify(f"{name}-{table.key}") or table.key
    if fmt == "xlsx" and xlsx_available():
        return xlsx_response(table, filename)
    return stream_csv(table_rows(table), filename)
