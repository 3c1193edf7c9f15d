"""Partnerships (the tenant), the organisations in them, and their schools.

An organisation (a school board or an institute) is one row however many partnerships it
is in: `Partner` is its membership of one partnership, with dates, so that an institute
joining in January 2022 is recorded as such.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samen.permissions import ANY_ROLE, Paths
from samen.schoolvakanties import Regio
from samen.tenancy import TenantModel

RESERVED_SLUGS = {"accounts", "admin", "static", "media", "healthz", "i18n", "api", "over"}


class Sector(models.TextChoices):
    PO = "po", _("Primair onderwijs")
    VO = "vo", _("Voortgezet onderwijs")
    MBO = "mbo", _("Middelbaar beroepsonderwijs")


def validate_slug_not_reserved(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(_("Dit webadres is gereserveerd; kies een ander."))


class Partnership(models.Model):
    """The tenant: a regional alliance of boards and institutes that train teachers together."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(
        _("webadres"),
        unique=True,
        validators=[validate_slug_not_reserved, RegexValidator(r"^[a-z0-9-]+$")],
        help_text=_("Deel van het webadres, bijvoorbeeld samen in /samen/."),
    )
    sector = models.CharField(_("sector"), max_length=3, choices=Sector.choices)
    region = models.CharField(_("regio"), max_length=200, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("partnerschap")
        verbose_name_plural = _("partnerschappen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    """A school board or teacher-education institute, shared between partnerships.

    Its own details (name, sector, place) are maintained by one partnership only,
    `managed_by`: the one that added it. Another partnership that links it as a partner sees
    them but cannot change them, so linking changes nothing for anyone else. Organisations
    without one (from before this rule, or added by the platform) are edited in the admin.
    """

    class Kind(models.TextChoices):
        BOARD = "board", _("Schoolbestuur")
        INSTITUTE = "institute", _("Opleidingsinstituut")

    name = models.CharField(_("naam"), max_length=200)
    short_name = models.CharField(_("korte naam"), max_length=50, blank=True)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    sector = models.CharField(_("sector"), max_length=3, choices=Sector.choices, blank=True)
    place = models.CharField(_("plaats"), max_length=100, blank=True)
    region = models.CharField(_("regio"), max_length=200, blank=True)
    managed_by = models.ForeignKey(
        Partnership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beheerd door"),
        help_text=_("Het partnerschap dat de gegevens van deze organisatie bijhoudt."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name


class Partner(TenantModel):
    """An organisation's membership of one partnership."""

    ACCESS = Paths(partner=("self",))

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisatie"),
    )
    joined_on = models.DateField(_("lid sinds"))
    left_on = models.DateField(_("lid tot"), null=True, blank=True)
    is_penvoerder = models.BooleanField(_("penvoerder"), default=False)

    history = HistoricalRecords()

    class Meta(TenantModel.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"], name="partner_unique_per_partnership"
            ),
        ]

    def __str__(self):
        return str(self.organisation)

    def get_absolute_url(self):
        return reverse(
            "partnerships:partner_detail",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )


class TrainingStatus(models.TextChoices):
    """Where a school stands on the path to opleidingsschool (training school)."""

    NONE = "none", _("Geen opleidingsschool")
    VERKENNEND = "verkennend", _("Verkennend gesprek")
    GO = "go", _("Go van het bestuur")
    NO_GO = "no_go", _("No-go van het bestuur")
    NULMETING = "nulmeting", _("Gestart met nulmeting")
    ACTIEF = "actief", _("Actieve opleidingsschool")
    GESTOPT = "gestopt", _("Gestopt")


# The training-school path in one place: status → the steps that may follow it.
TRAINING_PATH = {
    TrainingStatus.NONE: (TrainingStatus.VERKENNEND,),
    TrainingStatus.VERKENNEND: (TrainingStatus.GO, TrainingStatus.NO_GO),
    TrainingStatus.GO: (TrainingStatus.NULMETING,),
    TrainingStatus.NO_GO: (TrainingStatus.VERKENNEND,),
    TrainingStatus.NULMETING: (TrainingStatus.ACTIEF, TrainingStatus.GESTOPT),
    TrainingStatus.ACTIEF: (TrainingStatus.GESTOPT,),
    TrainingStatus.GESTOPT: (TrainingStatus.VERKENNEND,),
}


class School(TenantModel):
    ACCESS = Paths(school=("self",))  # samen.permissions: a school is its own school

    board = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="schools", verbose_name=_("bestuur")
    )
    name = models.CharField(_("naam"), max_length=200)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    place = models.CharField(_("plaats"), max_length=100)
    brin = models.CharField(_("BRIN / registratienummer"), max_length=8, blank=True)
    sector = models.CharField(_("sector"), max_length=3, choices=Sector.choices)
    size = models.PositiveIntegerField(_("aantal leerlingen"), null=True, blank=True)
    training_status = models.CharField(
        _("status opleidingsschool"),
        max_length=12,
        choices=TrainingStatus.choices,
        default=TrainingStatus.NONE,
    )
    is_academisch = models.BooleanField(_("academische opleidingsschool"), default=False)
    cohort = models.PositiveSmallIntegerField(
        _("peer-reviewcohort"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("Elk cohort heeft zijn interne peer review in een ander jaar (1–4)."),
    )
    #: The school holidays it keeps (samen.schoolvakanties); blank: not known, so the forms'
    #: due dates avoid every region's holidays.
    vakantieregio = models.CharField(
        _("vakantieregio"),
        max_length=6,
        choices=Regio.choices,
        blank=True,
        help_text=_(
            "De regio van de schoolvakanties (noord, midden of zuid). Leeg: de uiterlijke "
            "datums van de stageformulieren vermijden de vakanties van alle regio’s."
        ),
    )

    history = HistoricalRecords()

    class Meta(TenantModel.Meta):
        verbose_name = _("school")
        verbose_name_plural = _("scholen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "brin"],
                condition=~models.Q(brin=""),
                name="school_brin_unique_per_partnership",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.place})"

    def get_absolute_url(self):
        return reverse(
            "partnerships:school_detail",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )

    @property
    def is_opleidingsschool(self):
        return self.training_status == TrainingStatus.ACTIEF

    @property
    def next_training_steps(self):
        return TRAINING_PATH[TrainingStatus(self.training_status)]


class TrainingPathStep(TenantModel):
    """One step of a school's training-school path: what was decided, when, by whom."""

    ACCESS = Paths(school=("school",))

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="training_steps", verbose_name=_("school")
    )
    status = models.CharField(_("stap"), max_length=12, choices=TrainingStatus.choices)
    on = models.DateField(_("datum"))
    decided_by = models.CharField(_("besloten door"), max_length=200, blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(TenantModel.Meta):
        verbose_name = _("stap opleidingsschool")
        verbose_name_plural = _("stappen opleidingsschool")
        ordering = ["on", "pk"]

    def __str__(self):
        return f"{self.school}: {self.get_status_display()} ({self.on})"


class Grouping(TenantModel):
    """A cluster of schools, or an opleidingsnetwerk: a hub with its partnerscholen and team."""

    # Reached through its schools, as the grouping itself, and by the people of its team
    # (roles.Person.teams: people belong to roles, so the team is recorded there).
    ACCESS = Paths(school=("schools",), grouping=("self",), owners={ANY_ROLE: ("team",)})

    class Kind(models.TextChoices):
        CLUSTER = "cluster", _("Cluster")
        NETWERK = "netwerk", _("Opleidingsnetwerk")

    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("naam"), max_length=200)
    hub = models.ForeignKey(
        School,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hub_of",
        verbose_name=_("hub"),
    )
    schools = models.ManyToManyField(
        School, related_name="groupings", blank=True, verbose_name=_("scholen")
    )

    class Meta(TenantModel.Meta):
        verbose_name = _("groepering")
        verbose_name_plural = _("groeperingen")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "partnerships:grouping_detail",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )


class SchoolProfile(TenantModel):
    """The public profile of an opleidingsschool, for students choosing a placement."""

    ACCESS = Paths(school=("school",))

    school = models.OneToOneField(
        School, on_delete=models.CASCADE, related_name="profile", verbose_name=_("school")
    )
    is_published = models.BooleanField(_("gepubliceerd"), default=False)
    proud_of = models.TextField(_("waar wij trots op zijn"), blank=True)
    speerpunten = models.TextField(_("speerpunten"), blank=True)
    expertise = models.TextField(_("expertise"), blank=True)
    onderwijsconcept = models.CharField(_("onderwijsconcept"), max_length=200, blank=True)
    research = models.TextField(_("praktijkonderzoek"), blank=True)
    contact_name = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mailadres contactpersoon"), blank=True)
    website = models.URLField(_("website"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("schoolprofiel")
        verbose_name_plural = _("schoolprofielen")

    def __str__(self):
        return str(self.school)
