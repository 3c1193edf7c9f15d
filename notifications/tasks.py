"""Thin Celery wrappers around the notification engine (notifications.sending)."""

import datetime as dt

from celery import shared_task

from . import sending


@shared_task
def send_due_notifications(now=None):
    """Beat's sweep. Safe to run twice at once, or again after a worker died: see
    sending.sweep. `now` (ISO 8601) runs it as of that moment (tests; beat sends none)."""
    moment = dt.datetime.fromisoformat(now) if now else None
    return sending.send_due(now=moment)
