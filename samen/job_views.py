"""The pages of background jobs: the person's own list, one job's page with its progress (an
htmx fragment that polls itself while the job runs), and its download.

Only the job's owner reaches any of them, and only while they still have the rights it was
started with: anyone else — a coordinator of the same partnership included — and every other
partnership get 404 (the row is read through the tenant's scoped manager and the owner).
"""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from . import jobs
from .models import JobStatus


def _job(request, pk):
    job = get_object_or_404(jobs.owned(request), pk=pk)
    if not jobs.may_follow(request.access, job):
        raise Http404
    return job


def job_list(request, partnership_slug):
    """The person's downloads and imports of the last day, newest first. Only role holders
    start jobs (lists, imports): someone let in by one grant finds no such page (404)."""
    if not (request.access.assignments or request.access.is_platform_admin):
        raise Http404
    page = Paginator(jobs.owned(request), 20).get_page(request.GET.get("pagina"))
    hours = int(jobs.max_age().total_seconds() // 3600)
    return render(request, "samen/job_list.html", {"page": page, "max_age_hours": hours})


def job_detail(request, partnership_slug, pk):
    job = _job(request, pk)
    return render(request, "samen/job_detail.html", {"job": job})


def job_status(request, partnership_slug, pk):
    """The fragment the job's page polls; it stops polling once the job ended."""
    return render(request, "samen/_job_status.html", {"job": _job(request, pk)})


def job_download(request, partnership_slug, pk):
    job = _job(request, pk)
    if job.status != JobStatus.DONE or not job.file:
        raise Http404
    try:
        file = job.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(file, as_attachment=True, filename=job.filename)
