"""Thin Celery wrappers around notifications.services."""

from celery import shared_task

from . import services


@shared_task
def send_due_notifications():
    """Beat's sweep. Safe to run twice at once: see services.send_due."""
    return services.send_due()
