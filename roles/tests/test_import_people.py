"""Importing people with their roles from CSV or Excel: preview with row errors, all or nothing."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from roles.models import Person, Role, RoleAssignment
from samen.schooljaar import Schooljaar
from tests.background import run_jobs

HEADER = "voornaam;tussenvoegsel;achternaam;e-mail;rol;school;schooljaar"
FIRST_NAMES = ["Anna", "Bram", "Chaima", "Daan", "Eva", "Finn", "Gijs", "Hanna", "Ilse", "Jesse"]


def url(tenant, name):
    return reverse(f"roles:{name}", kwargs={"partnership_slug": tenant.partnership.slug})


def rows(tenant, bad=True):
    """50 rows; with `bad`, row 11 has an unknown role and row 31 an unknown school."""
    school = tenant.school
    lines = []
    for i in range(50):
        role = ["mentor", "Schoolopleider", "Aankomende leraar", "coach"][i % 4]
        where = [school.brin or school.name, school.name, "", school.name][i % 4]
        year = str(Schooljaar.current()) if i % 2 else ""
        infix = "van" if i % 5 == 0 else ""
        lines.append(
            f"{FIRST_NAMES[i % 10]};{infix};Import{i:02d};import{i:02d}@example.org;"
            f"{role};{where};{year}"
        )
    if bad:
        lines[9] = "Karin;;Import09;import09@example.org;toverfee;;"
        lines[29] = (
            f"Lars;;Import29;import29@example.org;mentor;Basisschool Nergens;{Schooljaar.current()}"
        )
    return "\n".join([HEADER, *lines]) + "\n"


def upload(client, tenant, content, name="mensen.csv"):
    data = content.encode() if isinstance(content, str) else content
    return client.post(url(tenant, "person_import"), {"file": SimpleUploadedFile(name, data)})


def imported_count(tenant):
    with scopes_disabled():
        return Person.objects.filter(
            partnership=tenant.partnership, last_name__startswith="Import"
        ).count()


def test_fifty_rows_with_two_bad_rows_show_exactly_those_errors_and_save_nothing(client_for, samen):
    client = client_for(samen.users["coordinator"])
    response = upload(client, samen, rows(samen))
    preview = response.context["preview"]
    assert preview.error_list == [
        (11, ["Onbekende rol ‘toverfee’."]),
        (31, ["Onbekende school ‘Basisschool Nergens’."]),
    ]
    assert len(list(preview.rows)) == 50
    body = response.content.decode()
    assert "2 rijen bevatten fouten." in body and "Er wordt niets geïmporteerd" in body
    assert "Onbekende school ‘Basisschool Nergens’." in body
    assert imported_count(samen) == 0
    # Nothing to confirm: the session holds no file.
    response = client.post(url(samen, "person_import_confirm"), follow=True)
    assert "Er is geen gecontroleerd bestand" in response.content.decode()
    assert imported_count(samen) == 0


def test_after_fixing_the_file_all_fifty_rows_import(client_for, samen):
    client = client_for(samen.users["coordinator"])
    upload(client, samen, rows(samen))
    response = upload(client, samen, rows(samen, bad=False))
    assert response.context["preview"].errors == {}
    assert "Alle 50 rijen zijn in orde." in response.content.decode()
    assert imported_count(samen) == 0  # the preview saves nothing
    response = client.post(url(samen, "person_import_confirm"))
    run_jobs()  # the confirmation runs in the background (samen.jobs); its page tells
    assert "50 rijen zijn geïmporteerd." in client.get(response["Location"]).content.decode()
    assert imported_count(samen) == 50
    with scopes_disabled():
        a = RoleAssignment.objects.get(person__email="import01@example.org")
        assert (a.role, a.school, a.schooljaar_from) == (
            Role.SCHOOLOPLEIDER,
            samen.school,
            Schooljaar.current().start_year,
        )
        assert Person.objects.get(email="import00@example.org").infix == "van"
        assert RoleAssignment.objects.get(person__email="import02@example.org").school is None


def test_a_known_email_address_gets_the_role_added_to_the_existing_person(client_for, samen):
    client = client_for(samen.users["coordinator"])
    mentor = samen.people["mentor"]
    content = f"{HEADER}\nIemand;;Anders;{mentor.email.upper()};coach;;\n"
    upload(client, samen, content)
    client.post(url(samen, "person_import_confirm"))
    run_jobs()
    with scopes_disabled():
        assert set(mentor.roles.values_list("role", flat=True)) == {Role.MENTOR, Role.COACH}
        mentor.refresh_from_db()
        assert mentor.first_name == "Mentor"


def test_the_same_role_twice_is_a_row_error(client_for, samen):
    client = client_for(samen.users["coordinator"])
    mentor = samen.people["mentor"]
    content = (
        f"{HEADER}\nNieuw;;Persoon;nieuw@example.org;coach;;\nNieuw;;Persoon;nieuw@example.org;coach;;\n"
        f"M;;M;{mentor.email};mentor;{samen.school.name};\n"
    )
    errors = upload(client, samen, content).context["preview"].error_list
    assert [number for number, _ in errors] == [3, 4]
    assert "al in deze schooljaren" in errors[0][1][0]


def test_excel_files_import_too(client_for, samen):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        ["Voornaam", "Tussenvoegsel", "Achternaam", "E-mail", "Rol", "School", "Schooljaar"]
    )
    sheet.append(
        ["Sara", None, "Import99", "import99@example.org", "Mentor", samen.school.name, None]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    client = client_for(samen.users["coordinator"])
    response = upload(client, samen, buffer.getvalue(), name="mensen.xlsx")
    assert response.context["preview"].errors == {}
    client.post(url(samen, "person_import_confirm"))
    run_jobs()
    assert imported_count(samen) == 1


def test_comma_separated_files_with_optional_columns_left_out(client_for, samen):
    client = client_for(samen.users["coordinator"])
    content = "voornaam,achternaam,e-mail,rol\nTim,Import50,import50@example.org,Stuurgroeplid\n"
    assert upload(client, samen, content).context["preview"].error_list == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        # The type is judged by the content, whatever the name says.
        ("mensen.pdf", b"%PDF-1.4", "Dit is geen CSV-bestand en geen Excel-werkmap (.xlsx)."),
        ("mensen.xlsx", b"voornaam;achternaam", "Deze kolommen ontbreken: e-mail, rol."),
        (
            "mensen.csv",
            b"PK\x03\x04rest-of-a-zip",
            "Dit is geen CSV-bestand en geen Excel-werkmap (.xlsx).",
        ),
        (
            "mensen.csv",
            b"naam;rol\nA;mentor\n",
            "Deze kolommen ontbreken: voornaam, achternaam, e-mail.",
        ),
    ],
)
def test_wrong_files_are_refused_with_a_clear_message(client_for, samen, name, content, message):
    response = upload(client_for(samen.users["coordinator"]), samen, content, name=name)
    assert message in response.content.decode()
    assert response.context["preview"] is None


def test_files_over_two_megabytes_are_refused(client_for, samen):
    content = (HEADER + "\n" + "x;;y;z@example.org;mentor;;\n" * 80_000).encode()
    assert len(content) > 2 * 1024 * 1024
    response = upload(client_for(samen.users["coordinator"]), samen, content)
    assert "Het bestand is groter dan 2 MB." in response.content.decode()


@pytest.mark.parametrize("who", ["mentor", "stuurgroep"])
def test_only_coordinators_import(client_for, samen, who):
    response = upload(client_for(samen.users[who]), samen, rows(samen, bad=False))
    assert response.status_code == 404
    assert imported_count(samen) == 0


def test_school_names_of_another_partnership_are_unknown(client_for, samen, other):
    content = f"{HEADER}\nA;;Import77;import77@example.org;mentor;{other.school.name};\n"
    errors = (
        upload(client_for(samen.users["coordinator"]), samen, content).context["preview"].error_list
    )
    assert errors == [(2, ["Onbekende school ‘School Kraanvogel’."])]
