"""Time a 100,000-row download spends inside the request: before (made in the request) and after
(handed to a background job, samen.jobs), and what the worker then spends making it.

The coordinator asks `/<partnership>/stages/?export=csv` and `?export=xlsx` through the real
view (permission filter, filters, columns, neutralising). "In the request" is the time until the
response is complete: for the immediate download, until its last byte was read (a browser
reads it while gunicorn's worker is held); for the background one, the redirect to the job's
page. The job then runs in this process exactly as the worker's task runs it
(`samen.jobs.run_in_scope`). Runs on SQLite in a temporary folder, or on DATABASE_URL (a scratch
database: dropped and created).

    .venv/bin/python bench/export_background.py [rows]

The last line is the headline.
"""

import os
import sys
import time

from _setup import setup_django

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000


def main():
    os.environ.setdefault("SAMEN_REQUIRE_MFA", "false")
    setup_django()
    import lists
    from django.conf import settings
    from django.test import Client
    from django_scopes import scopes_disabled

    from samen import jobs
    from samen.celery import app
    from samen.models import Job

    app.conf.broker_url = "memory://"  # the job is run below, in this process
    settings.ALLOWED_HOSTS = ["*"]
    started = time.perf_counter()
    with scopes_disabled():
        partnership, user = lists.build_placements(f"background{ROWS}", ROWS)
    print(f"{ROWS:>7} placements built in {time.perf_counter() - started:.0f} s")
    client = Client()
    client.force_login(user)
    path = f"/{partnership.slug}/stages/"
    lines = []
    for fmt in ("csv", "xlsx"):
        settings.SAMEN_EXPORT_BACKGROUND_ROWS = None  # before: every download in the request
        started = time.perf_counter()
        response = client.get(path, {"export": fmt})
        size = sum(len(chunk) for chunk in response.streaming_content)
        before = time.perf_counter() - started
        assert response.status_code == 200, response.status_code

        settings.SAMEN_EXPORT_BACKGROUND_ROWS = min(5000, ROWS // 2)  # after: the default
        started = time.perf_counter()
        response = client.get(path, {"export": fmt})
        after = time.perf_counter() - started
        assert response.status_code == 302, response.status_code
        with scopes_disabled():
            job = Job.objects.order_by("-pk").first()
        started = time.perf_counter()
        jobs.run_in_scope(job.pk, job.partnership_id)
        worker = time.perf_counter() - started
        with scopes_disabled():
            job.refresh_from_db()
        assert job.status == "done", job.error
        print(
            f"  {fmt:<4} in the request before {before:6.2f} s ({size / 2**20:.1f} MiB)   "
            f"after {after * 1000:6.0f} ms   worker {worker:6.2f} s "
            f"({job.file.size / 2**20:.1f} MiB, {job.total} rows)"
        )
        lines.append(f"{fmt} {before:.1f} s → {after * 1000:.0f} ms (worker {worker:.1f} s)")
    print(f"export @{ROWS} in the request: " + "; ".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
