"""Placements (stages): their periods, their lifecycle and its event log, and leergroepen."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.permissions import Paths, Role
from samen.schooljaar import Schooljaar
from samen.tenancy import TenantModel


class PlacementStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    VOORGESTELD = "voorgesteld", _("Voorgesteld")
    BEVESTIGD = "bevestigd", _("Bevestigd")
    LOPEND = "lopend", _("Lopend")
    AFGEROND = "afgerond", _("Afgerond")
    AFGEBROKEN = "afgebroken", _("Afgebroken")
    #: Ended because the student moved to another school; a new placement continues it.
    OVERGESTAPT = "overgestapt", _("Overgestapt")


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
    PlacementStatus.BEVESTIGD: (
        PlacementStatus.LOPEND,
        PlacementStatus.AFGEBROKEN,
        PlacementStatus.OVERGESTAPT,
    ),
    PlacementStatus.LOPEND: (
        PlacementStatus.AFGEROND,
        PlacementStatus.AFGEBROKEN,
        PlacementStatus.OVERGESTAPT,
    ),
    PlacementStatus.AFGEROND: (),
    PlacementStatus.AFGEBROKEN: (),
    PlacementStatus.OVERGESTAPT: (),
}
#: Moves that only their own operation makes, never a plain status button or transition():
#: an overstap also ends the placement the day before and opens its continuation.
SERVICE_ONLY_TRANSITIONS = frozenset({PlacementStatus.OVERGESTAPT})
#: The statuses in which a placement is still to run or running: it can be extended or moved.
ACTIVE_STATUSES = frozenset({PlacementStatus.BEVESTIGD, PlacementStatus.LOPEND})


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
            # VO: the mentor field holds the vakbegeleider; the coach has a field of its own.
            Role.VAKBEGELEIDER: ("mentor",),
            Role.COACH: ("coach",),
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
        help_text=_("In het VO: de vakbegeleider."),
    )
    #: VO: the coach (pedagogy) beside the vakbegeleider (subject); none in PO.
    coach = models.ForeignKey(
        "roles.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements_as_coach",
        verbose_name=_("coach"),
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
    #: The placement this one continues after an overstap; its reverse is `continued_in`.
    #: RESTRICT: an earlier placement is not deleted from under its continuation (deleting
    #: both together, as the demo reset does, is allowed).
    previous = models.OneToOneField(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="continued_in",
        verbose_name=_("vorige stage"),
    )
    #: Duo-stage: the second student of a duo points at the first one's placement (same
    #: school, period, group and mentor); the pair takes one place of the school's capacity.
    duo_with = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duo_partner",
        verbose_name=_("duo-stage met"),
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
        indexes = [
            # The places taken at a school in a period (capacity lists, the matching board).
            models.Index(fields=["period", "school"], name="placement_period_school"),
        ]

    def __str__(self):
        return f"{self.student} @ {self.school.name}"

    def get_absolute_url(self):
        return reverse(
            "placements:detail",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )

    @property
    def allowed_transitions(self):
        """The statuses a plain status button may move this placement to."""
        return tuple(
            s
            for s in PLACEMENT_TRANSITIONS[PlacementStatus(self.status)]
            if s not in SERVICE_ONLY_TRANSITIONS
        )

    @property
    def is_active(self):
        """Still to run or running: it can be extended, or moved to another school."""
        return self.status in ACTIVE_STATUSES

    @property
    def mentor_label(self):
        """What the mentor is called here: the vakbegeleider beside a coach (VO), else mentor."""
        return _("Vakbegeleider") if self.coach_id else _("Mentor")


class PlacementEvent(TenantModel):
    """One step in a placement's life, as it happened: append-only, never changed or deleted.

    Written by the services (`create_placement`, `transition`, `overstap`, `extend`,
    `set_coach`, and later reopened forms), read as the placement's history. What a step
    changed beyond the status is in `details` (ids and dates as written then, e.g. a
    verlenging's old and new end date), so the log needs no new column per kind of step.
    """

    class Kind(models.TextChoices):
        CREATED = "created", _("Aangemaakt")
        STATUS = "status", _("Status gewijzigd")
        #: In both placements: the one that ended and the one that continues it.
        OVERSTAP = "overstap", _("Overstap")
        VERLENGING = "verlenging", _("Verlenging")
        COACH = "coach", _("Coach gewijzigd")
        #: The forms of the gouden driehoek (PlacementForm): details {"form": kind, …}.
        FORM_SUBMITTED = "form_submitted", _("Formulier ingediend")
        FORM_SIGNED = "form_signed", _("Formulier ondertekend")
        FORM_REOPENED = "form_reopened", _("Formulier heropend")

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="events", verbose_name=_("stage")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    from_status = models.CharField(
        _("van"), max_length=20, choices=PlacementStatus.choices, blank=True
    )
    to_status = models.CharField(_("naar"), max_length=20, choices=PlacementStatus.choices)
    reason = models.TextField(_("toelichting"), blank=True)
    #: Per kind: overstap {"from_school", "to_school" (ids), "move_on", "ends_on" (ISO dates),
    #: "previous" / "next" (placement ids)}; verlenging {"old_ends_on", "new_ends_on"};
    #: coach {"old", "new" (person ids or null)}; form_* {"form" (FormKind), "role"}, a
    #: reopening also {"removed": [{"role", "name", "signed_at"}]}; a status move to afgerond
    #: without a locked eindbeoordeling {"override": true} (a coordinator's, with a reason).
    details = models.JSONField(_("gegevens"), default=dict, blank=True)
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


class Leergroep(TenantModel):
    """The students placed at one school in one period (or schooljaar), who meet as a group
    led by the schoolopleider (seed 000: collectief leren in leergroepen).

    Its members are placements, not bare people: a student belongs because she is placed at
    this school then, and her mentor (or vakbegeleider and coach) reads the group through
    that placement. `services.suggested_members()` derives them; the schoolopleider edits them.
    """

    ACCESS = Paths(
        school=("school",),
        owners={
            Role.STUDENT: ("members__student",),
            Role.MENTOR: ("members__mentor",),
            Role.VAKBEGELEIDER: ("members__mentor",),
            Role.COACH: ("members__coach",),
        },
        schooljaar="schooljaar",
    )

    school = models.ForeignKey(
        "partnerships.School",
        on_delete=models.PROTECT,
        related_name="leergroepen",
        verbose_name=_("school"),
    )
    schooljaar = models.PositiveSmallIntegerField(_("schooljaar"))
    period = models.ForeignKey(
        PlacementPeriod,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leergroepen",
        verbose_name=_("stageperiode"),
        help_text=_("Leeg: het hele schooljaar."),
    )
    name = models.CharField(_("naam"), max_length=100)
    leader = models.ForeignKey(
        "roles.Person",
        on_delete=models.PROTECT,
        related_name="leergroepen_led",
        verbose_name=_("schoolopleider"),
    )
    members = models.ManyToManyField(
        Placement, related_name="leergroepen", blank=True, verbose_name=_("deelnemers")
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("leergroep")
        verbose_name_plural = _("leergroepen")
        ordering = ["-schooljaar", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "placements:leergroep",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )

    @property
    def schooljaar_label(self):
        return str(Schooljaar(self.schooljaar))

    @property
    def starts_on(self):
        return self.period.starts_on if self.period_id else Schooljaar(self.schooljaar).first_day

    @property
    def ends_on(self):
        return self.period.ends_on if self.period_id else Schooljaar(self.schooljaar).last_day


class LeergroepMeeting(TenantModel):
    """One meeting of a leergroep: when, about what, notes, and who was there (optional).

    Permission checks for it are made against its leergroep (`leergroep.*` actions)."""

    leergroep = models.ForeignKey(
        Leergroep, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("leergroep")
    )
    starts_at = models.DateTimeField(_("datum en tijd"))
    topic = models.CharField(_("onderwerp"), max_length=200)
    notes = models.TextField(_("aantekeningen"), blank=True)
    attendees = models.ManyToManyField(
        Placement, related_name="+", blank=True, verbose_name=_("aanwezig")
    )

    class Meta(TenantModel.Meta):
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.leergroep} {self.starts_at:%d-%m-%Y}"


# --- The forms a placement has (their templates and the forms themselves live in the
# formtemplates and placementforms apps; the lifecycle and its story speak of them) ---------


class FormKind(models.TextChoices):
    START = "start", _("Startgesprek")
    TUSSENTIJDS = "tussentijds", _("Tussentijdse beoordeling")
    EIND = "eind", _("Eindbeoordeling")
