"""The kwaliteitscyclus: its rows (CycleActivity), the review moments each schooljaar gets
from them, and the secret of each person's agenda-koppeling.

A moment's reminders are notifications.Notification rows: the engine stores them; cycle
registers what they are (cycle/notifications.py).
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samen.permissions import Paths, Role
from samen.tenancy import TenantModel


class ReviewMoment(TenantModel):
    """A moment of the kwaliteitscyclus, e.g. a school's yearly evaluatiegesprek."""

    # At a school, at a board (a board's own moments, such as its netwerkbijeenkomst: reached
    # by the board's people and by those of its schools, who take part in it), or neither: a
    # moment of the whole partnership.
    ACCESS = Paths(
        school=("school", "partner__schools"), partner=("partner",), schooljaar="schooljaar"
    )

    class Kind(models.TextChoices):
        """What happens at the moment: the instruments of the kwaliteitscyclus (seed 000)."""

        EVALUATIEGESPREK = "evaluatiegesprek", _("Jaarlijks evaluatiegesprek")
        VERKENNEND_GESPREK = "verkennend_gesprek", _("Verkennend gesprek")
        AFSTEMMINGSGESPREK = "afstemmingsgesprek", _("Afstemmingsgesprek (go / no-go)")
        NULMETING = "nulmeting", _("Nulmeting: scan bij de start")
        SCAN = "scan", _("Scan Opleiden in de School")
        HRM_GESPREK = "hrm_gesprek", _("HRM-gesprek")
        ENQUETE = "enquete", _("Tevredenheidsenquête")
        PANELGESPREK = "panelgesprek", _("Panelgesprek")
        JAARPLAN = "jaarplan", _("Jaarplan")
        NETWERKBIJEENKOMST = "netwerkbijeenkomst", _("Netwerkbijeenkomst")
        PEERREVIEW_INTERN = "peerreview_intern", _("Interne peer review")
        PEERREVIEW_LANDELIJK = "peerreview_landelijk", _("Landelijke peer review")
        OVERIG = "overig", _("Overig")

    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    school = models.ForeignKey(
        "partnerships.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_moments",
        verbose_name=_("school"),
    )
    partner = models.ForeignKey(
        "partnerships.Partner",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_moments",
        verbose_name=_("bestuur"),
    )
    schooljaar = models.PositiveSmallIntegerField(_("schooljaar"))
    title = models.CharField(_("titel"), max_length=200)
    # The window in which it takes place; due_on is its last day (the deadline reminders
    # count towards). Moments from before the calendar have no start: their window is one day.
    starts_on = models.DateField(_("vanaf"), null=True, blank=True)
    due_on = models.DateField(_("uiterlijk op"))
    # The row of the kwaliteitscyclus it was generated from, and the key that makes generating
    # a schooljaar twice create nothing new (cycle.generation.generate_schooljaar).
    cycle_activity = models.ForeignKey(
        "cycle.CycleActivity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moments",
        verbose_name=_("activiteit uit de kwaliteitscyclus"),
    )
    cycle_key = models.CharField(max_length=60, blank=True, editable=False)
    # Done: held, with what came out of it (a note now; the Check instruments link here later).
    done_on = models.DateField(_("afgerond op"), null=True, blank=True)
    outcome_note = models.TextField(_("uitkomst"), blank=True)
    # When it last changed: the agenda feed's version (cycle.agenda.feed_version) is its
    # count and the latest of these. Bulk updates set it themselves (update() skips auto_now).
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)
    # Its reminders (notifications.Notification): listed with it, deleted with it.
    notifications = GenericRelation(
        "notifications.Notification", related_query_name="review_moment"
    )

    class Status(models.TextChoices):
        PLANNED = "planned", _("Gepland")
        DONE = "done", _("Afgerond")
        OVERDUE = "overdue", _("Over tijd")

    class Meta(TenantModel.Meta):
        verbose_name = _("evaluatiemoment")
        verbose_name_plural = _("evaluatiemomenten")
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "schooljaar", "cycle_key"],
                condition=~models.Q(cycle_key=""),
                name="one_generated_moment_per_key",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "cycle:moment", kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk}
        )

    @property
    def is_partnership_level(self):
        """A moment of the whole partnership: neither at a school nor of a board."""
        return not self.school_id and not self.partner_id

    @property
    def place(self):
        """Where it takes place, for people: the school, the board, or nothing."""
        return self.school if self.school_id else (self.partner if self.partner_id else None)

    @property
    def window_start(self):
        return self.starts_on or self.due_on

    def status_on(self, today):
        """Planned, done, or overdue: its last day has passed and nobody marked it done."""
        if self.done_on is not None:
            return self.Status.DONE
        if self.due_on < today:
            return self.Status.OVERDUE
        return self.Status.PLANNED

    @property
    def status(self):
        return self.status_on(timezone.localdate())

    def get_status_display(self):
        return self.Status(self.status).label


# --- The kwaliteitscyclus as data, and the calendar ---------------------------------------


class Peilmoment(models.TextChoices):
    """When an activity of the kwaliteitscyclus comes round (the table's first column)."""

    VOOR_DE_START = "voor_de_start", _("Voor de start")
    START = "start", _("Start van de opleidingsschool")
    JAARLIJKS = "jaarlijks", _("Jaarlijks")
    OM_HET_JAAR = "om_het_jaar", _("Om het jaar")
    VIER_JAAR = "vier_jaar", _("Elke vier jaar")
    ZES_JAAR = "zes_jaar", _("Elke zes jaar")


class CycleScope(models.TextChoices):
    """For whom one activity makes a moment: the partnership once, or each board or school."""

    PARTNERSHIP = "partnership", _("Het partnerschap")
    BOARD = "board", _("Elk bestuur")
    SCHOOL = "school", _("Elke opleidingsschool")
    COHORT = "cohort", _("De scholen van het cohort van dat jaar")


class CycleActivity(TenantModel):
    """One row of the partnership's kwaliteitscyclus: when, why, what, with whom, for whom.

    cycle.generation.generate_schooljaar turns the rows into each schooljaar's review moments.
    """

    # No paths: a partnership-level record, reached only by roles for the whole partnership.

    moment = models.CharField(_("peilmoment"), max_length=20, choices=Peilmoment.choices)
    name = models.CharField(
        _("naam in de kalender"),
        max_length=100,
        help_text=_("Kort, bijvoorbeeld ‘Panelgesprek aankomende leraren’."),
    )
    goal = models.TextField(_("doel"))
    activity = models.CharField(_("activiteit en instrument"), max_length=300)
    kind = models.CharField(_("soort moment"), max_length=30, choices=ReviewMoment.Kind.choices)
    # Role values (samen.permissions.Role): who takes part, and so who is reminded.
    participants = models.JSONField(_("betrokkenen"), default=list, blank=True)
    participants_note = models.CharField(
        _("betrokkenen (zoals de cyclus ze noemt)"), max_length=300, blank=True
    )
    scope = models.CharField(_("voor wie"), max_length=12, choices=CycleScope.choices)
    # The window within the schooljaar, as months (1 = January); month_to ends the window.
    month_from = models.PositiveSmallIntegerField(
        _("van maand"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    month_to = models.PositiveSmallIntegerField(
        _("tot en met maand"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    # Where a repeating activity starts counting: every other year from this schooljaar, every
    # six years from it, cohort 1 in it (cohort 2 a year later, …).
    first_schooljaar = models.PositiveSmallIntegerField(
        _("eerste schooljaar"),
        null=True,
        blank=True,
        help_text=_(
            "Voor om het jaar, elke vier of zes jaar: het schooljaar waarin de telling begint."
        ),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("activiteit uit de kwaliteitscyclus")
        verbose_name_plural = _("activiteiten uit de kwaliteitscyclus")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.activity

    def get_participants_display(self):
        labels = dict(Role.choices)
        return ", ".join(str(labels.get(r, r)) for r in self.participants)


class CalendarToken(TenantModel):
    """The secret in a person's agenda-koppeling (ICS feed) URL: whoever has it reads their
    moments, so resetting it replaces the row and the old URL answers 404."""

    person = models.OneToOneField(
        "roles.Person", on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("agenda-koppeling")
        verbose_name_plural = _("agenda-koppelingen")

    def __str__(self):
        return str(self.person)
