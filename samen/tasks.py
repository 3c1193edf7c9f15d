"""Thin Celery wrappers for the ground floor's own work: background jobs and housekeeping."""

from celery import shared_task
from django.conf import settings

from . import imports, jobs


@shared_task
def purge_stale_uploads():
    """Beat: deletes import files whose preview was never confirmed (older than two hours)."""
    return imports.purge_stale_stashes()


@shared_task(
    name=jobs.RUN_TASK,
    soft_time_limit=getattr(settings, "SAMEN_JOB_TIME_LIMIT", 900),
    time_limit=getattr(settings, "SAMEN_JOB_TIME_LIMIT", 900) + 30,
)
def run_job(job_id, partnership_id):
    """A large export or an import's confirmation (samen.jobs.run), once, as its owner."""
    jobs.run_in_scope(job_id, partnership_id)


@shared_task
def purge_jobs():
    """Beat: deletes downloads and results older than a day (SAMEN_JOB_MAX_AGE_HOURS), fails
    jobs whose worker died, sends jobs the broker never got."""
    return jobs.purge_jobs()
