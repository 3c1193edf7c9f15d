"""Placements (stages) and the forms of the gouden driehoek (student, mentor, IO)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.permissions import Paths, Role
from samen.tenancy import TenantModel


class PlacementStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    VOORGESTELD = "voorgesteld", _("Voorgesteld")
    BEVESTIGD = "bevestigd", _("Bevestigd")
    LOPEND = "lopend", _("Lopend")
    AFGEROND = "afgerond", _("Afgerond")
    AFGEBROKEN = "afgebroken", _("Afgebroken")


# The placement lifecycle in one place: status → the statuses it may move to. A table rather
# than a state-machine library (django-fsm is archived): the views read it to offer exactly
# the allowed buttons, and services.transition() enforces it.
PLACEMENT_TRANSITIONS = {
    PlacementStatus.CONCEPT: (PlacementStatus.VOORGESTELD, PlacementStatus.AFGEBROKEN),
    PlacementStatus.VOORGESTELD: (
        PlacementStatus.BEVESTIGD,
        PlacementStatus.CONCEPT,
        PlacementStatus.AFGEBROKEN,
    ),
    PlacementStatus.BEVESTIGD: (PlacementStatus.LOPEND, PlacementStatus.AFGEBROKEN),
    PlacementStatus.LOPEND: (PlacementStatus.AFGEROND, PlacementStatus.AFGEBROKEN),
    PlacementStatus.AFGEROND: (),
    PlacementStatus.AFGEBROKEN: (),
}


class Programme(models.TextChoices):
    PABO_VOLTIJD = "pabo_voltijd", _("Pabo voltijd")
    PABO_DEELTIJD = "pabo_deeltijd", _("Pabo deeltijd")
    MINOR = "minor", _("Minor educatie")
    ZIJ_INSTROOM = "zij_instroom", _("Zij-instroom")
    LIO = "lio", _("LIO-stage")
    VO = "vo", _("Lerarenopleiding VO")


class Phase(models.TextChoices):
    """The student's phase in the programme: what the forms of the period ask is set by it."""

    PROPEDEUSE = "propedeuse", _("Propedeuse")
    HOOFDFASE = "hoofdfase", _("Hoofdfase")
    AFSTUDEERFASE = "afstudeerfase", _("Afstudeerfase")


class PlacementPeriod(TenantModel):
    """A placement period of one institute in one schooljaar, for one programme, study year and
    phase: when its students are at school and how many days a week. Schools offer capacity
    per period; students ask for a place in a period; its placements take its forms."""

    ACCESS = Paths(partner=("institute",), schooljaar="schooljaar")

    institute = models.ForeignKey(
        "partnerships.Partner",
        on_delete=models.PROTECT,
        related_name="placement_periods",
        verbose_name=_("opleidingsinstituut"),
    )
    schooljaar = models.PositiveSmallIntegerField(_("schooljaar"))
    name = models.CharField(_("naam"), max_length=100)
    programme = models.CharField(_("opleiding"), max_length=20, choices=Programme.choices)
    study_year = models.PositiveSmallIntegerField(
        _("studiejaar"), validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices)
    starts_on = models.DateField(_("begindatum"))
    ends_on = models.DateField(_("einddatum"))
    days_per_week = models.DecimalField(
        _("dagen per week"),
        max_digits=2,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(5)],
    )

    class Meta(TenantModel.Meta):
        verbose_name = _("stageperiode")
        verbose_name_plural = _("stageperiodes")
        ordering = ["-schooljaar", "starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="placement_period_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.name


class Placement(TenantModel):
    # For samen.permissions: its school, who owns it per role, and the schooljaren it runs in
    # (last year's mentor keeps last year's placements).
    ACCESS = Paths(
        school=("school",),
        partner=("period__institute",),
        owners={
            Role.STUDENT: ("student",),
            Role.MENTOR: ("mentor",),
            Role.INSTITUUTSOPLEIDER: ("instituutsopleider",),
        },
        period=("starts_on", "ends_on"),
    )

    student = models.ForeignKey(
        "roles.Person",
        on_delete=models.PROTECT,
        related_name="placements_as_student",
        verbose_name=_("aankomende leraar"),
    )
    school = models.ForeignKey(
        "partnerships.School",
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("school"),
    )
    mentor = models.ForeignKey(
        "roles.Person",
        on_delete=models.PROTECT,
        related_name="placements_as_mentor",
        verbose_name=_("mentor"),
    )
    instituutsopleider = models.ForeignKey(
        "roles.Person",
        on_delete=models.PROTECT,
        related_name="placements_as_io",
        verbose_name=_("instituutsopleider"),
    )
    period = models.ForeignKey(
        PlacementPeriod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("stageperiode"),
    )
    group = models.CharField(_("groep of vak"), max_length=100, blank=True)
    starts_on = models.DateField(_("begindatum"))
    ends_on = models.DateField(_("einddatum"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PlacementStatus.choices,
        default=PlacementStatus.CONCEPT,
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["-starts_on", "student__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="placement_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.student} @ {self.school.name}"

    @property
    def allowed_transitions(self):
        return PLACEMENT_TRANSITIONS[PlacementStatus(self.status)]


class FormStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SUBMITTED = "submitted", _("Ingediend")


class StartForm(TenantModel):
    """The startgesprek: the student's personal learning goals and what they need from the school.

    Permission checks for it are made against its placement (`startform.*` actions).
    """

    placement = models.OneToOneField(
        Placement, on_delete=models.CASCADE, related_name="start_form", verbose_name=_("stage")
    )
    learning_goals = models.TextField(
        _("persoonlijke leerdoelen"),
        blank=True,
        help_text=_("Leerdoelen van de aankomende leraar, gekoppeld aan de bekwaamheidseisen."),
    )
    needs_from_school = models.TextField(
        _("wat de aankomende leraar van de school nodig heeft"), blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=FormStatus.choices, default=FormStatus.DRAFT
    )
    updated_at = models.DateTimeField(_("laatst opgeslagen"), auto_now=True)
    updated_by = models.ForeignKey(
        "roles.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("laatst opgeslagen door"),
    )
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("startgesprek")
        verbose_name_plural = _("startgesprekken")

    def __str__(self):
        return str(_("Startgesprek %(placement)s") % {"placement": self.placement})

    @property
    def is_locked(self):
        return self.status == FormStatus.SUBMITTED


class PlacementEvent(TenantModel):
    """One step in a placement's life, as it happened: append-only, never changed or deleted.

    Written by the services (`create_placement`, `transition`, and later overstap, verlenging
    and reopened forms), read as the placement's history.
    """

    class Kind(models.TextChoices):
        CREATED = "created", _("Aangemaakt")
        STATUS = "status", _("Status gewijzigd")

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="events", verbose_name=_("stage")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    from_status = models.CharField(
        _("van"), max_length=20, choices=PlacementStatus.choices, blank=True
    )
    to_status = models.CharField(_("naar"), max_length=20, choices=PlacementStatus.choices)
    reason = models.TextField(_("toelichting"), blank=True)
    by = models.ForeignKey(
        "roles.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    by_user = models.ForeignKey(
        "roles.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("op"), default=timezone.now)

    class Meta(TenantModel.Meta):
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.placement}: {self.get_kind_display()} ({self.at:%d-%m-%Y})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A placement event is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A placement event is never deleted.")
