"""'PDF maken' on the dossier page: a broker outage loses no render, and a second click adds none.

The engine's guarantees are tested in documents/tests/test_render_queue.py with a kind of its
own; here the dossier page, with quality's kritische reflectie, end to end: the outage is
real (the app publishes to a Redis port where nothing listens), and so is the recovery (the
sweep runs in a real Celery worker on the test broker, which then makes the PDF).
"""

import datetime as dt
import time

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from documents import tasks
from documents.models import Render, RenderStatus
from documents.tests.support import DEAD_BROKER, broker, wait_for_render
from quality.services import KRITISCHE_REFLECTIE

pytestmark = pytest.mark.celery

QUEUE_DOWN = "de wachtrij is even niet bereikbaar"


def render_of(dossier):
    with scopes_disabled():
        return Render.objects.get(dossier=dossier)


def create_url(tenant):
    return reverse(
        "documents:render_create",
        args=[tenant.partnership.slug, KRITISCHE_REFLECTIE, tenant.dossier.pk],
    )


def test_pdf_maken_with_the_broker_down_keeps_the_render_and_the_sweep_makes_it(
    transactional_db, samen, client_for, request
):
    client = client_for(samen.users["stuurgroep"])
    url = create_url(samen)

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
    assert page.redirect_chain[-1][0] == reverse(
        "quality:dossier", args=[samen.partnership.slug, samen.dossier.pk]
    )
    assert QUEUE_DOWN in page.content.decode()
    render = render_of(samen.dossier)  # exactly one row, for both clicks
    assert render.status == RenderStatus.QUEUED
    assert render.enqueued_at is None

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
    status = client.get(
        reverse("documents:render_status", args=[samen.partnership.slug, render.pk])
    )
    assert 'data-status="ready"' in status.content.decode()
    assert QUEUE_DOWN not in status.content.decode()


def test_a_second_pdf_maken_while_one_is_pending_adds_no_row(transactional_db, samen, client_for):
    from samen.celery import app

    client = client_for(samen.users["stuurgroep"])
    try:
        # No worker runs: the first render stays queued (on the real test broker).
        first = client.post(create_url(samen), HTTP_HX_REQUEST="true")
        second = client.post(create_url(samen), HTTP_HX_REQUEST="true")
    finally:
        app.control.purge()  # no later test's worker should meet these messages

    assert first.status_code == second.status_code == 200
    render = render_of(samen.dossier)
    assert render.status == RenderStatus.QUEUED
    assert render.enqueued_at is not None
    assert QUEUE_DOWN not in first.content.decode()
    # The second click shows the same render.
    status_url = reverse("documents:render_status", args=[samen.partnership.slug, render.pk])
    assert status_url in first.content.decode()
    assert status_url in second.content.decode()
