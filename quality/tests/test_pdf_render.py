"""The kritische reflectie PDF: rendered by a real Celery worker, downloadable by the stuurgroep.

The documents engine makes it (documents/tests); quality registers what it is
(quality/documents.py): the dossier's HTML, its file name, and who may make and download it.
"""

import io

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from pypdf import PdfReader

from documents.models import Render, RenderStatus
from documents.services import request_render
from documents.tests.support import wait_for_render
from quality.services import KRITISCHE_REFLECTIE
from tests.fixtures import actor

pytestmark = pytest.mark.celery


def create_url(tenant):
    return reverse(
        "documents:render_create",
        args=[tenant.partnership.slug, KRITISCHE_REFLECTIE, tenant.dossier.pk],
    )


def test_worker_renders_the_reflectie_with_cover_toc_and_chapters(samen, celery_worker):
    with samen.scope():
        render = request_render(actor(samen, "stuurgroep"), samen.dossier, KRITISCHE_REFLECTIE)
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
    response = client.post(create_url(samen), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'data-status="queued"' in response.content.decode()
    with scopes_disabled():
        render = Render.objects.get(dossier=samen.dossier)
    assert render.kind == KRITISCHE_REFLECTIE

    wait_for_render(render.pk)
    status = client.get(reverse("documents:render_status", args=[slug, render.pk]))
    assert 'data-status="ready"' in status.content.decode()
    assert "PDF downloaden" in status.content.decode()

    download = client.get(reverse("documents:render_download", args=[slug, render.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert 'filename="reflectie-zonnebloem.pdf"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF-")

    # The dossier page shows the same status, with the same download.
    page = client.get(reverse("quality:dossier", args=[slug, samen.dossier.pk])).content.decode()
    assert 'data-status="ready"' in page
    assert reverse("documents:render_download", args=[slug, render.pk]) in page


def test_mentor_and_coordinator_get_no_download(client, samen, celery_worker):
    with samen.scope():
        render = request_render(actor(samen, "stuurgroep"), samen.dossier, KRITISCHE_REFLECTIE)
    wait_for_render(render.pk)
    url = reverse("documents:render_download", args=[samen.partnership.slug, render.pk])
    for key in ("mentor", "coordinator", "projectgroep"):
        client.force_login(samen.users[key])
        assert client.get(url).status_code == 404, key
    # The projectgroep makes the PDF and follows it, and is told who downloads it.
    status = client.get(
        reverse("documents:render_status", args=[samen.partnership.slug, render.pk])
    )
    assert 'data-status="ready"' in status.content.decode()
    assert "Alleen leden van de stuurgroep kunnen de PDF downloaden." in status.content.decode()


def test_a_failing_render_shows_failed_not_pending(samen, celery_worker, settings, tmp_path):
    # A media root that cannot be written to: the PDF is made but cannot be stored.
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    settings.MEDIA_ROOT = str(blocker)
    with samen.scope():
        render = request_render(actor(samen, "stuurgroep"), samen.dossier, KRITISCHE_REFLECTIE)
    render = wait_for_render(render.pk)
    assert render.status == RenderStatus.FAILED
    assert render.error
