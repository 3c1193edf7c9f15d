"""Long work in the background, with progress: a large export, every import's confirmation.

A page that would keep its request (and one of gunicorn's few workers) busy for longer than a
few seconds hands the work to Celery instead and answers at once with the job's page, which
polls its progress (htmx) until it ends in a download or an import's result. The person may
leave and come back (samen/job_views.py: "Mijn downloads en imports").

- **Which work.** A list's download above `SAMEN_EXPORT_BACKGROUND_ROWS` rows (smaller ones
  stay immediate: samen.lists.ListView) and every import's confirmation (samen.views.ImportView).
- **As whom.** The job stores the view that started it (a dotted path, its URL kwargs, the
  query string or the import's stashed-file token), never a queryset or a list of ids. The
  worker builds that view again with a request of the person who asked, whose access it
  resolves anew (`SAMEN_ACCESS_FOR`, as the middleware does): a person who lost the right in
  the meantime gets nothing, and the import's services check every row against their reach
  exactly as in a request.
- **All or nothing.** An import runs whole in one transaction in the worker; a refusal (a
  DomainError: a bad row, a row outside the person's reach) rolls it all back, and the result
  lists the rows' errors from a dry run.
- **Progress** is a percentage on the row (pretix's `async_set_progress`, written to the
  database instead of a result backend: the demo has none, and the page reads the row). An
  export reports it as it writes; an import's rows are saved in one transaction no other
  connection can see into, so its page shows the steps (file read, importing) and no
  percentage it cannot know.
- **Once.** The row is committed before its task is sent (`transaction.on_commit`); the worker
  claims it queued → running with a conditional update, so a redelivered task does nothing.
  A broker that cannot be reached fails no page: the job stays queued without `enqueued_at`
  and the purge (beat, every quarter of an hour) sends it again; a job running past its time
  limit (its worker died) becomes failed, so no page waits for ever.
- **Kept as long as needed, for the owner only.** Only the owner sees a job and its file (404
  for anyone else, a coordinator of the same partnership included, and for other tenants);
  the purge deletes jobs and their files `SAMEN_JOB_MAX_AGE_HOURS` after they were asked for
  (24 h), and files left without a row, in the same way samen.imports purges stale uploads.

This module is on the ground floor: it names the views and the access resolver by string.
"""

import datetime as dt
import logging
import tempfile

from celery import current_app
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

from . import exports, imports
from .errors import DomainError
from .models import Job, JobKind, JobStatus

log = logging.getLogger(__name__)

#: The worker's task (samen.tasks.run_job), sent by name: tasks.py imports this module.
RUN_TASK = "samen.tasks.run_job"
#: Where finished downloads wait (inside MEDIA_ROOT), never served directly.
JOB_FOLDER = "jobs"
#: A queued job that never reached the broker is sent again by the purge after this.
REQUEUE_UNSENT_AFTER = dt.timedelta(minutes=1)
#: An import's steps before its rows are saved, as percentages of the bar.
IMPORT_READ, IMPORT_SAVING = 5, 10


def background_threshold():
    """Rows above which a list's download is made in the background (None: never)."""
    return settings.SAMEN_EXPORT_BACKGROUND_ROWS


def max_age():
    return dt.timedelta(hours=getattr(settings, "SAMEN_JOB_MAX_AGE_HOURS", 24))


def time_limit():
    return getattr(settings, "SAMEN_JOB_TIME_LIMIT", 900)


def is_large(queryset):
    """Does `queryset` hold more rows than a download made in the request may? Counts at most
    threshold + 1 rows, so a list of millions costs no more than one of a few thousand."""
    threshold = background_threshold()
    if threshold is None:
        return False
    return queryset[: threshold + 1].count() > threshold


# --- Starting a job (in the request) ----------------------------------------------------------


def _start(request, view, *, kind, title, params, actions):
    cls = type(view)
    job = Job.objects.create(
        partnership=request.partnership,
        owner=request.user,
        kind=kind,
        title=str(title)[:200],
        view=f"{cls.__module__}.{cls.__qualname__}",
        url_kwargs=dict(view.kwargs),
        params={**params, "actions": list(actions), "language": translation.get_language()},
    )
    transaction.on_commit(lambda: send(job))
    return job


def start_export(request, view, fmt):
    """Queues `view`'s download (a samen.lists.ListView) as `fmt` with the request's filters
    and sort. Returns the Job whose page the person follows."""
    query = request.GET.copy()
    query.pop("pagina", None)
    query["export"] = fmt
    title = _("%(name)s downloaden (%(format)s)") % {
        "name": view.export_name.capitalize(),
        "format": fmt.upper(),
    }
    return _start(
        request,
        view,
        kind=JobKind.EXPORT,
        title=title,
        params={"query": query.urlencode(), "format": fmt, "back": request.path},
        actions=[view.action],
    )


def start_import(request, view, token):
    """Queues the confirmation of `view`'s import (a samen.views.ImportView) of the file the
    stash `token` names. The token leaves the session for the row; the file stays until the
    job ends."""
    slug = request.partnership.slug
    return _start(
        request,
        view,
        kind=JobKind.IMPORT,
        title=view.title,
        params={
            "token": token,
            "back": reverse(view.list_url_name, kwargs={"partnership_slug": slug}),
            "again": reverse(view.url_name, kwargs={"partnership_slug": slug}),
        },
        actions=list(view.actions),
    )


def send(job, *, now=None):
    """Hands a queued job to the broker. True when sent; False (logged) when it could not be:
    the job stays queued and the purge sends it again."""
    try:
        current_app.send_task(RUN_TASK, args=(job.pk, job.partnership_id))
    except (KombuError, RedisError, OSError) as exc:
        log.warning("Job %s kept queued: the broker is unreachable (%s)", job.pk, exc)
        return False
    job.enqueued_at = now or timezone.now()
    Job.objects.filter(pk=job.pk).update(enqueued_at=job.enqueued_at)
    return True


def owned(request):
    """The jobs of the person asking, in this partnership: the only ones they may see."""
    return Job.objects.filter(owner=request.user)


def may_follow(access, job):
    """Does the owner still have the rights the job was started with?"""
    return all(access.can(action) for action in job.params.get("actions", []))


# --- Running it (in the worker) ---------------------------------------------------------------


def set_progress(job, percent):
    """Records how far `job` is (0–100), written only when the whole percentage changed."""
    percent = max(0, min(100, int(percent)))
    if percent != job.progress:
        job.progress = percent
        Job.objects.filter(pk=job.pk).update(progress=percent)


def run(job_id):
    """Runs one queued job (in the worker, inside its tenant's scope); at most once.

    Ends `done` (with its file or its result) or `failed` (with the error), so the page always
    has an end to show.
    """
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    job = Job.objects.filter(pk=job_id).select_related("owner", "partnership").first()
    if not claimed or job is None:
        return job  # deleted, finished or being run by another worker
    with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
        try:
            request = _request_of(job)
            view = import_string(job.view)()
            view.setup(request, **job.url_kwargs)
            # As the middleware would: a deactivated account or partnership enters no page,
            # so its queued job acts no more than a request of it could.
            active = job.owner.is_active and job.partnership.is_active
            if not active or not request.access.may_enter or not may_follow(request.access, job):
                raise DomainError(_("U heeft hier geen toegang meer toe; er is niets gedaan."))
            if job.kind == JobKind.EXPORT:
                _export(job, view)
            else:
                _import(job, view)
        except DomainError as exc:
            _finish(job, JobStatus.FAILED, result={"message": exc.message}, error=exc.message)
        except Exception as exc:  # any failure must end in a visible state, never "running"
            log.exception("Job %s failed", job_id)
            _finish(job, JobStatus.FAILED, error=f"{type(exc).__name__}: {exc}")
        finally:
            if job.kind == JobKind.IMPORT:
                imports.discard_token(job.params.get("token"))
    return job


def _request_of(job):
    """A GET request of the job's owner in its partnership, as the middleware would make it."""
    request = HttpRequest()
    request.method = "GET"
    request.GET = QueryDict(job.params.get("query", ""))
    request.user = job.owner
    request.partnership = job.partnership
    request.access = import_string(settings.SAMEN_ACCESS_FOR)(job.owner, job.partnership)
    request.htmx = False
    request.LANGUAGE_CODE = translation.get_language()
    return request


def _export(job, view):
    fmt = job.params["format"]
    headers, rows, queryset = view.export_table()
    job.total = queryset.count()
    Job.objects.filter(pk=job.pk).update(total=job.total)
    filename = exports.export_filename(view.export_name, fmt)
    with tempfile.TemporaryFile() as file:
        exports.write(fmt, file, headers, _reporting(job, rows), title=view.export_name)
        file.seek(0)
        job.file.save(f"{job.pk}-{filename}", File(file), save=False)
    job.filename = filename
    _finish(job, JobStatus.DONE, result={"rows": job.total})


def _reporting(job, rows):
    """`rows`, recording the progress every hundredth of the total (and at most every row)."""
    step = max(job.total // 100, 1)
    for number, row in enumerate(rows, 1):
        yield row
        if number % step == 0 and job.total:
            set_progress(job, min(99, number * 100 // job.total))


def _import(job, view):
    set_progress(job, IMPORT_READ)
    upload = imports.read_token(job.params.get("token"), job.partnership_id, **view.upload)
    job.total = len(upload)
    Job.objects.filter(pk=job.pk).update(total=job.total)
    set_progress(job, IMPORT_SAVING)
    access = view.request.access
    try:
        with transaction.atomic():
            count = view.perform(access, upload)
    except DomainError as exc:
        # Nothing was saved. Which rows are wrong now (the file was checked at the preview,
        # but the data may have changed since): a dry run, as the preview does.
        errors = view.preview(access, upload).error_list
        _finish(
            job,
            JobStatus.DONE,
            result={"imported": False, "message": exc.message, "errors": errors},
        )
        return
    _finish(
        job,
        JobStatus.DONE,
        result={"imported": True, "count": count, "message": view.success_message(count)},
    )


def _finish(job, status, *, result=None, error=""):
    job.status = status
    job.result = result or {}
    job.error = error
    job.finished_at = timezone.now()
    if status == JobStatus.DONE:
        job.progress = 100
    job.save(
        update_fields=[
            "status",
            "result",
            "error",
            "finished_at",
            "progress",
            "total",
            "file",
            "filename",
        ]
    )


def run_in_scope(job_id, partnership_id):
    with scope(partnership=partnership_id):
        return run(job_id)


# --- Keeping it only as long as needed (beat) -------------------------------------------------


def purge_jobs(now=None):
    """Beat: deletes jobs (and their files) older than SAMEN_JOB_MAX_AGE_HOURS, and files of
    the job folder that no row holds any more and are as old; fails jobs running past their
    time limit (the worker died) and sends queued jobs the broker never got. Returns counts.

    Crosses tenants on purpose: the purge serves every partnership.
    """
    now = now or timezone.now()
    cutoff = now - max_age()
    with scopes_disabled():
        removed = 0
        for job in Job.objects.filter(created_at__lt=cutoff).iterator():
            if job.file:
                job.file.delete(save=False)
            job.delete()
            removed += 1
        removed += _purge_orphan_files(cutoff)
        stuck = Job.objects.filter(
            status=JobStatus.RUNNING,
            started_at__lt=now - dt.timedelta(seconds=time_limit() + 60),
        ).update(
            status=JobStatus.FAILED,
            finished_at=now,
            error=_("Afgebroken: de taak duurde langer dan %(seconds)s seconden.")
            % {"seconds": time_limit()},
        )
        resent = 0
        unsent = Job.objects.filter(
            status=JobStatus.QUEUED,
            enqueued_at__isnull=True,
            created_at__lt=now - REQUEUE_UNSENT_AFTER,
        )
        for job in unsent.order_by("created_at")[:100]:
            if not send(job, now=now):
                break
            resent += 1
    return {"removed": removed, "failed": stuck, "resent": resent}


def _purge_orphan_files(cutoff):
    """Files in the job folder older than `cutoff`: their row is gone (or they would have
    gone with it). The pattern of samen.imports.purge_stale_stashes."""
    try:
        _dirs, files = default_storage.listdir(JOB_FOLDER)
    except FileNotFoundError:
        return 0
    removed = 0
    for filename in files:
        path = f"{JOB_FOLDER}/{filename}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                removed += 1
        except OSError:
            continue
    return removed
