"""One reader for every spreadsheet upload (CSV or XLSX).

`read_upload` turns an uploaded file into a tablib Dataset that django-import-export resources
import as they are, or refuses the whole file with an `UploadError` carrying a Dutch message for
the form. It never answers with anything else for a bad file, and it bounds the work before it
starts:

* the type comes from the content, not the name: a zip holding ``xl/workbook.xml`` is an Excel
  workbook; an OLE file is an old ``.xls`` (or a workbook with a password) and is refused with
  advice; text without NUL bytes in UTF-8 (with or without BOM) or cp1252 is CSV;
* the compressed size is checked first, then, for a workbook, the sizes its zip members declare,
  and their compression ratio, before openpyxl parses anything. Python's zipfile never
  decompresses a member beyond its declared size (it fails the CRC check instead), so the
  declared sizes bound the work;
* the workbook is read with openpyxl in read-only, streaming mode, and reading stops at the
  row limit: a 200,000-row file is refused after row 2,002, not rendered;
* a row with more or fewer cells than the header, or with an overlong value, is reported for
  that row (`Upload.row_errors`) and kept out of the dataset, so the preview lists it with the
  rows the resource refuses.

Rows are numbered as in the spreadsheet: the header is row 1, the first data row is row 2, and
blank rows are skipped but keep their numbers (`Upload.row_numbers`).

What happens to an upload next — the preview, the wait until it is confirmed, the import —
is samen/imports.py.

This module is on the ground floor: it imports no app of the project.
"""

import contextlib
import csv
import datetime as dt
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

import tablib
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from import_export.formats import base_formats

from samen.errors import DomainError

#: The file as uploaded (compressed, for a workbook). Matches the forms' "Hoogstens 2 MB".
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
#: The sum of the sizes a workbook's zip members declare. The largest realistic import (2,000
#: rows of 8 columns) unpacks to about 1 MB; openpyxl parses some 10 MB of sheet XML a second,
#: so 10 MB keeps the worst accepted file to about a second (bench/upload_memory.py).
MAX_UNCOMPRESSED_BYTES = 10 * 1024 * 1024
#: One member other than a worksheet: openpyxl parses shared strings and styles whole, into
#: memory, before the first row (a worksheet it streams). 4 MB parses in about a second.
MAX_PART_BYTES = 4 * 1024 * 1024
#: Uncompressed / compressed size of one member. Spreadsheet XML compresses 5 to 20 times; a
#: zip bomb a thousand times. Checked only for members above RATIO_MIN_BYTES.
MAX_RATIO = 100
RATIO_MIN_BYTES = 256 * 1024
#: Zip members of a workbook; Excel writes about ten, more with many sheets or pictures.
MAX_MEMBERS = 200
#: Data rows (not counting blank rows). The preview validates every row against the database
#: and shows it in one page: 2,000 rows is more than a partnership's schools or a year's people
#: of one file, and keeps the preview to seconds. Larger files can be imported in parts.
MAX_ROWS = 2000
#: Rows read in all, blank ones included (a blank row costs parsing too); at least 5 × max_rows.
MAX_SHEET_ROWS = 10_000
#: Columns in the header; the imports have seven and eight.
MAX_COLUMNS = 50
#: Characters in one cell; the longest field of the imports is an address or name (≤ 255).
MAX_FIELD_CHARS = 1000
#: Characters in one column name; a longer "name" means the first row holds no column names.
MAX_HEADER_CHARS = 100

FORMATS = {"csv": base_formats.CSV, "xlsx": base_formats.XLSX}

# An oversized field must be read, then reported for its row, not raise csv.Error: no field
# can be longer than the file.
csv.field_size_limit(max(csv.field_size_limit(), MAX_UPLOAD_BYTES + 1))

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Control characters that plain text (CSV) never holds: every C0 control but tab, line feed,
# vertical tab, form feed and carriage return.
_BINARY_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


class UploadError(DomainError):
    """The whole file is refused; `message` (Dutch) belongs on the form's file field."""


@dataclass
class Upload:
    """An upload as read: the data rows that may be imported, and what was wrong with the rest.

    `dataset` holds one row per data row without a reading error, with the (normalised,
    lower-case) headers of the columns the caller asked for; `row_numbers[i]` is the
    spreadsheet row of `dataset[i]`. `row_errors` maps spreadsheet row numbers to Dutch
    messages for the rows left out. `content` is the file exactly as uploaded.
    """

    name: str
    format: str  # "csv" or "xlsx"
    content: bytes = field(repr=False)  # personal data: kept out of logs and error pages
    dataset: tablib.Dataset = field(repr=False)
    row_numbers: list[int]
    row_errors: dict[int, list[str]] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def sha256(self):
        return hashlib.sha256(self.content).hexdigest()

    @property
    def import_format(self):
        """The django-import-export format object of this upload (CSV() or XLSX())."""
        return FORMATS[self.format]()

    def file_row(self, number):
        """The spreadsheet row of dataset row `number`, counted from 1 as django-import-export
        numbers rows in its results (`RowResult.number`, `InvalidRow.number`)."""
        return self.row_numbers[number - 1]

    def rows(self):
        """(spreadsheet row number, {column: value}) for every row of the dataset."""
        headers = self.dataset.headers
        for number, values in zip(self.row_numbers, self.dataset, strict=True):
            yield number, dict(zip(headers, values, strict=True))

    def __len__(self):
        return len(self.dataset)


# --- reading ---------------------------------------------------------------------------------


def read_upload(
    upload,
    *,
    name="",
    columns=None,
    required=(),
    aliases=None,
    max_rows=MAX_ROWS,
):
    """Reads an uploaded CSV or XLSX file (an UploadedFile, a file object or bytes).

    Guarantees: either an `Upload` whose dataset has those of `columns` that the file has (in
    the file's order; every named column when `columns` is None), all `required` ones among
    them, and whose file has at most `max_rows` data rows and at least one (read, or refused in
    `row_errors`); or an `UploadError` with a Dutch message. Header names are stripped and
    lower-cased, then mapped through `aliases` ({"email": "e-mail"}). Cells are stripped text
    ("" for an empty cell). Nothing is saved.
    """
    name = name or getattr(upload, "name", "") or ""
    content = _read_bytes(upload)
    fmt = sniff(content)
    options = {
        "columns": None if columns is None else tuple(columns),
        "required": tuple(required),
        "aliases": dict(aliases or {}),
        "max_rows": max_rows,
        "max_sheet_rows": max(MAX_SHEET_ROWS, 5 * max_rows),
    }
    if fmt == "xlsx":
        check_zip(content)
        try:
            with contextlib.closing(_xlsx_rows(content, options["max_sheet_rows"])) as rows:
                table = _tabulate(rows, **options)
        except UploadError:
            raise
        except Exception as exc:  # openpyxl and zipfile raise many kinds; all mean unreadable
            raise UploadError(
                _(
                    "Het Excel-bestand kan niet gelezen worden. Sla het opnieuw op als "
                    "Excel-werkmap (.xlsx) of als CSV en upload het opnieuw."
                )
            ) from exc
    else:
        table = _tabulate(_csv_rows(content), **options)
    dataset, row_numbers, row_errors, ignored = table
    return Upload(name, fmt, content, dataset, row_numbers, row_errors, ignored)


#: Files that are often picked by mistake: PDF, PNG, JPEG, GIF.
_OTHER_MAGIC = (b"%PDF-", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")


def sniff(content):
    """'xlsx' or 'csv', judged by the content alone; UploadError for anything else."""
    if not content:
        raise UploadError(_("Het bestand is leeg."))
    if len(content) > MAX_UPLOAD_BYTES:
        raise UploadError(_too_big())
    if content.startswith(_ZIP_MAGIC):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(content)).namelist())
        except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError, EOFError):
            # NotImplementedError: a damaged header claiming a zip version Python does not read.
            raise UploadError(_not_a_spreadsheet()) from None
        if "xl/workbook.xml" not in names:
            raise UploadError(_not_a_spreadsheet())
        return "xlsx"
    if content.startswith(_OLE_MAGIC):
        raise UploadError(
            _(
                "Dit is een oud Excel-bestand (.xls) of een werkmap met een wachtwoord. Sla "
                "het in Excel op als Excel-werkmap (.xlsx) of als CSV, zonder wachtwoord, en "
                "upload het opnieuw."
            )
        )
    if content.startswith(_OTHER_MAGIC):  # a PDF, an image: plainly not a spreadsheet
        raise UploadError(_not_a_spreadsheet())
    if content.startswith(_UTF16_BOMS):
        raise UploadError(
            _(
                "Dit tekstbestand is opgeslagen als Unicode (UTF-16). Sla het op als "
                "‘CSV UTF-8’ en upload het opnieuw."
            )
        )
    if b"\x00" in content:
        raise UploadError(_not_a_spreadsheet())
    text = _decode(content)
    if text is None or _BINARY_CHARS.search(text):
        raise UploadError(_not_a_spreadsheet())
    return "csv"


def check_zip(content):
    """Refuses a workbook whose zip members would unpack too large, too many or too steeply.

    Reads only the zip's central directory: nothing is decompressed.
    """
    try:
        members = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError, EOFError):
        raise UploadError(_not_a_spreadsheet()) from None
    resave = _(
        "Sla het op als CSV, of verwijder overbodige werkbladen, afbeeldingen en opmaak, en "
        "upload het opnieuw."
    )
    if len(members) > MAX_MEMBERS:
        raise UploadError(
            _("Het Excel-bestand bestaat uit te veel onderdelen (%(count)s).")
            % {"count": len(members)}
            + " "
            + resave
        )
    if sum(member.file_size for member in members) > MAX_UNCOMPRESSED_BYTES:
        raise UploadError(
            _("Het Excel-bestand is uitgepakt groter dan %(max)s.")
            % {"max": _mb(MAX_UNCOMPRESSED_BYTES)}
            + " "
            + resave
        )
    for member in members:
        if member.file_size > MAX_PART_BYTES and not member.filename.startswith("xl/worksheets/"):
            raise UploadError(
                _("Een onderdeel van het Excel-bestand is uitgepakt groter dan %(max)s.")
                % {"max": _mb(MAX_PART_BYTES)}
                + " "
                + resave
            )
        if member.flag_bits & 0x1 or member.compress_type not in (
            zipfile.ZIP_STORED,
            zipfile.ZIP_DEFLATED,
        ):
            raise UploadError(
                _("Het Excel-bestand is versleuteld of op een onbekende manier ingepakt.")
                + " "
                + resave
            )
        if member.file_size > RATIO_MIN_BYTES and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise UploadError(
                _("Het Excel-bestand is verdacht sterk ingepakt en wordt niet gelezen.")
                + " "
                + resave
            )


def _read_bytes(upload):
    if isinstance(upload, bytes | bytearray | memoryview):
        return bytes(upload)
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise UploadError(_too_big())
    if hasattr(upload, "seek"):
        upload.seek(0)
    # One byte more than allowed tells a file that is too large from one that is not.
    return upload.read(MAX_UPLOAD_BYTES + 1)


def _decode(content):
    """The text of `content` in UTF-8 (a BOM is dropped) or else cp1252; None if neither."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _csv_rows(content):
    """(row number, [stripped cells]) for every record of a CSV file; `;` or `,` separated,
    whichever the first non-blank line (the header) holds more of.

    A record whose quoted field spans lines is one row, as in a spreadsheet.
    """
    text = _decode(content)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise UploadError(
                _("Het CSV-bestand kan niet gelezen worden bij rij %(row)s.") % {"row": number + 1}
            ) from exc
        number += 1
        yield number, [cell.strip() for cell in record]


def _xlsx_rows(content, max_sheet_rows):
    """(row number, [cell texts]) for every row of the workbook's active sheet, streamed.

    Rows are at most MAX_COLUMNS + 1 cells wide: enough to tell that a row is too wide.
    """
    import openpyxl
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = book.active
        if not isinstance(sheet, ReadOnlyWorksheet):
            sheet = next((s for s in book.worksheets if isinstance(s, ReadOnlyWorksheet)), None)
        if sheet is None:
            return
        # The declared dimensions may be anything; without them openpyxl pads neither rows
        # to the declared width nor the sheet to the declared height.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
        for number, values in enumerate(rows, 1):
            if number > max_sheet_rows:
                raise UploadError(_too_many_lines(max_sheet_rows))
            yield number, [_cell_text(value) for value in values]
    finally:
        book.close()


def _cell_text(value):
    """A spreadsheet value as the text the imports expect: 12.0 → "12", None → ""."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _tabulate(rows, *, columns, required, aliases, max_rows, max_sheet_rows):
    """The dataset, row numbers, row errors and ignored columns of (number, cells) rows."""
    header = None
    dataset = None
    row_numbers = []
    row_errors = {}
    ignored = []
    data_rows = 0
    for number, cells in rows:
        if number > max_sheet_rows:
            raise UploadError(_too_many_lines(max_sheet_rows))
        if not any(cells):
            continue
        if header is None:
            header, keep, ignored = _header(cells, columns, required, aliases)
            dataset = tablib.Dataset(headers=[header[i] for i in keep])
            continue
        data_rows += 1
        if data_rows > max_rows:
            raise UploadError(
                _(
                    "Het bestand heeft meer dan %(max)s rijen. Splits het in delen van "
                    "hoogstens %(max)s rijen en importeer die na elkaar."
                )
                % {"max": number_format(max_rows, force_grouping=True)}
            )
        errors = _row_problems(cells, header, keep)
        if errors:
            row_errors[number] = errors
            continue
        dataset.append([cells[i] for i in keep])
        row_numbers.append(number)
    if header is None:
        raise UploadError(_("Het bestand is leeg."))
    if not data_rows:
        raise UploadError(_("Het bestand bevat geen rijen onder de kolomnamen."))
    return dataset, row_numbers, row_errors, ignored


def _header(cells, columns, required, aliases):
    """(normalised names, indexes of the columns to keep, names of columns left out)."""
    names = [aliases.get(n, n) for n in (" ".join(c.lower().split()) for c in cells)]
    while names and not names[-1]:
        names.pop()
    if len(names) > MAX_COLUMNS:
        raise UploadError(_("Het bestand heeft meer dan %(max)s kolommen.") % {"max": MAX_COLUMNS})
    if any(len(n) > MAX_HEADER_CHARS for n in names):
        raise UploadError(
            _(
                "De eerste rij moet de kolomnamen bevatten, maar er staat een tekst van meer "
                "dan %(max)s tekens in."
            )
            % {"max": MAX_HEADER_CHARS}
        )
    seen = set()
    for n in names:
        if n and n in seen:
            raise UploadError(
                _("De kolom ‘%(column)s’ staat er meer dan één keer in.") % {"column": n}
            )
        seen.add(n)
    # In the order of `columns` (the order the form's help text names them), then by name.
    order = {c: i for i, c in enumerate(columns or ())}
    missing = sorted((c for c in required if c not in seen), key=lambda c: (order.get(c, 99), c))
    if missing:
        message = _("Deze kolommen ontbreken: %(columns)s.") % {"columns": ", ".join(missing)}
        if columns:
            message += " " + _("Verwacht: %(expected)s.") % {"expected": ", ".join(columns)}
        raise UploadError(message)
    if columns is None:
        keep = [i for i, n in enumerate(names) if n]
    else:
        keep = [i for i, n in enumerate(names) if n in columns]
    if not keep:
        message = _("Het bestand heeft geen van de kolommen die hier gelezen worden.")
        if columns:
            message += " " + _("Verwacht: %(expected)s.") % {"expected": ", ".join(columns)}
        raise UploadError(message)
    ignored = [n for i, n in enumerate(names) if n and i not in keep]
    return names, keep, ignored


def _row_problems(cells, header, keep):
    """Dutch messages for a row that cannot be read as the header's columns, or whose value in
    a column to keep is too long; [] if none."""
    width = len(header)
    found = len(cells)
    while found > width and not cells[found - 1]:
        found -= 1  # empty cells past the last column are no cells
    # (Workbook rows come padded to MAX_COLUMNS + 1 cells, so only a CSV row can be short.)
    if found != width:
        return [
            ngettext(
                "%(found)s kolom in plaats van %(expected)s.",
                "%(found)s kolommen in plaats van %(expected)s.",
                found,
            )
            % {"found": found, "expected": width}
        ]
    problems = []
    for index in keep:
        if len(cells[index]) > MAX_FIELD_CHARS:
            problems.append(
                _("De waarde in kolom ‘%(column)s’ is langer dan %(max)s tekens.")
                % {"column": header[index], "max": MAX_FIELD_CHARS}
            )
    return problems


# --- messages ---------------------------------------------------------------------------------


def _mb(size):
    return f"{size // (1024 * 1024)} MB"


def _too_big():
    return _("Het bestand is groter dan %(max)s.") % {"max": _mb(MAX_UPLOAD_BYTES)}


def _not_a_spreadsheet():
    return _(
        "Dit is geen CSV-bestand en geen Excel-werkmap (.xlsx). Kies een CSV- of Excel-bestand."
    )


def _too_many_lines(limit):
    return _(
        "Het bestand is langer dan %(max)s regels (lege regels tellen mee). Verwijder de lege "
        "regels onderaan of splits het bestand."
    ) % {"max": number_format(limit, force_grouping=True)}
