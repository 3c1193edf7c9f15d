"""Long work in the background (samen.jobs): a large download and every import's confirmation
run in a Celery worker while the person follows their progress, and end in a download or a
result page that only they can open, for a day.

The worker is real (Celery's test worker on the test broker) where the test is about what a
person sees happen; the `db` tests run the same task code in this process (tests/background.py).
"""

import datetime as dt
import os

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from partnerships.models import School
from roles.models import Person, Role
from samen import jobs, tasks
from samen.models import Job, JobStatus
from tests import factories as f
from tests.background import run_jobs, wait_for_job

SCHOOL_CSV = (
    "naam,bestuur,plaats,sector\nOBS De Vlinder,{board},Urk,po\nOBS De Mol,{board},Urk,po\n"
)


def url(tenant, name, **kwargs):
    return reverse(name, kwargs={"partnership_slug": tenant.partnership.slug, **kwargs})


def job_urls(tenant, job):
    return [url(tenant, f"jobs:{name}", pk=job.pk) for name in ("detail", "status", "download")]


def more_schools(tenant, n):
    with scopes_disabled():
        for i in range(n):
            f.SchoolFactory(
                partnership=tenant.partnership, board=tenant.board, name=f"Achtergrond {i:04d}"
            )


def second_coordinator(tenant):
    with scopes_disabled():
        user = f.UserFactory()
        person = f.PersonFactory(partnership=tenant.partnership, user=user)
        f.RoleAssignmentFactory(
            partnership=tenant.partnership, person=person, role=Role.PROJECTCOORDINATOR
        )
    return user


def export_as_job(client, tenant):
    response = client.get(url(tenant, "partnerships:school_list"), {"export": "csv"})
    assert response.status_code == 302
    with scopes_disabled():
        job = Job.objects.get()
    assert response["Location"] == url(tenant, "jobs:detail", pk=job.pk)
    return job


# --- Exports ------------------------------------------------------------------------------------


@pytest.mark.celery
def test_a_large_export_is_made_by_the_worker_and_only_its_owner_downloads_it(
    samen, other, client, celery_worker, settings
):
    settings.SAMEN_EXPORT_BACKGROUND_ROWS = 5
    more_schools(samen, 12)
    client.force_login(samen.users["coordinator"])
    job = export_as_job(client, samen)

    job = wait_for_job(job.pk)
    assert job.status == JobStatus.DONE, job.error
    with scopes_disabled():
        assert job.total == School.objects.filter(partnership=samen.partnership).count()
    assert job.progress == 100
    page = client.get(url(samen, "jobs:detail", pk=job.pk)).content.decode()
    assert 'data-status="done"' in page and "downloaden" in page
    assert "hx-trigger" not in page  # the page stops polling once the job ended
    download = client.get(url(samen, "jobs:download", pk=job.pk))
    body = b"".join(download.streaming_content).decode("utf-8-sig")
    assert download["Content-Disposition"].startswith('attachment; filename="scholen-')
    assert "Achtergrond 0011" in body and samen.school.name in body

    # Nobody else: a coordinator of the same partnership, or the other partnership's.
    client.force_login(second_coordinator(samen))
    assert all(client.get(a).status_code == 404 for a in job_urls(samen, job))
    assert job.title not in client.get(url(samen, "jobs:list")).content.decode()
    client.force_login(other.users["coordinator"])
    assert all(client.get(a).status_code == 404 for a in job_urls(samen, job))
    assert all(client.get(a).status_code == 404 for a in job_urls(other, job))


def test_a_small_export_still_downloads_at_once(samen, client, settings):
    settings.SAMEN_EXPORT_BACKGROUND_ROWS = 50
    client.force_login(samen.users["coordinator"])
    response = client.get(url(samen, "partnerships:school_list"), {"export": "csv"})
    assert response.status_code == 200 and response.streaming
    with scopes_disabled():
        assert not Job.objects.exists()


def test_the_export_reports_its_progress_as_it_writes(samen, client, settings):
    settings.SAMEN_EXPORT_BACKGROUND_ROWS = 10
    more_schools(samen, 240)
    client.force_login(samen.users["coordinator"])
    job = export_as_job(client, samen)
    with CaptureQueriesContext(connection) as queries:
        (job,) = run_jobs()
    assert job.status == JobStatus.DONE, job.error
    steps = [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith('UPDATE "samen_job"')
    ]
    progress = [s for s in steps if '"progress"' in s and '"status"' not in s]
    # One write per percent of the rows (241 rows: every second row), not one per row.
    assert 90 <= len(progress) <= 100, len(progress)


def test_the_worker_acts_as_the_owner_with_the_rights_they_have_now(samen, client, settings):
    """Someone who lost the right to the list after asking gets no file."""
    settings.SAMEN_EXPORT_BACKGROUND_ROWS = 5
    more_schools(samen, 10)
    user = second_coordinator(samen)
    client.force_login(user)
    job = export_as_job(client, samen)
    with scopes_disabled():
        Person.objects.get(user=user).roles.all().delete()
    (job,) = run_jobs()
    assert job.status == JobStatus.FAILED
    assert not job.file
    assert "geen toegang meer" in job.error


# --- The purge ----------------------------------------------------------------------------------


def test_the_purge_deletes_jobs_and_their_files_after_a_day(samen, client, settings):
    settings.SAMEN_EXPORT_BACKGROUND_ROWS = 5
    more_schools(samen, 10)
    client.force_login(samen.users["coordinator"])
    old = export_as_job(client, samen)
    (old,) = run_jobs()
    path = old.file.name
    assert default_storage.exists(path)

    with time_machine.travel(timezone.now() + dt.timedelta(hours=20)):
        response = client.get(url(samen, "partnerships:school_list"), {"export": "csv"})
        with scopes_disabled():
            recent = Job.objects.exclude(pk=old.pk).get()
        assert response.status_code == 302
        run_jobs()
        assert jobs.purge_jobs()["removed"] == 0

    # A file of the folder that no row holds (its job went with its owner) goes too.
    stray = default_storage.save(f"{jobs.JOB_FOLDER}/stray.csv", ContentFile(b"x"))
    os.utime(default_storage.path(stray), (0, 0))

    assert settings.CELERY_BEAT_SCHEDULE["purge-jobs"]["task"] == tasks.purge_jobs.name
    with time_machine.travel(timezone.now() + dt.timedelta(hours=25)):
        assert tasks.purge_jobs()["removed"] == 2  # beat's task: the old job and the stray
    with scopes_disabled():
        assert list(Job.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not default_storage.exists(path)
    assert not default_storage.exists(stray)
    assert client.get(url(samen, "jobs:download", pk=old.pk)).status_code == 404


# --- Imports ------------------------------------------------------------------------------------


def preview_schools(client, tenant, content):
    response = client.post(
        url(tenant, "partnerships:school_import"),
        {"file": SimpleUploadedFile("scholen.csv", content.encode())},
    )
    assert response.context["preview"].is_valid, response.context["preview"].errors
    return response


@pytest.mark.celery
def test_an_import_is_confirmed_in_the_background_and_its_page_shows_the_count(
    samen, client, celery_worker
):
    client.force_login(samen.users["coordinator"])
    preview_schools(client, samen, SCHOOL_CSV.format(board=samen.board.organisation.name))
    response = client.post(url(samen, "partnerships:school_import_confirm"))
    assert response.status_code == 302
    with scopes_disabled():
        job = Job.objects.get()
    assert response["Location"] == url(samen, "jobs:detail", pk=job.pk)

    job = wait_for_job(job.pk)
    assert job.status == JobStatus.DONE, job.error
    page = client.get(response["Location"]).content.decode()
    assert "2 scholen zijn geïmporteerd." in page
    with scopes_disabled():
        assert School.objects.filter(name__in=["OBS De Vlinder", "OBS De Mol"]).count() == 2
    # The stashed upload went with the job: confirming again finds nothing to import.
    again = client.post(url(samen, "partnerships:school_import_confirm"), follow=True)
    assert "Er is geen gecontroleerd bestand" in again.content.decode()


def test_an_import_that_fails_at_confirmation_saves_nothing_and_lists_the_rows(samen, client_for):
    """The file was right at the preview; by the confirmation the school of row 3 was renamed:
    the whole import is refused in the worker, and its page says which row and why."""
    client = client_for(samen.users["coordinator"])
    school = samen.school.name
    content = (
        "voornaam;tussenvoegsel;achternaam;e-mail;rol;school;schooljaar\n"
        "Anna;;Achter;achter1@example.org;coach;;\n"
        f"Bram;;Achter;achter2@example.org;mentor;{school};\n"
    )
    response = client.post(
        url(samen, "roles:person_import"),
        {"file": SimpleUploadedFile("mensen.csv", content.encode())},
    )
    assert response.context["preview"].is_valid
    with scopes_disabled():
        School.objects.filter(pk=samen.school.pk).update(name="Hernoemde School")
    response = client.post(url(samen, "roles:person_import_confirm"))
    (job,) = run_jobs()
    assert job.status == JobStatus.DONE
    page = client.get(response["Location"]).content.decode()
    assert "Er is niets geïmporteerd" in page or "Niets geïmporteerd" in page
    assert f"Rij 3: Onbekende school ‘{school}’." in page
    with scopes_disabled():
        assert not Person.objects.filter(last_name="Achter").exists()


def test_only_the_owner_sees_an_import_result(samen, other, client_for):
    client = client_for(samen.users["coordinator"])
    preview_schools(client, samen, SCHOOL_CSV.format(board=samen.board.organisation.name))
    client.post(url(samen, "partnerships:school_import_confirm"))
    (job,) = run_jobs()
    detail = url(samen, "jobs:detail", pk=job.pk)
    assert client.get(detail).status_code == 200
    assert client_for(second_coordinator(samen)).get(detail).status_code == 404
    assert client_for(other.users["coordinator"]).get(detail).status_code == 404
