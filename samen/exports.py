"""Downloads of lists as CSV or XLSX: one way for every list in the portal.

Lists export the same queryset they show (already narrowed by `access.filter` and the
filters), so an export never holds more than the page would. `stream()` writes rows as they
come from the database: CSV is sent while it is written, XLSX is built in openpyxl's
write-only mode in a temporary file, so memory stays flat whatever the number of rows.

Every download is safe to open in a spreadsheet: no cell ever becomes a formula. Text that a
spreadsheet would read as one (it starts with = + - @, a tab or a carriage return) gets a
leading apostrophe, in CSV and XLSX alike (OWASP's advice against CSV injection), so that a
person called `=HYPERLINK(…)` stays a name. Numbers are never changed. This happens here, cell
by cell, so it covers datasets from django-import-export resources as well as `dataset()`.
"""

import csv
import datetime as dt
import io
import math
import re
import tempfile
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

#: First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula
#: (OWASP: = + - @ tab CR; ASVS adds NUL; full-width forms, which some versions convert).
FORMULA_TRIGGERS = frozenset("=+-@\t\r\0\uff1d\uff0b\uff0d\uff20")
# Plain numbers written as text ("-5", "+31", "12,5") cannot hold a formula: left alone.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
# Characters that XML 1.0 (so XLSX) cannot hold at all; openpyxl refuses them.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def requested_format(request):
    """'csv' or 'xlsx' when the list was asked for as a download (?export=…), else None."""
    fmt = request.GET.get("export")
    return fmt if fmt in FORMATS else None


def stream(fmt, basename, headers, rows, title=None):
    """`rows` (an iterable of value lists, read once) as an attachment
    `<basename>-<date>.<fmt>`, without holding them in memory.

    Guarantees that no cell of the file is a formula: text cells that would start one are
    prefixed with an apostrophe (see `neutralise`), and XLSX text cells are stored as text.
    CSV is for Dutch Excel: UTF-8 with BOM, `;` between cells, CRLF line ends.
    """
    filename = export_filename(basename, fmt)
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_chunks(headers, rows), content_type=FORMATS[fmt])
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    file = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
    _write_xlsx(file, headers, rows, title or basename)
    file.seek(0)
    return FileResponse(file, as_attachment=True, filename=filename, content_type=FORMATS[fmt])


def export_filename(basename, fmt):
    """`<basename>-<date>.<fmt>`: the name every download of a list gets."""
    return f"{basename}-{timezone.localdate().isoformat()}.{fmt}"


def write(fmt, file, headers, rows, title=None):
    """`rows` written to the binary `file` as `stream` would send them (a background export,
    samen/jobs.py): the same cells, the same neutralising, memory as flat."""
    if fmt == "csv":
        for chunk in _csv_chunks(headers, rows):
            file.write(chunk)
    else:
        _write_xlsx(file, headers, rows, title)


def download(dataset, fmt, basename):
    """A tablib `dataset` (already in memory: an overview, not a list) as an attachment."""
    return stream(fmt, basename, dataset.headers, iter(dataset), title=dataset.title)


def dataset(headers, rows):
    """A tablib Dataset from column headers (translated) and rows of plain values."""
    import tablib

    data = tablib.Dataset(headers=[str(h) for h in headers])
    for row in rows:
        data.append(["" if value is None else str(value) for value in row])
    return data


def neutralise(text):
    """`text` such that a spreadsheet shows it and never evaluates it.

    Text whose first character (or first after leading spaces) is a formula trigger gets a
    leading apostrophe, unless it is a plain number like "-5"; anything else is unchanged.
    """
    if text.lstrip(" ")[:1] in FORMULA_TRIGGERS and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


# --- CSV ---------------------------------------------------------------------------------------


def _csv_chunks(headers, rows, chunk_size=64 * 1024):
    """The CSV file in encoded pieces of about `chunk_size` bytes (a generator, which a
    StreamingHttpResponse sends while the rows are still being read)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    buffer.write("\ufeff")  # the byte-order mark makes Excel read UTF-8 (é, ë)
    if headers:
        writer.writerow([_csv_cell(str(h)) for h in headers])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
        if buffer.tell() >= chunk_size:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return str(value).replace(".", ",")  # Dutch Excel: `;` between cells, `,` in numbers
    if isinstance(value, dt.datetime):
        value = _naive(value)
        return value.isoformat(sep=" ", timespec="minutes" if not value.second else "seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return neutralise(str(value))


# --- XLSX --------------------------------------------------------------------------------------


def _write_xlsx(file, headers, rows, title):
    """The rows as a one-sheet workbook in `file`, written row by row (openpyxl write-only:
    rows go to a temporary file as they come, not into memory)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    title = _SHEET_TITLE_FORBIDDEN.sub("", str(title or ""))[:31]
    sheet = book.create_sheet(title=title or "Export")
    if headers:
        sheet.freeze_panes = "A2"
        header = [_xlsx_cell(sheet, str(value)) for value in headers]
        bold = Font(bold=True)
        for cell in header:
            if cell is not None:
                cell.font = bold
        sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    book.save(file)


def _xlsx_cell(sheet, value):
    """A cell holding `value`: numbers and dates as they are, anything else as text.

    openpyxl stores any str starting with "=" as a formula (and "#N/A" as an error); a text
    cell has its data type forced to "s" after the value is set, so neither can happen, and
    its text is neutralised as in CSV: one download reads the same in both formats, and stays
    inert when it is saved on as CSV.
    """
    from openpyxl.cell import WriteOnlyCell

    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        value = str(value)
    if isinstance(value, bool | int | float | Decimal | dt.date | dt.time):
        if isinstance(value, dt.datetime):
            value = _naive(value)
        elif isinstance(value, dt.time):
            value = value.replace(tzinfo=None)
        return WriteOnlyCell(sheet, value=value)
    cell = WriteOnlyCell(sheet, value=neutralise(_NOT_IN_XML.sub("", str(value))))
    cell.data_type = "s"
    return cell


def _naive(value):
    """A datetime as local wall time without a zone (spreadsheets know no time zones)."""
    if timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value
