"""Plan, Do, Check, Act: the partnership's yearly quality cycle.

The Gesprekskader (per schooljaar), the jaarplan (Plan) and its activities (Do), dialogue
sessions and their findings (Check), next steps and follow-up actions (Act). Partnership-level
records like the dossier: reached by roles for the whole partnership of this schooljaar, and by
the people they name (an activity's or action's owner, a session's participants). See
docs/architecture.md ("Plan, Do, Check, Act").

The four waarborgen live here, the lowest of the quality rooms: the dossier's kritische
reflectie (quality) is written per waarborg too.
"""

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samen.permissions import ANY_ROLE, Paths
from samen.schooljaar import Schooljaar
from samen.tenancy import TenantModel


class Waarborg(models.IntegerChoices):
    """The four waarborgen of the Kwaliteitskader Samen Opleiden & Inductie (2021)."""

    LERENDE_LERAAR = 1, _("Lerende leraar")
    LEEROMGEVING = 2, _("Leeromgeving")
    ORGANISATIE = 3, _("Organisatie")
    KWALITEITSCULTUUR = 4, _("Kwaliteitscultuur")


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
            "pdca:gesprekskader",
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
    #: The stuurgroep's meeting where it was adopted: a meeting of the overlegstructuur
    #: (network.Meeting). The network stands above pdca (docs/architecture.md), so the link is
    #: by content type and id, as a Finding names its source, and never a foreign key upward.
    adopted_in_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    adopted_in_id = models.PositiveBigIntegerField(null=True, blank=True)
    adopted_in = GenericForeignKey("adopted_in_type", "adopted_in_id")
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
            "pdca:jaarplan", kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk}
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

    def get_absolute_url(self):
        """Its progress page (Do)."""
        return reverse(
            "pdca:activity", kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk}
        )


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
        "pdca.Finding",
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
            "pdca:dialogue", kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk}
        )


class Finding(TenantModel):
    """An outcome (opbrengst) of any Check instrument, under a waarborg.

    The hook for every instrument: `source` is what produced it (a DialogueSession now; a
    scan, survey, panel conversation or peer review later), by content type and id, so an
    instrument registers its outcomes here without pdca knowing it. Follow-up actions
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

    def get_absolute_url(self):
        return reverse(
            "pdca:action", kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk}
        )

    def is_overdue(self, today):
        return self.status == self.Status.OPEN and self.due_on is not None and self.due_on < today
