"""Quality: dossiers with the kritische reflectie, its PDF renders, review moments and reminders."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from samen.permissions import Paths
from samen.tenancy import TenantModel


class Waarborg(models.IntegerChoices):
    """The four waarborgen of the Kwaliteitskader Samen Opleiden & Inductie (2021)."""

    LERENDE_LERAAR = 1, _("Lerende leraar")
    LEEROMGEVING = 2, _("Leeromgeving")
    ORGANISATIE = 3, _("Organisatie")
    KWALITEITSCULTUUR = 4, _("Kwaliteitscultuur")


class Dossier(TenantModel):
    """A peer-review dossier; for now: its kritische reflectie."""

    # No paths: a partnership-level record, reached only by roles for the whole partnership
    # (and by django-guardian grants on one dossier).

    title = models.CharField(_("titel"), max_length=200)
    schooljaar = models.PositiveSmallIntegerField(_("schooljaar"))
    foreword = models.TextField(_("inleiding / kort voorwoord"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-schooljaar", "title"]
        permissions = [("download_dossier", _("Mag de PDF van het dossier downloaden"))]

    def __str__(self):
        return self.title


class ReflectieSection(TenantModel):
    """The kritische reflectie's chapter for one waarborg."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="sections")
    waarborg = models.PositiveSmallIntegerField(_("waarborg"), choices=Waarborg.choices)
    narrative = models.TextField(_("beschrijving"), blank=True)
    reflection = models.TextField(_("reflectie op de waarborg"), blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("hoofdstuk kritische reflectie")
        verbose_name_plural = _("hoofdstukken kritische reflectie")
        ordering = ["waarborg"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "waarborg"], name="one_section_per_waarborg"
            ),
        ]

    def __str__(self):
        return self.get_waarborg_display()


class DossierUserObjectPermission(UserObjectPermissionBase):
    """Direct-FK guardian table: fast lookups, and grants vanish with their dossier."""

    content_object = models.ForeignKey(Dossier, on_delete=models.CASCADE)


class RenderStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RENDERING = "rendering", _("Wordt gemaakt")
    READY = "ready", _("Klaar")
    FAILED = "failed", _("Mislukt")


class ReportRender(TenantModel):
    """One PDF rendering of a dossier's kritische reflectie, made by a Celery task.

    A dossier has at most one pending (queued or rendering) render: the database refuses a
    second one. `enqueued_at` is when the task was last handed to the broker; empty while the
    broker could not be reached, which the status shows and the sweep repairs
    (quality.services.sweep_renders).
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="renders")
    status = models.CharField(
        _("status"), max_length=20, choices=RenderStatus.choices, default=RenderStatus.QUEUED
    )
    requested_by = models.ForeignKey(
        "roles.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    enqueued_at = models.DateTimeField(_("naar de wachtrij gestuurd op"), null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    render_ms = models.PositiveIntegerField(_("rendertijd (ms)"), null=True, blank=True)
    pages = models.PositiveSmallIntegerField(null=True, blank=True)
    pdf = models.FileField(upload_to="reports/%Y/", blank=True)
    error = models.TextField(blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("PDF-versie")
        verbose_name_plural = _("PDF-versies")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"],
                condition=models.Q(status__in=[RenderStatus.QUEUED, RenderStatus.RENDERING]),
                name="one_pending_render_per_dossier",
            ),
        ]

    def __str__(self):
        return f"{self.dossier} ({self.get_status_display()})"

    @property
    def is_pending(self):
        return self.status in (RenderStatus.QUEUED, RenderStatus.RENDERING)

    @property
    def waits_for_queue(self):
        """Queued, but the broker could not be reached yet: the sweep will send it."""
        return self.status == RenderStatus.QUEUED and self.enqueued_at is None


class ReviewMoment(TenantModel):
    """A moment of the kwaliteitscyclus, e.g. a school's yearly evaluatiegesprek."""

    ACCESS = Paths(school=("school",), schooljaar="schooljaar")

    class Kind(models.TextChoices):
        EVALUATIEGESPREK = "evaluatiegesprek", _("Jaarlijks evaluatiegesprek")

    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    school = models.ForeignKey(
        "partnerships.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_moments",
        verbose_name=_("school"),
    )
    schooljaar = models.PositiveSmallIntegerField(_("schooljaar"))
    title = models.CharField(_("titel"), max_length=200)
    due_on = models.DateField(_("datum"))

    class Meta(TenantModel.Meta):
        verbose_name = _("evaluatiemoment")
        verbose_name_plural = _("evaluatiemomenten")
        ordering = ["due_on"]

    def __str__(self):
        return self.title


class Reminder(TenantModel):
    """One reminder e-mail for one person about one moment: a row, so it is sent once.

    The beat sweep claims due rows (quality.services.send_due_reminders); the unique
    constraint stops a second row for the same (moment, recipient, kind).
    """

    class Kind(models.TextChoices):
        UPCOMING = "upcoming", _("Binnenkort")

    moment = models.ForeignKey(ReviewMoment, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey("roles.Person", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.UPCOMING)
    send_on = models.DateField(_("versturen op"))
    # Set by the sweep that is sending it; a claim older than CLAIM_TIMEOUT (a worker that
    # died mid-send) may be taken over, so a reminder is never lost.
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        ordering = ["send_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["moment", "recipient", "kind"], name="reminder_once_per_recipient"
            ),
        ]

    def __str__(self):
        return f"{self.moment} → {self.recipient}"
