"""Thin Celery wrappers: take ids, enter the tenant's scope, call the service."""

from celery import shared_task
from django.conf import settings
from django_scopes import scope

from . import services


@shared_task(
    name=services.RENDER_TASK,
    soft_time_limit=settings.SAMEN_PDF_TIME_LIMIT,
    time_limit=settings.SAMEN_PDF_TIME_LIMIT + 30,
)
def render_document(render_id, partnership_id):
    with scope(partnership=partnership_id):
        services.render_pdf(render_id)


@shared_task
def sweep_renders():
    """Beat's PDF sweep: re-sends renders the broker never got, fails those of a dead worker.

    Safe to run twice at once: a render sent twice is still made once (services.render_pdf).
    """
    return services.sweep_renders()
