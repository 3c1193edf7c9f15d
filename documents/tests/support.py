"""Test support for documents: a kind of the tests' own, the broker switch, waiting for a render."""

import time
from contextlib import contextmanager

import pytest
from django.urls import reverse
from django.utils.html import escape
from django_scopes import scopes_disabled

from documents import registry
from documents.models import Render
from partnerships.models import School

#: A one-page "schoolblad" of a school: any app's rows can be printed.
SHEET = "test_schoolblad"

#: Nothing listens on port 1: connecting is refused at once, like a Redis that is down.
DEAD_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture
def sheet():
    """Registers SHEET for the test: made by whoever may view the school, downloaded by whoever
    may manage it (coordinators; not the stuurgroep or a schoolopleider)."""
    kind = registry.register(
        SHEET,
        model=School,
        html=lambda school: f"<h1>{escape(school.name)}</h1><p>Schoolblad</p>",
        filename=lambda school: f"schoolblad-{school.pk}.pdf",
        render="school.view",
        download="school.manage",
        page=lambda school: reverse(
            "partnerships:school_detail",
            kwargs={"partnership_slug": school.partnership.slug, "pk": school.pk},
        ),
    )
    yield kind
    registry.unregister(SHEET)


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


def wait_for_render(pk, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with scopes_disabled():
            render = Render.objects.get(pk=pk)
        if not render.is_pending:
            return render
        time.sleep(0.2)
    raise AssertionError(f"render {pk} still {render.status} after {timeout}s")
