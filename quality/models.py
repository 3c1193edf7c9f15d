"""Quality: dossiers with the kritische reflectie, and the review moments of the kwaliteitscyclus.

Their PDFs are documents.Render rows and their reminders notifications.Notification rows: the
engines store them; quality registers what they are (quality/documents.py,
quality/notifications.py).
"""

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from samen.permissions import ANY_ROLE, Paths, Role
from samen.schooljaar import Schooljaar
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
    # Its PDFs (documents.Render): listed on its page, deleted with it.
    renders = GenericRelation("documents.Render", related_query_name="dossier")

    class Meta(TenantModel.Meta):
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-schooljaar", "title"]
        permissions = [("download_dossier", _("Mag de PDF van het dossier downloaden"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "quality:dossier", kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk}
        )


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
    # a schooljaar twice create nothing new (quality.cycle.generate_schooljaar).
    cycle_activity = models.ForeignKey(
        "quality.CycleActivity",
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
            "quality:moment", kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk}
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

    quality.cycle.generate_schooljaar turns the rows into each schooljaar's review moments.
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


# --- Plan, Do, Check, Act ------------------------------------------------------------------
# The Gesprekskader (per schooljaar), the jaarplan (Plan) and its activities (Do), dialogue
# sessions and their findings (Check), next steps and follow-up actions (Act). Partnership-
# level records like the dossier: reached by roles for the whole partnership of this
# schooljaar, and by the people they name (an activity's or action's owner, a session's
# participants). See docs/architecture.md ("Plan, Do, Check, Act").


class Gesprekskader(TenantModel):
    """The partnership's Gesprekskader of one schooljaar: its items per waarborg and theme.

    One per schooljaar; this year's is a copy of last year's (`based_on`), so editing it never
    changes the items last year's sessions asked.
    """

    schooljaar = models.PositiveSmallIntegerField(_("schooljaar"))
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebaseerd op"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("gesprekskader")
        verbose_name_plural = _("gesprekskaders")
        ordering = ["-schooljaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "schooljaar"], name="one_gesprekskader_per_schooljaar"
            ),
        ]

    def __str__(self):
        return _("Gesprekskader %(jaar)s") % {"jaar": Schooljaar(self.schooljaar)}

    def get_absolute_url(self):
        return reverse(
            "quality:gesprekskader",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )


class GesprekskaderItem(TenantModel):
    """One item of the Gesprekskader, asked as "waaruit blijkt dat / hoe kun je dit zien /
    hoe wordt het geborgd?"."""

    kader = models.ForeignKey(Gesprekskader, on_delete=models.CASCADE, related_name="items")
    waarborg = models.PositiveSmallIntegerField(_("waarborg"), choices=Waarborg.choices)
    theme = models.CharField(_("thema"), max_length=200)
    subtheme = models.CharField(_("subthema"), max_length=200, blank=True)
    number = models.PositiveSmallIntegerField(_("nummer"), default=1)
    text = models.TextField(_("item"), max_length=1000)

    class Meta(TenantModel.Meta):
        verbose_name = _("item van het gesprekskader")
        verbose_name_plural = _("items van het gesprekskader")
        ordering = ["waarborg", "theme", "subtheme", "number", "pk"]

    def __str__(self):
        return f"W{self.waarborg} · {self.number}. {self.text}"


class Jaarplan(TenantModel):
    """The jaarplan of one schooljaar: drafted by the projectgroep, adopted by the stuurgroep.

    concept → ter vaststelling → vastgesteld; each submission is kept as a JaarplanVersion
    (a snapshot), and an adopted plan is read-only until a new concept is started from it.
    """

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        TER_VASTSTELLING = "ter_vaststelling", _("Ter vaststelling")
        VASTGESTELD = "vastgesteld", _("Vastgesteld")

    schooljaar = models.PositiveSmallIntegerField(_("schooljaar"))
    title = models.CharField(_("titel"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    #: The number the next (or current) submission gets.
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    adopted_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("jaarplan")
        verbose_name_plural = _("jaarplannen")
        ordering = ["-schooljaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "schooljaar"], name="one_jaarplan_per_schooljaar"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "quality:jaarplan", kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk}
        )

    @property
    def is_editable(self):
        return self.status == self.Status.CONCEPT


class JaarplanVersion(TenantModel):
    """A jaarplan as it was submitted for adoption (goals and activities as JSON)."""

    jaarplan = models.ForeignKey(Jaarplan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("versie"))
    snapshot = models.JSONField(_("inhoud"))
    submitted_at = models.DateTimeField(_("ingediend op"))
    submitted_by = models.ForeignKey(
        "roles.Person",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ingediend door"),
    )
    adopted_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        "roles.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )

    class Meta(TenantModel.Meta):
        verbose_name = _("versie van het jaarplan")
        verbose_name_plural = _("versies van het jaarplan")
        ordering = ["jaarplan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["jaarplan", "number"], name="one_jaarplan_version"),
        ]

    def __str__(self):
        return _("Versie %(n)s") % {"n": self.number}


class JaarplanGoal(TenantModel):
    """A goal of the jaarplan, under one waarborg."""

    jaarplan = models.ForeignKey(Jaarplan, on_delete=models.CASCADE, related_name="goals")
    waarborg = models.PositiveSmallIntegerField(_("waarborg"), choices=Waarborg.choices)
    title = models.CharField(_("doel"), max_length=300)
    description = models.TextField(_("toelichting"), max_length=4000, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["waarborg", "pk"]

    def __str__(self):
        return self.title


class ActivityStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    BEZIG = "bezig", _("Bezig")
    GEDAAN = "gedaan", _("Gedaan")


class JaarplanActivity(TenantModel):
    """An activity towards a goal (Do): an owner, dates, progress and notes."""

    # Its owner moves it along, whatever role they hold.
    ACCESS = Paths(owners={ANY_ROLE: ("owner",)})

    goal = models.ForeignKey(JaarplanGoal, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("activiteit"), max_length=300)
    owner = models.ForeignKey(
        "roles.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jaarplan_activities",
        verbose_name=_("eigenaar"),
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("klaar op"), null=True, blank=True)
    status = models.CharField(
        _("voortgang"),
        max_length=10,
        choices=ActivityStatus.choices,
        default=ActivityStatus.GEPLAND,
    )
    notes = models.TextField(_("notities"), max_length=4000, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["starts_on", "pk"]

    def __str__(self):
        return self.title


class DialogueSession(TenantModel):
    """A dialogue with the Gesprekskader (Check): the items asked, who took part, what came out."""

    # The people who took part read it back, whatever role they hold.
    ACCESS = Paths(owners={ANY_ROLE: ("participants",)})

    class Context(models.TextChoices):
        NETWERKBIJEENKOMST = "netwerkbijeenkomst", _("Netwerkbijeenkomst")
        CONTACTMIDDAG = "contactmiddag", _("Contactmiddag")
        EVALUATIEGESPREK = "evaluatiegesprek", _("Evaluatiegesprek")
        PANELGESPREK = "panelgesprek", _("Panelgesprek")
        ANDERS = "anders", _("Anders")

    held_on = models.DateField(_("datum"))
    schooljaar = models.PositiveSmallIntegerField(_("schooljaar"))
    title = models.CharField(_("titel"), max_length=200)
    context = models.CharField(_("soort bijeenkomst"), max_length=30, choices=Context.choices)
    participants = models.ManyToManyField(
        "roles.Person", blank=True, related_name="dialogue_sessions", verbose_name=_("deelnemers")
    )
    guests = models.TextField(_("gasten"), max_length=2000, blank=True)
    items = models.ManyToManyField(
        GesprekskaderItem, blank=True, related_name="sessions", verbose_name=_("items")
    )
    findings = GenericRelation(
        "quality.Finding",
        content_type_field="source_type",
        object_id_field="source_id",
        related_query_name="dialogue_session",
    )

    class Meta(TenantModel.Meta):
        verbose_name = _("dialoogsessie")
        verbose_name_plural = _("dialoogsessies")
        ordering = ["-held_on", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "quality:dialogue", kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk}
        )


class Finding(TenantModel):
    """An outcome (opbrengst) of any Check instrument, under a waarborg.

    The hook for every instrument: `source` is what produced it (a DialogueSession now; a
    scan, survey, panel conversation or peer review later), by content type and id, so an
    instrument registers its outcomes here without quality knowing it. Follow-up actions
    point back at the finding they came from.
    """

    source_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField()
    source = GenericForeignKey("source_type", "source_id")
    schooljaar = models.PositiveSmallIntegerField(_("schooljaar"))
    waarborg = models.PositiveSmallIntegerField(_("waarborg"), choices=Waarborg.choices)
    item = models.ForeignKey(
        GesprekskaderItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("item"),
    )
    text = models.TextField(_("opbrengst"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        "roles.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta(TenantModel.Meta):
        verbose_name = _("opbrengst")
        verbose_name_plural = _("opbrengsten")
        ordering = ["waarborg", "pk"]
        indexes = [models.Index(fields=["source_type", "source_id"])]

    def __str__(self):
        return self.text[:80]


class NextStep(TenantModel):
    """A personal next step of a dialogue: "Ik ga …" or "Ik wil …", named or anonymous."""

    class Kind(models.TextChoices):
        IK_GA = "ik_ga", _("Ik ga …")
        IK_WIL = "ik_wil", _("Ik wil …")

    session = models.ForeignKey(
        DialogueSession, on_delete=models.CASCADE, related_name="next_steps"
    )
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    person = models.ForeignKey(
        "roles.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("van"),
    )
    waarborg = models.PositiveSmallIntegerField(_("waarborg"), choices=Waarborg.choices)
    item = models.ForeignKey(
        GesprekskaderItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("item"),
    )
    text = models.TextField(_("vervolgstap"), max_length=2000)
    done = models.BooleanField(_("gezet"), default=False)

    class Meta(TenantModel.Meta):
        verbose_name = _("vervolgstap")
        verbose_name_plural = _("vervolgstappen")
        ordering = ["kind", "pk"]

    def __str__(self):
        return self.text[:80]


class FollowUpAction(TenantModel):
    """A vervolgactie (Act): who does what by when, traced back to its finding."""

    # Its owner marks it done, whatever role they hold.
    ACCESS = Paths(owners={ANY_ROLE: ("owner",)})

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        GEDAAN = "gedaan", _("Gedaan")

    schooljaar = models.PositiveSmallIntegerField(_("schooljaar"))
    waarborg = models.PositiveSmallIntegerField(_("waarborg"), choices=Waarborg.choices)
    title = models.CharField(_("actie"), max_length=300)
    owner = models.ForeignKey(
        "roles.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followup_actions",
        verbose_name=_("eigenaar"),
    )
    due_on = models.DateField(_("uiterlijk op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    finding = models.ForeignKey(
        Finding,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("opbrengst"),
    )
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)
    notes = models.TextField(_("notities"), max_length=4000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("vervolgactie")
        verbose_name_plural = _("vervolgacties")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title

    def is_overdue(self, today):
        return self.status == self.Status.OPEN and self.due_on is not None and self.due_on < today
