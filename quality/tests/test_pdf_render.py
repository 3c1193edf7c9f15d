"""The kritische reflectie PDF: rendered by a real Celery worker, downloadable by the stuurgroep."""

import io
import time

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from pypdf import PdfReader

from quality.models import RenderStatus, ReportRender
from quality.services import request_render
from tests.fixtures import actor

pytestmark = pytest.mark.celery


def wait_for_render(pk, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with scopes_disabled():
            render = ReportRender.objects.get(pk=pk)
        if not render.is_pending:
            return render
        time.sleep(0.2)
    raise AssertionError(f"render {pk} still {render.status} after {timeout}s")


def test_worker_renders_the_reflectie_with_cover_toc_and_chapters(samen, celery_worker):
    with samen.scope():
        render = request_render(actor(samen, "stuurgroep"), samen.dossier)
    assert render.status == RenderStatus.QUEUED

    render = wait_for_render(render.pk)

    assert render.status == RenderStatus.READY, render.error
    assert render.render_ms > 0
    reader = PdfReader(io.BytesIO(render.pdf.read()))
    assert len(reader.pages) == render.pages >= 6  # cover, contents, foreword, 4 waarborgen
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Reflectie Zonnebloem" in text
    for heading in (
        "Inhoudsopgave",
        "Lerende leraar",
        "Leeromgeving",
        "Organisatie",
        "Kwaliteitscultuur",
    ):
        assert heading in text
    assert "Het beroepsbeeld van Zonnebloem staat centraal." in text
    assert "pagina 3 van" in reader.pages[2].extract_text()
    assert reader.metadata.title == "Reflectie Zonnebloem"


def test_stuurgroep_requests_render_and_downloads_it(client, samen, celery_worker):
    client.force_login(samen.users["stuurgroep"])
    slug = samen.partnership.slug
    response = client.post(
        reverse("quality:render_create", args=[slug, samen.dossier.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert 'data-status="queued"' in response.content.decode()
    with scopes_disabled():
        render = ReportRender.objects.get(dossier=samen.dossier)

    wait_for_render(render.pk)
    status = client.get(reverse("quality:render_status", args=[slug, render.pk]))
    assert 'data-status="ready"' in status.content.decode()
    assert "PDF downloaden" in status.content.decode()

    download = client.get(reverse("quality:render_download", args=[slug, render.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_mentor_and_coordinator_get_no_download(client, samen, celery_worker):
    with samen.scope():
        render = request_render(actor(samen, "stuurgroep"), samen.dossier)
    wait_for_render(render.pk)
    url = reverse("quality:render_download", args=[samen.partnership.slug, render.pk])
    for key in ("mentor", "coordinator", "projectgroep"):
        client.force_login(samen.users[key])
        assert client.get(url).status_code == 404, key


def test_a_failing_render_shows_failed_not_pending(samen, celery_worker, settings, tmp_path):
    # A media root that cannot be written to: the PDF is made but cannot be stored.
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    settings.MEDIA_ROOT = str(blocker)
    with samen.scope():
        render = request_render(actor(samen, "stuurgroep"), samen.dossier)
    render = wait_for_render(render.pk)
    assert render.status == RenderStatus.FAILED
    assert render.error
