"""Thin Celery wrappers for the ground floor's own housekeeping."""

from celery import shared_task

from . import imports


@shared_task
def purge_stale_uploads():
    """Beat: deletes import files whose preview was never confirmed (older than two hours)."""
    return imports.purge_stale_stashes()
