"""Upload files for the reader's tests and benchmark, made on the spot (nothing checked in).

`workbook()` writes a real workbook with openpyxl; `handmade_xlsx()` zips sheet XML written by
hand, which is how hostile files are made: no `r` attributes, a padded member, sizes that lie.
"""

import io
import struct
import zipfile

import openpyxl

PEOPLE_COLUMNS = [
    "voornaam",
    "tussenvoegsel",
    "achternaam",
    "e-mail",
    "rol",
    "school",
    "schooljaar",
]
PEOPLE_REQUIRED = ["voornaam", "achternaam", "e-mail", "rol"]
PEOPLE_ALIASES = {"email": "e-mail", "e-mailadres": "e-mail", "emailadres": "e-mail"}
PEOPLE = {"columns": PEOPLE_COLUMNS, "required": PEOPLE_REQUIRED, "aliases": PEOPLE_ALIASES}

SCHOOL_COLUMNS = ["naam", "bestuur", "plaats", "adres", "postcode", "brin", "sector", "leerlingen"]
SCHOOLS = {"columns": SCHOOL_COLUMNS, "required": ["naam", "bestuur", "plaats", "sector"]}

FIRST = ["Anna", "Bram", "Chaima", "Daan", "Eva", "Finn", "Gijs", "Hanna", "Ilse", "Jesse"]
ROLES = ["mentor", "Schoolopleider", "Aankomende leraar", "coach"]


def people_rows(count):
    """`count` realistic rows of the people import (without the header)."""
    return [
        [
            FIRST[i % 10],
            "van der" if i % 5 == 0 else "",
            f"Achternaam-{i:05d}",
            f"persoon.{i:05d}@basisschool-de-zonnebloem.example.org",
            ROLES[i % 4],
            "Openbare Basisschool De Zonnebloem Lelystad",
            "2025-2026",
        ]
        for i in range(count)
    ]


def csv_bytes(rows, delimiter=";", encoding="utf-8", bom=False, newline="\r\n"):
    """Rows (lists of text) as CSV, quoted where needed, in `encoding`."""
    import csv

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode(encoding)


def workbook(rows, write_only=True):
    """Rows as a real .xlsx made by openpyxl (write_only streams: inline strings)."""
    book = openpyxl.Workbook(write_only=write_only)
    sheet = book.create_sheet("Blad1") if write_only else book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<workbook {_NS} xmlns:r="{_REL}">'
    '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)


def handmade_xlsx(row_xml, strings=("x",), padding=0):
    """A minimal workbook whose sheet holds the `row_xml` strings (an iterable of `<row>`
    elements) and whose shared strings are `strings`; `padding` spaces of whitespace go
    inside the sheet (valid XML, compressing about a thousand times)."""
    shared = "".join(f"<si><t>{s}</t></si>" for s in strings)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr(
            "xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<sst {_NS} count="{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {_NS}>'.encode()
            )
            chunk = b" " * (1024 * 1024)
            for start in range(0, padding, len(chunk)):
                sheet.write(chunk[: padding - start])
            sheet.write(b"<sheetData>")
            for row in row_xml:
                sheet.write(row.encode())
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def x_rows(count, numbered=True):
    """`count` rows of one cell holding shared string 0 ("x"), as Excel writes them
    (numbered) or as an attacker does (no `r` attributes: compresses ~400 times)."""
    for r in range(1, count + 1):
        if numbered:
            yield f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>'
        else:
            yield '<row><c t="s"><v>0</v></c></row>'


def lie_about_size(data, member, size):
    """The zip `data` with `member`'s declared uncompressed size set to `size`, in both its
    local header and the central directory: the bytes inside decompress to more."""
    data = bytearray(data)
    name = member.encode()
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if data[start + name_offset : start + name_offset + len(name)] == name:
                struct.pack_into("<I", data, start + size_offset, size)
            start += 4
    return bytes(data)
