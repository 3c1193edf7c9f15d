"""PDF renders and the broker: an outage loses no render, and one render per dossier at a time.

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
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from quality import services, tasks
from quality.models import RenderStatus, ReportRender
from tests.fixtures import actor

from .test_pdf_render import wait_for_render

pytestmark = pytest.mark.celery

#: Nothing listens on port 1: connecting is refused at once, like a Redis that is down.
DEAD_BROKER = "redis://127.0.0.1:1/0"
QUEUE_DOWN = "de wachtrij is even niet bereikbaar"


def _forget_broker_pools(app):
    # kombu keeps one pool per broker URL (kombu.pools): switching URLs only has to make the
    # app look its pools up again.
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker(url):
    """Publishes to `url` within the block (the app's connection pools are rebuilt both ways)."""
    from samen.celery import app

    previous = app.conf.broker_url
    _forget_broker_pools(app)
    app.conf.broker_url = url
    try:
        yield
    finally:
        _forget_broker_pools(app)
        app.conf.broker_url = previous


def render_of(dossier):
    with scopes_disabled():
        return ReportRender.objects.get(dossier=dossier)


def test_pdf_maken_with_the_broker_down_keeps_the_render_and_the_sweep_makes_it(
    transactional_db, samen, client_for, request
):
    client = client_for(samen.users["stuurgroep"])
    url = reverse("quality:render_create", args=[samen.partnership.slug, samen.dossier.pk])

    with broker(DEAD_BROKER):
        started = time.monotonic()
        response = client.post(url, HTTP_HX_REQUEST="true")
        elapsed = time.monotonic() - started
        # Without htmx: a redirect to the dossier, which explains the same.
        page = client.post(url, follow=True)

    assert response.status_code == 200
    html = response.content.decode()
    assert QUEUE_DOWN in html
    assert 'data-status="queued"' in html
    assert elapsed < 5, f"'PDF maken' waited {elapsed:.1f}s for a dead broker"
    assert page.status_code == 200
    assert QUEUE_DOWN in page.content.decode()
    render = render_of(samen.dossier)  # exactly one row, for both clicks
    assert render.status == RenderStatus.QUEUED
    assert render.enqueued_at is None

    # The broker is back and a worker runs. Beat's sweep (here sent by hand, run by the worker)
    # finds the render that never reached the queue and queues it again; the worker makes it.
    request.getfixturevalue("celery_worker")
    with scopes_disabled():
        ReportRender.objects.filter(pk=render.pk).update(
            requested_at=timezone.now() - dt.timedelta(minutes=5)
        )
    tasks.sweep_renders.delay()

    render = wait_for_render(render.pk)
    assert render.status == RenderStatus.READY, render.error
    assert render.enqueued_at is not None
    assert render.pdf.read().startswith(b"%PDF-")
    status = client.get(reverse("quality:render_status", args=[samen.partnership.slug, render.pk]))
    assert 'data-status="ready"' in status.content.decode()
    assert QUEUE_DOWN not in status.content.decode()


SEND_TO_HUNG_BROKER = """
import time, types
from quality import services
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


def test_a_second_pdf_maken_while_one_is_pending_adds_no_row(transactional_db, samen, client_for):
    from samen.celery import app

    client = client_for(samen.users["stuurgroep"])
    url = reverse("quality:render_create", args=[samen.partnership.slug, samen.dossier.pk])
    try:
        # No worker runs: the first render stays queued (on the real test broker).
        first = client.post(url, HTTP_HX_REQUEST="true")
        second = client.post(url, HTTP_HX_REQUEST="true")
    finally:
        app.control.purge()  # no later test's worker should meet these messages

    assert first.status_code == second.status_code == 200
    render = render_of(samen.dossier)
    assert render.status == RenderStatus.QUEUED
    assert render.enqueued_at is not None
    assert QUEUE_DOWN not in first.content.decode()
    # The second click shows the same render.
    status_url = reverse("quality:render_status", args=[samen.partnership.slug, render.pk])
    assert status_url in first.content.decode()
    assert status_url in second.content.decode()


def test_request_render_returns_the_pending_render(samen):
    with samen.scope(), broker(DEAD_BROKER):
        first = services.request_render(actor(samen, "stuurgroep"), samen.dossier)
        again = services.request_render(actor(samen, "coordinator"), samen.dossier)
        assert again.pk == first.pk
        ReportRender.objects.filter(pk=first.pk).update(status=RenderStatus.RENDERING)
        assert services.request_render(actor(samen, "stuurgroep"), samen.dossier).pk == first.pk
        # Once it is finished, the next request is a new render.
        ReportRender.objects.filter(pk=first.pk).update(status=RenderStatus.READY)
        third = services.request_render(actor(samen, "stuurgroep"), samen.dossier)
        assert third.pk != first.pk
        assert ReportRender.objects.count() == 2


def test_the_database_refuses_a_second_pending_render(samen):
    with samen.scope():
        for status in (RenderStatus.READY, RenderStatus.FAILED, RenderStatus.QUEUED):
            ReportRender.objects.create(
                partnership=samen.partnership, dossier=samen.dossier, status=status
            )
        for status in (RenderStatus.QUEUED, RenderStatus.RENDERING):
            with pytest.raises(IntegrityError), transaction.atomic():
                ReportRender.objects.create(
                    partnership=samen.partnership, dossier=samen.dossier, status=status
                )


def test_render_pdf_renders_a_claimed_render_once(samen, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    with samen.scope():
        render = ReportRender.objects.create(partnership=samen.partnership, dossier=samen.dossier)
        services.render_pdf(render.pk)
        render.refresh_from_db()
        assert render.status == RenderStatus.READY
        finished = (render.finished_at, render.pdf.name)

        # A redelivered or re-queued task for the same render changes nothing.
        services.render_pdf(render.pk)
        render.refresh_from_db()
        assert (render.finished_at, render.pdf.name) == finished
        assert len(list(tmp_path.rglob("*.pdf"))) == 1


def test_render_pdf_leaves_a_render_another_worker_is_making_alone(samen):
    with samen.scope():
        render = ReportRender.objects.create(
            partnership=samen.partnership,
            dossier=samen.dossier,
            status=RenderStatus.RENDERING,
            started_at=timezone.now(),
        )
        services.render_pdf(render.pk)
        render.refresh_from_db()
        assert render.status == RenderStatus.RENDERING
        assert not render.pdf


def test_sweep_fails_renders_whose_worker_died_and_requeues_only_stale_ones(samen, other, settings):
    now = timezone.now()
    limit = dt.timedelta(seconds=settings.SAMEN_PDF_TIME_LIMIT)
    with scopes_disabled():
        dead = ReportRender.objects.create(
            partnership=samen.partnership,
            dossier=samen.dossier,
            status=RenderStatus.RENDERING,
            started_at=now - limit - dt.timedelta(minutes=10),
        )
        busy = ReportRender.objects.create(
            partnership=other.partnership,
            dossier=other.dossier,
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


def test_sweep_requeues_unsent_and_long_queued_renders(samen, other, settings):
    now = timezone.now()
    with scopes_disabled():
        fresh = ReportRender.objects.create(partnership=samen.partnership, dossier=samen.dossier)
        stale = ReportRender.objects.create(partnership=other.partnership, dossier=other.dossier)
        ReportRender.objects.filter(pk=stale.pk).update(requested_at=now - dt.timedelta(minutes=3))
    with broker(DEAD_BROKER):
        # The broker is still down: nothing is lost, the rows stay queued for the next sweep.
        assert services.sweep_renders(now=now) == {"requeued": 0, "failed": 0}
    with scopes_disabled():
        assert ReportRender.objects.get(pk=stale.pk).enqueued_at is None

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
        assert ReportRender.objects.get(pk=fresh.pk).status == RenderStatus.QUEUED


def test_migration_fails_extra_pending_renders_before_adding_the_constraint(transactional_db):
    """Rows from before the constraint (a broker outage left several queued) do not stop it."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("quality", "0003_reminder_claimed_at")]
    after = [("quality", "0004_one_pending_render_per_dossier")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        partnership = old.get_model("partnerships", "Partnership").objects.create(
            name="Oud", slug="oud", sector="po"
        )
        dossier = old.get_model("quality", "Dossier").objects.create(
            partnership=partnership, title="Oud dossier", schooljaar=2025
        )
        Render = old.get_model("quality", "ReportRender")
        renders = [
            Render.objects.create(partnership=partnership, dossier=dossier, status=status)
            for status in ("queued", "rendering", "ready", "queued")
        ]
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        new = executor.loader.project_state(after).apps.get_model("quality", "ReportRender")
        statuses = dict(new.objects.values_list("pk", "status"))
        assert statuses == {
            renders[0].pk: "failed",
            renders[1].pk: "failed",
            renders[2].pk: "ready",
            renders[3].pk: "queued",  # the newest pending one stays
        }
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
