"""A list's download holds every row at thousands of rows, on SQLite as on PostgreSQL, in the
same number of queries as a download of a few rows (issue 18 §4: the placement list failed on
SQLite at about 2,000 rows with "Expression tree is too large")."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from placements.models import Placement
from samen.models import Job, JobStatus
from samen.schooljaar import Schooljaar
from tests.background import run_jobs
from tests.test_list_queries import _people, _schools

#: More than an export reads at a time (samen.lists.ListView.export_chunk) and more than the
#: ~1,000 terms SQLite's expression tree holds.
ROWS = 2500


@pytest.fixture
def crowded(samen):
    """`samen` with ROWS more placements, each with its own student, mentor (also the coach),
    instituutsopleider and school: as many distinct people per chunk as there are rows."""
    year = Schooljaar.current().start_year
    with scopes_disabled():
        students = _people(samen, ROWS, role="student")
        mentors = _people(samen, ROWS)
        schools = _schools(samen, ROWS)
        Placement.objects.bulk_create(
            Placement(
                partnership=samen.partnership,
                student=student,
                school=school,
                mentor=mentor,
                coach=mentor,
                instituutsopleider=students[-1 - i],
                starts_on=dt.date(year, 9, 1),
                ends_on=dt.date(year + 1, 1, 31),
            )
            for i, (student, mentor, school) in enumerate(
                zip(students, mentors, schools, strict=True)
            )
        )
        total = Placement.objects.filter(partnership=samen.partnership).count()
    return samen, total


def list_url(tenant):
    return reverse("placements:list", args=[tenant.partnership.slug])


def csv_rows(body):
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""), delimiter=";"))


def download_csv(client, tenant, **params):
    """The rows of the placement list's CSV and the queries it took (the request and the
    streaming of its body)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(list_url(tenant), {"export": "csv", **params})
        assert response.status_code == 200 and response.streaming
        body = b"".join(response.streaming_content)
    return csv_rows(body), len(queries)


def test_the_placement_list_downloads_thousands_of_rows_as_csv_in_flat_queries(
    crowded, client, settings
):
    tenant, total = crowded
    settings.SAMEN_EXPORT_BACKGROUND_ROWS = None  # made in the request, however long
    client.force_login(tenant.users["coordinator"])

    rows, queries = download_csv(client, tenant)
    assert rows[0][:4] == ["Aankomende leraar", "School", "Groep of vak", "Mentor"]
    assert len(rows) - 1 == total > ROWS
    by_school = {row[1]: row for row in rows[1:]}
    assert by_school["School 0"][3] == "P Persoon 0" == by_school["School 0"][4]  # mentor, coach
    assert by_school["School 1234"][3] == "P Persoon 1234"
    assert by_school["School 0"][5] == f"P Persoon {ROWS - 1}"  # the instituutsopleider

    few, few_queries = download_csv(client, tenant, q="Persoon 1234")
    assert len(few) - 1 == 1
    assert queries == few_queries  # 2,500 rows cost what one does


def test_the_placement_list_downloads_thousands_of_rows_as_xlsx_in_the_background(
    crowded, client, settings
):
    tenant, total = crowded
    settings.SAMEN_EXPORT_BACKGROUND_ROWS = 1000
    client.force_login(tenant.users["coordinator"])
    response = client.get(list_url(tenant), {"export": "xlsx"})
    assert response.status_code == 302

    (job,) = run_jobs()
    assert job.status == JobStatus.DONE, job.error
    assert job.total == total and job.result == {"rows": total}
    with scopes_disabled():
        job = Job.objects.get(pk=job.pk)
    url = reverse("jobs:download", args=[tenant.partnership.slug, job.pk])
    body = b"".join(client.get(url).streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) - 1 == total
    mentors = {row[1]: row[3] for row in rows[1:]}
    assert mentors["School 0"] == "P Persoon 0" and mentors["School 2499"] == "P Persoon 2499"
