"""Documents: PDF renders of any app's rows, made by a Celery worker, with their status."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.tenancy import TenantModel


class RenderStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RENDERING = "rendering", _("Wordt gemaakt")
    READY = "ready", _("Klaar")
    FAILED = "failed", _("Mislukt")


PENDING = (RenderStatus.QUEUED, RenderStatus.RENDERING)


class Render(TenantModel):
    """One PDF rendering of one row (the target) as one kind of document (documents.registry).

    Its status runs queued → rendering → ready or failed, and only that way: a worker claims
    a queued render with a conditional update (documents.services.render_pdf). A target has at
    most one pending (queued or rendering) render per kind: the database refuses a second one.
    `enqueued_at` is when the task was last handed to the broker; empty while the broker could
    not be reached, which the status shows and the sweep repairs (services.sweep_renders).

    The target is any row of the same partnership (a generic relation: the engine imports no
    app); apps add a GenericRelation to their model so that deleting it deletes its renders.
    """

    kind = models.CharField(_("soort"), max_length=60)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    status = models.CharField(
        _("status"), max_length=20, choices=RenderStatus.choices, default=RenderStatus.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now, editable=False)
    enqueued_at = models.DateTimeField(_("naar de wachtrij gestuurd op"), null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    render_ms = models.PositiveIntegerField(_("rendertijd (ms)"), null=True, blank=True)
    pages = models.PositiveSmallIntegerField(null=True, blank=True)
    pdf = models.FileField(upload_to="documents/%Y/", blank=True)
    error = models.TextField(blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("PDF-versie")
        verbose_name_plural = _("PDF-versies")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id"],
                condition=models.Q(status__in=PENDING),
                name="one_pending_render_per_target",
            ),
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id", "kind"], name="render_by_target"),
        ]

    def __str__(self):
        return f"{self.kind} #{self.object_id} ({self.get_status_display()})"

    @property
    def is_pending(self):
        return self.status in PENDING

    @property
    def waits_for_queue(self):
        """Queued, but the broker could not be reached yet: the sweep will send it."""
        return self.status == RenderStatus.QUEUED and self.enqueued_at is None

    def check_same_partnership(self):
        """Also refuses a target of another partnership (TenantModel checks foreign keys only)."""
        super().check_same_partnership()
        if self._state.adding:
            target = self.target
            if (
                target is not None
                and getattr(target, "partnership_id", None) != self.partnership_id
            ):
                raise ValidationError(
                    _("%(field)s hoort bij een ander partnerschap."),
                    params={"field": target._meta.verbose_name},
                )
