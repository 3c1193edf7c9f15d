"""The documents engine: a broker outage loses no render, one pending render per target and
kind, each render made once, the sweep repairs what the queue lost, and the kind's actions
guard every page.

The kind here is the tests' own (SHEET, a school's one-page sheet): the engine must print any
app's rows. Quality's kritische reflectie is tested in quality/tests.

The outage is real: the app publishes to a Redis port where nothing listens. The recovery is
real too: the sweep runs in a real Celery worker on the test broker and re-queues the render,
which that worker then makes.
"""

import datetime as dt
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from documents import registry, services, tasks
from documents.models import Render, RenderStatus
from samen.permissions import OutOfReach
from tests import factories as f
from tests.fixtures import actor

from .support import DEAD_BROKER, SHEET, broker, wait_for_render

pytestmark = pytest.mark.celery

QUEUE_DOWN = "de wachtrij is even niet bereikbaar"


def create_url(tenant, school=None, kind=SHEET):
    school = school or tenant.school
    return reverse("documents:render_create", args=[tenant.partnership.slug, kind, school.pk])


def status_url(tenant, render):
    return reverse("documents:render_status", args=[tenant.partnership.slug, render.pk])


def download_url(tenant, render):
    return reverse("documents:render_download", args=[tenant.partnership.slug, render.pk])


def render_of(school):
    with scopes_disabled():
        return Render.objects.get(
            content_type=ContentType.objects.get_for_model(school), object_id=school.pk
        )


def sheet_render(tenant, school=None, **fields):
    with scopes_disabled():
        return Render.objects.create(
            partnership=tenant.partnership, kind=SHEET, target=school or tenant.school, **fields
        )


# --- The broker -------------------------------------------------------------------------------


def test_a_request_with_the_broker_down_keeps_the_render_and_the_sweep_makes_it(
    transactional_db, samen, sheet, client_for, request
):
    client = client_for(samen.users["coordinator"])

    with broker(DEAD_BROKER):
        started = time.monotonic()
        response = client.post(create_url(samen), HTTP_HX_REQUEST="true")
        elapsed = time.monotonic() - started
        # Without htmx: back to the kind's page of the target, which shows the status.
        plain = client.post(create_url(samen))

    assert response.status_code == 200
    html = response.content.decode()
    assert QUEUE_DOWN in html
    assert 'data-status="queued"' in html
    assert elapsed < 5, f"the request waited {elapsed:.1f}s for a dead broker"
    assert plain.status_code == 302
    assert plain["Location"] == sheet.page(samen.school)
    render = render_of(samen.school)  # exactly one row, for both requests
    assert render.status == RenderStatus.QUEUED
    assert render.enqueued_at is None
    assert render.requested_by == samen.users["coordinator"]

    # The broker is back and a worker runs. Beat's sweep (here sent by hand, run by the worker)
    # finds the render that never reached the queue and queues it again; the worker makes it.
    request.getfixturevalue("celery_worker")
    with scopes_disabled():
        Render.objects.filter(pk=render.pk).update(
            requested_at=timezone.now() - dt.timedelta(minutes=5)
        )
    tasks.sweep_renders.delay()

    render = wait_for_render(render.pk)
    assert render.status == RenderStatus.READY, render.error
    assert render.enqueued_at is not None
    assert render.pdf.read().startswith(b"%PDF-")
    status = client.get(status_url(samen, render))
    assert 'data-status="ready"' in status.content.decode()
    assert QUEUE_DOWN not in status.content.decode()


SEND_TO_HUNG_BROKER = """
import time, types
from documents import services
started = time.monotonic()
sent = services.send_render(types.SimpleNamespace(pk=1, partnership_id=1))
print(sent, round(time.monotonic() - started, 1))
"""


def test_a_broker_that_accepts_but_never_answers_does_not_hang_the_request(tmp_path):
    # Worse than a refused connection: the TCP handshake succeeds, then nothing. The production
    # settings (REDIS_URL set) give up within seconds; kombu's defaults would wait for ever.
    with socket.socket() as hung:
        hung.bind(("127.0.0.1", 0))
        hung.listen(8)
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "SAMEN_", "DATABASE_URL", "REDIS_URL"))
        }
        environment.update(
            REDIS_URL=f"redis://127.0.0.1:{hung.getsockname()[1]}/0",
            SAMEN_VAR_DIR=str(tmp_path),
            DJANGO_SETTINGS_MODULE="samen.settings",
        )
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", SEND_TO_HUNG_BROKER],
            cwd=Path(__file__).resolve().parents[2],
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 0, result.stderr
    sent, seconds = result.stdout.splitlines()[-1].split()
    assert sent == "False"
    assert float(seconds) < 8, f"sending to a hung broker took {seconds}s"


def test_a_second_request_while_one_is_pending_adds_no_row(
    transactional_db, samen, sheet, client_for
):
    from samen.celery import app

    client = client_for(samen.users["coordinator"])
    try:
        # No worker runs: the first render stays queued (on the real test broker).
        first = client.post(create_url(samen), HTTP_HX_REQUEST="true")
        second = client.post(create_url(samen), HTTP_HX_REQUEST="true")
    finally:
        app.control.purge()  # no later test's worker should meet these messages

    assert first.status_code == second.status_code == 200
    render = render_of(samen.school)
    assert render.status == RenderStatus.QUEUED
    assert render.enqueued_at is not None
    assert QUEUE_DOWN not in first.content.decode()
    # The second request shows the same render.
    assert status_url(samen, render) in first.content.decode()
    assert status_url(samen, render) in second.content.decode()


# --- One pending render per target and kind -----------------------------------------------------


def test_request_render_returns_the_pending_render(samen, sheet):
    with samen.scope(), broker(DEAD_BROKER):
        first = services.request_render(actor(samen, "coordinator"), samen.school, SHEET)
        again = services.request_render(actor(samen, "stuurgroep"), samen.school, SHEET)
        assert again.pk == first.pk
        Render.objects.filter(pk=first.pk).update(status=RenderStatus.RENDERING)
        assert services.request_render(actor(samen), samen.school, SHEET).pk == first.pk
        # Once it is finished, the next request is a new render.
        Render.objects.filter(pk=first.pk).update(status=RenderStatus.READY)
        third = services.request_render(actor(samen), samen.school, SHEET)
        assert third.pk != first.pk
        assert Render.objects.count() == 2
        assert third.target == samen.school
        assert third.partnership_id == samen.partnership.pk


def test_request_render_asks_the_kinds_render_action(samen, sheet):
    with samen.scope(), broker(DEAD_BROKER):
        with pytest.raises(OutOfReach):
            services.request_render(actor(samen, "mentor"), samen.school, SHEET)
        with pytest.raises(TypeError):
            services.request_render(actor(samen), samen.dossier, SHEET)
        with pytest.raises(registry.UnknownKind):
            services.request_render(actor(samen), samen.school, "test_unknown")
        assert Render.objects.count() == 0


def test_the_database_refuses_a_second_pending_render(samen, sheet):
    with scopes_disabled():
        elsewhere = f.SchoolFactory(partnership=samen.partnership, board=samen.board)
    for status in (RenderStatus.READY, RenderStatus.FAILED, RenderStatus.QUEUED):
        sheet_render(samen, status=status)
    for status in (RenderStatus.QUEUED, RenderStatus.RENDERING):
        with pytest.raises(IntegrityError), transaction.atomic():
            sheet_render(samen, status=status)
    # Another target, or another kind of document of the same target, may wait at the same time.
    sheet_render(samen, elsewhere)
    with scopes_disabled():
        Render.objects.create(
            partnership=samen.partnership, kind="other_sheet", target=samen.school
        )


def test_a_render_of_another_partnerships_row_is_refused(samen, other, sheet):
    with pytest.raises(ValidationError):
        sheet_render(samen, other.school)


# --- Making it once -----------------------------------------------------------------------------


def test_render_pdf_renders_a_claimed_render_once(samen, sheet, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    render = sheet_render(samen)
    with samen.scope():
        services.render_pdf(render.pk)
        render.refresh_from_db()
        assert render.status == RenderStatus.READY
        assert render.pages == 1
        assert render.started_at <= render.finished_at
        finished = (render.finished_at, render.pdf.name)

        # A redelivered or re-queued task for the same render changes nothing.
        services.render_pdf(render.pk)
        render.refresh_from_db()
        assert (render.finished_at, render.pdf.name) == finished
        assert len(list(tmp_path.rglob("*.pdf"))) == 1


def test_render_pdf_leaves_a_render_another_worker_is_making_alone(samen, sheet):
    render = sheet_render(samen, status=RenderStatus.RENDERING, started_at=timezone.now())
    with samen.scope():
        services.render_pdf(render.pk)
        render.refresh_from_db()
    assert render.status == RenderStatus.RENDERING
    assert not render.pdf


def test_render_pdf_ends_failed_when_the_kind_or_the_target_is_gone(samen, sheet, settings):
    with scopes_disabled():
        school = f.SchoolFactory(partnership=samen.partnership, board=samen.board)
    gone = sheet_render(samen, school)
    with scopes_disabled():
        school.delete()
        unknown = Render.objects.create(
            partnership=samen.partnership, kind="test_unregistered", target=samen.school
        )
    with samen.scope():
        for render in (gone, unknown):
            services.render_pdf(render.pk)
            render.refresh_from_db()
            assert render.status == RenderStatus.FAILED
            assert render.error
            assert render.finished_at is not None


# --- The sweep ----------------------------------------------------------------------------------


def test_sweep_fails_renders_whose_worker_died_and_requeues_only_stale_ones(
    samen, other, sheet, settings
):
    now = timezone.now()
    limit = dt.timedelta(seconds=settings.SAMEN_PDF_TIME_LIMIT)
    dead = sheet_render(
        samen,
        status=RenderStatus.RENDERING,
        started_at=now - limit - dt.timedelta(minutes=10),
    )
    busy = sheet_render(
        other,
        other.school,
        status=RenderStatus.RENDERING,
        started_at=now - limit + dt.timedelta(seconds=30),
    )
    with broker(DEAD_BROKER):
        result = services.sweep_renders(now=now)
    assert result == {"requeued": 0, "failed": 1}
    with scopes_disabled():
        dead.refresh_from_db()
        busy.refresh_from_db()
    assert dead.status == RenderStatus.FAILED
    assert "afgebroken" in dead.error
    assert dead.finished_at == now
    assert busy.status == RenderStatus.RENDERING


def test_sweep_requeues_unsent_and_long_queued_renders(samen, other, sheet, settings):
    now = timezone.now()
    fresh = sheet_render(samen)
    stale = sheet_render(other, other.school)
    with scopes_disabled():
        Render.objects.filter(pk=stale.pk).update(requested_at=now - dt.timedelta(minutes=3))
    with broker(DEAD_BROKER):
        # The broker is still down: nothing is lost, the rows stay queued for the next sweep.
        assert services.sweep_renders(now=now) == {"requeued": 0, "failed": 0}
    with scopes_disabled():
        assert Render.objects.get(pk=stale.pk).enqueued_at is None

    from samen.celery import app

    try:
        assert services.sweep_renders(now=now) == {"requeued": 1, "failed": 0}
        # `fresh` is now old enough; `stale` was sent just now: the worker is busy, no second
        # message yet.
        soon = now + dt.timedelta(minutes=2)
        assert services.sweep_renders(now=soon) == {"requeued": 1, "failed": 0}
        assert services.sweep_renders(now=soon + dt.timedelta(minutes=1)) == {
            "requeued": 0,
            "failed": 0,
        }
        # Long after their messages were sent they are still queued: those messages were lost.
        later = soon + services.REQUEUE_SENT_AFTER + dt.timedelta(minutes=1)
        assert services.sweep_renders(now=later) == {"requeued": 2, "failed": 0}
    finally:
        app.control.purge()
    with scopes_disabled():
        assert Render.objects.get(pk=fresh.pk).status == RenderStatus.QUEUED


def test_beat_schedules_the_sweep_and_the_worker_knows_the_task_sent_by_name():
    from django.conf import settings

    from samen.celery import app

    names = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "documents.tasks.sweep_renders" in names
    app.loader.import_default_modules()
    assert app.tasks["documents.tasks.sweep_renders"].name == tasks.sweep_renders.name
    assert app.tasks[services.RENDER_TASK].name == tasks.render_document.name


# --- The pages: the kind's actions, on the target -------------------------------------------------


def test_the_pages_follow_the_kinds_actions(samen, sheet, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    render = sheet_render(samen)
    with samen.scope():
        services.render_pdf(render.pk)

    # The schoolopleider may view the school (render), not manage it (download).
    client = client_for(samen.users["schoolopleider"])
    status = client.get(status_url(samen, render)).content.decode()
    assert 'data-status="ready"' in status
    assert "PDF downloaden" not in status
    assert "U kunt deze PDF niet downloaden." in status
    assert client.get(download_url(samen, render)).status_code == 404

    client = client_for(samen.users["coordinator"])
    assert "PDF downloaden" in client.get(status_url(samen, render)).content.decode()
    download = client.get(download_url(samen, render))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert f'filename="schoolblad-{samen.school.pk}.pdf"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF-")

    # A mentor reaches neither the school nor its sheet.
    client = client_for(samen.users["mentor"])
    assert client.post(create_url(samen), HTTP_HX_REQUEST="true").status_code == 404
    assert client.get(status_url(samen, render)).status_code == 404
    assert client.get(download_url(samen, render)).status_code == 404


def test_unknown_kinds_and_unfinished_renders_answer_404(samen, sheet, client_for):
    client = client_for(samen.users["coordinator"])
    queued = sheet_render(samen)
    assert client.get(download_url(samen, queued)).status_code == 404  # not ready yet
    assert client.post(create_url(samen, kind="test_unknown")).status_code == 404
    with scopes_disabled():
        Render.objects.filter(pk=queued.pk).update(kind="test_unknown")
    assert client.get(status_url(samen, queued)).status_code == 404
    assert client.get(create_url(samen)).status_code == 405  # POST only
