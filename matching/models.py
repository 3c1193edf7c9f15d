"""The placement year before the placements: what schools offer per period (capacity) and what
students ask for (requests); the matching board reads both."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from placements.models import Placement, PlacementPeriod, PlacementStatus
from samen.permissions import Paths, Role
from samen.tenancy import TenantModel

#: Statuses of a placement that no longer hold a place: broken off, or moved to another school.
FREEING_STATUSES = frozenset({PlacementStatus.AFGEBROKEN, PlacementStatus.OVERGESTAPT})


class Capacity(TenantModel):
    """What one school offers in one placement period: places per group (PO) or subject (VO),
    and the mentors (or vakbegeleiders) available, each with how many students they take.

    Entered by the school's schoolopleider or a coordinator; only an active opleidingsschool
    offers places (services.save_capacity). The matching board locks this row while it
    assigns a student here, so two coordinators never fill the last place twice.
    """

    ACCESS = Paths(
        school=("school",), partner=("period__institute",), schooljaar="period__schooljaar"
    )

    school = models.ForeignKey(
        "partnerships.School",
        on_delete=models.CASCADE,
        related_name="capacities",
        verbose_name=_("school"),
    )
    period = models.ForeignKey(
        PlacementPeriod,
        on_delete=models.CASCADE,
        related_name="capacities",
        verbose_name=_("stageperiode"),
    )
    notes = models.TextField(_("toelichting"), blank=True)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("stagecapaciteit")
        verbose_name_plural = _("stagecapaciteit")
        ordering = ["school__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "period"], name="capacity_one_per_school_and_period"
            ),
        ]

    def __str__(self):
        return f"{self.school.name} – {self.period.name}"

    def get_absolute_url(self):
        return reverse(
            "matching:capacity",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )


class CapacityPlace(TenantModel):
    """Places in one group or subject: "groep 5/6: 2 plaatsen, duo mogelijk", "wiskunde:
    1 plaats (tekortvak)". Checked against its capacity (`capacity.*` actions)."""

    capacity = models.ForeignKey(
        Capacity, on_delete=models.CASCADE, related_name="places", verbose_name=_("capaciteit")
    )
    group = models.CharField(
        _("groep of vak"), max_length=100, help_text=_("PO: de groep; VO: het vak.")
    )
    places = models.PositiveSmallIntegerField(
        _("plaatsen"), default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    duo_possible = models.BooleanField(
        _("duo-stage mogelijk"),
        default=False,
        help_text=_("Twee aankomende leraren samen in één groep, bij één mentor."),
    )
    is_tekortvak = models.BooleanField(_("tekortvak"), default=False)

    class Meta(TenantModel.Meta):
        verbose_name = _("plaats")
        verbose_name_plural = _("plaatsen")
        ordering = ["group", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["capacity", "group"], name="capacity_place_one_row_per_group"
            ),
        ]

    def __str__(self):
        return f"{self.group} ({self.places})"


class CapacityMentor(TenantModel):
    """A mentor (or vakbegeleider) available in the period, and how many places they take (a
    duo-stage is one place). Checked against its capacity (`capacity.*` actions)."""

    capacity = models.ForeignKey(
        Capacity, on_delete=models.CASCADE, related_name="mentors", verbose_name=_("capaciteit")
    )
    person = models.ForeignKey(
        "roles.Person",
        on_delete=models.CASCADE,
        related_name="mentor_capacities",
        verbose_name=_("mentor"),
    )
    places = models.PositiveSmallIntegerField(
        _("aantal aankomende leraren"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("Een duo-stage telt als één."),
    )

    class Meta(TenantModel.Meta):
        verbose_name = _("beschikbare mentor")
        verbose_name_plural = _("beschikbare mentoren")
        ordering = ["person__last_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["capacity", "person"], name="capacity_mentor_once_per_capacity"
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.places})"


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MATCHED = "matched", _("Gekoppeld")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


#: Open requests before the others: the order of the matching board.
UNMATCHED_FIRST = models.Case(
    models.When(status=RequestStatus.OPEN, then=0),
    default=1,
    output_field=models.IntegerField(),
)


class PlacementRequest(TenantModel):
    """A student's request for a place in a period: learning wishes and what fits them.

    Made by the student (their own), or by the institute's coordinator on their behalf or by
    import. Matching it creates a placement (services.assign) and links it here.
    """

    ACCESS = Paths(
        partner=("period__institute",),
        owners={Role.STUDENT: ("student",)},
        schooljaar="period__schooljaar",
    )

    student = models.ForeignKey(
        "roles.Person",
        on_delete=models.PROTECT,
        related_name="placement_requests",
        verbose_name=_("aankomende leraar"),
    )
    period = models.ForeignKey(
        PlacementPeriod,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("stageperiode"),
    )
    learning_wishes = models.TextField(
        _("leerwensen"),
        blank=True,
        help_text=_("Wat wilt u leren in deze stage, en wat heeft u daarvoor nodig?"),
    )
    region = models.CharField(
        _("voorkeursregio"), max_length=100, blank=True, help_text=_("Een plaats of regio.")
    )
    school_type = models.CharField(
        _("schooltype of onderwijsconcept"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld Montessori, Dalton, kindcentrum."),
    )
    subject = models.CharField(
        _("groep of vak"),
        max_length=100,
        blank=True,
        help_text=_("PO: de gewenste groep (bijvoorbeeld groep 5/6); VO: het vak."),
    )
    travel = models.CharField(
        _("reizen"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: geen auto, hoogstens 45 minuten met het OV."),
    )
    days = models.CharField(
        _("beschikbare dagen"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld: dinsdag en donderdag."),
    )
    instituutsopleider = models.ForeignKey(
        "roles.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("instituutsopleider"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    placement = models.OneToOneField(
        Placement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="request",
        verbose_name=_("stage"),
    )
    created_by = models.ForeignKey(
        "roles.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("stageaanvraag")
        verbose_name_plural = _("stageaanvragen")
        ordering = ["created_at", "pk"]
        indexes = [
            # The board's order (selectors.board_requests): its page of twenty is read from
            # the index, not sorted out of all the period's requests.
            models.Index("period", UNMATCHED_FIRST, "created_at", "id", name="request_board_order"),
        ]
        constraints = [
            # One open or matched request per student and period; a withdrawn one may be
            # followed by a new one.
            models.UniqueConstraint(
                fields=["student", "period"],
                condition=~models.Q(status="withdrawn"),
                name="placement_request_one_live_per_student_and_period",
            ),
        ]

    def __str__(self):
        return str(_("Aanvraag van %(student)s (%(period)s)")) % {
            "student": self.student,
            "period": self.period.name,
        }

    def get_absolute_url(self):
        return reverse(
            "matching:request",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )
