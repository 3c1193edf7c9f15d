"""Background jobs (samen.jobs) in tests.

`run_jobs()` runs the queued jobs in this process, exactly as the worker's task does
(`samen.jobs.run_in_scope`), for `db` tests: their transaction never commits, so the job's task
is never sent (`transaction.on_commit`). Tests with a real worker (`celery_worker`) wait for it
with `wait_for_job` instead.
"""

import time

from django_scopes import scopes_disabled

from samen import jobs
from samen.models import Job, JobStatus


def run_jobs():
    """Runs every queued job as the worker would; returns them, finished."""
    with scopes_disabled():
        queued = list(Job.objects.filter(status=JobStatus.QUEUED).order_by("pk"))
    for job in queued:
        jobs.run_in_scope(job.pk, job.partnership_id)
    with scopes_disabled():
        return list(Job.objects.filter(pk__in=[j.pk for j in queued]).order_by("pk"))


def wait_for_job(pk, timeout=60):
    """The job once a real worker ended it (done or failed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with scopes_disabled():
            job = Job.objects.get(pk=pk)
        if not job.is_pending:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {pk} still {job.status} after {timeout}s")
