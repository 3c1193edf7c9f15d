"""A background job acts no more than a request of its owner could at the time it runs
(samen.jobs.run): an account or a partnership deactivated after the job was asked for lets
nothing be imported and no file be made, as TenantMiddleware would refuse their requests."""

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from partnerships.models import Partnership, School
from samen.models import JobStatus
from tests import factories as f
from tests.background import run_jobs

SCHOOL_CSV = "naam,bestuur,plaats,sector\nOBS De Vlinder,{board},Urk,po\n"


def url(tenant, name):
    return reverse(name, kwargs={"partnership_slug": tenant.partnership.slug})


def test_an_import_of_an_account_deactivated_meanwhile_imports_nothing(samen, client_for):
    user = samen.users["coordinator"]
    client = client_for(user)
    content = SCHOOL_CSV.format(board=samen.board.organisation.name).encode()
    response = client.post(
        url(samen, "partnerships:school_import"),
        {"file": SimpleUploadedFile("scholen.csv", content)},
    )
    assert response.context["preview"].is_valid
    assert client.post(url(samen, "partnerships:school_import_confirm")).status_code == 302
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)

    (job,) = run_jobs()

    assert job.status == JobStatus.FAILED
    assert "geen toegang meer" in job.error
    with scopes_disabled():
        assert not School.objects.filter(name="OBS De Vlinder").exists()


def test_an_export_of_a_partnership_deactivated_meanwhile_makes_no_file(
    samen, client_for, settings
):
    settings.SAMEN_EXPORT_BACKGROUND_ROWS = 2
    with scopes_disabled():
        for i in range(3):
            f.SchoolFactory(partnership=samen.partnership, board=samen.board, name=f"Extra {i}")
    client = client_for(samen.users["coordinator"])
    response = client.get(url(samen, "partnerships:school_list"), {"export": "csv"})
    assert response.status_code == 302
    Partnership.objects.filter(pk=samen.partnership.pk).update(is_active=False)

    (job,) = run_jobs()

    assert job.status == JobStatus.FAILED
    assert not job.file
