"""The ground floor's one table: background jobs (a large export, an import's confirmation).

See samen/jobs.py for how a job runs; this is only the row the browser polls.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .tenancy import TenantModel


class JobKind(models.TextChoices):
    EXPORT = "export", _("Download")
    IMPORT = "import", _("Import")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


PENDING = (JobStatus.QUEUED, JobStatus.RUNNING)


class Job(TenantModel):
    """One piece of long work that a person asked for, run by a Celery worker.

    It belongs to whoever asked (`owner`): only they see it, its progress and its file, in
    this partnership; anyone else gets 404 (samen/job_views.py). Its status runs queued →
    running → done or failed, and only that way: the worker claims a queued job with a
    conditional update, so a redelivered task does nothing twice. `progress` is a percentage
    the worker writes as it goes (pretix's `async_set_progress`, in a row instead of a result
    backend); `file` is the finished download, kept until the purge (samen.jobs.purge_jobs).

    What the job does is named by the view that started it (`view`, a dotted path, with its URL
    kwargs and query string or import token in `params`): the worker builds that view again,
    as the person who asked, with their access resolved anew.
    """

    kind = models.CharField(_("soort"), max_length=20, choices=JobKind.choices)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("titel"), max_length=200)
    view = models.CharField(max_length=200)
    url_kwargs = models.JSONField(default=dict, blank=True)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    total = models.PositiveIntegerField(_("rijen"), default=0)
    result = models.JSONField(default=dict, blank=True)
    file = models.FileField(upload_to="jobs/", blank=True)
    filename = models.CharField(max_length=255, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("taak op de achtergrond")
        verbose_name_plural = _("taken op de achtergrond")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="job_by_owner")]

    def __str__(self):
        return f"{self.title} ({self.get_status_display()})"

    @property
    def is_pending(self):
        return self.status in PENDING

    @property
    def waits_for_queue(self):
        """Queued, but the broker could not be reached yet: the sweep will send it."""
        return self.status == JobStatus.QUEUED and self.enqueued_at is None

    def get_absolute_url(self):
        return reverse(
            "jobs:detail", kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk}
        )
