"""The questionnaire engine: questionnaire → version → response → answers → signatures.

One engine for every form the portal asks people to fill in: the placement forms of the gouden
driehoek (startgesprek, tussentijdse beoordeling, eindbeoordeling) now, and surveys and scans
later, whose respondents may be anonymous. It knows no app, like the notifications and documents
engines: an app owns the *meaning* of a questionnaire (placements.FormTemplate says which
institute and phase it is for, placements.PlacementForm which placement a response belongs to)
and checks who may read, answer and sign; the engine stores the questions and the answers and
guarantees what a form needs everywhere:

* a published version never changes: editing a questionnaire drafts a new version, and a
  response keeps the version it was started on (a running placement keeps its form);
* answers are stored per question (`Answer.value`, JSON), validated by the question's kind;
* a response is locked once every signature it asks for is given; only `reopen()` unlocks it.

Who answers, signs and sees is given by the caller as *role names* (plain strings such as
"mentor"); the engine never looks people up. People are recorded as accounts
(`AUTH_USER_MODEL`, nullable for anonymous respondents) with their name as it was then.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samen.tenancy import TenantModel


class Questionnaire(TenantModel):
    """A questionnaire as its editors know it: a name and its versions."""

    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    @property
    def published(self):
        """The newest published version, or None (uses a prefetched `versions` when present)."""
        versions = [v for v in self.versions.all() if v.status == VersionStatus.PUBLISHED]
        return max(versions, key=lambda v: v.number, default=None)

    @property
    def draft(self):
        return next((v for v in self.versions.all() if v.status == VersionStatus.DRAFT), None)


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    PUBLISHED = "published", _("Gepubliceerd")
    #: Replaced by a newer published version; responses started on it keep it.
    RETIRED = "retired", _("Vervangen")


class Version(TenantModel):
    """One version of a questionnaire. Only a draft may change; publishing freezes it."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("vragenlijst"),
    )
    number = models.PositiveIntegerField(_("versie"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    #: The role names whose signatures complete a response, in signing order (e.g. student,
    #: mentor, instituutsopleider). Empty: a response is complete when it is submitted.
    signers = models.JSONField(_("ondertekenaars"), default=list, blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("versie")
        verbose_name_plural = _("versies")
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="questionnaire_version_number_once"
            ),
            models.UniqueConstraint(
                fields=["questionnaire"],
                condition=models.Q(status="draft"),
                name="questionnaire_one_draft",
            ),
        ]

    def __str__(self):
        return f"{self.questionnaire} v{self.number}"

    @property
    def is_draft(self):
        return self.status == VersionStatus.DRAFT


class Section(TenantModel):
    version = models.ForeignKey(
        Version, on_delete=models.CASCADE, related_name="sections", verbose_name=_("versie")
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    title = models.CharField(_("titel"), max_length=200)
    intro = models.TextField(_("toelichting"), blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen")
        ordering = ["version", "position", "pk"]

    def __str__(self):
        return self.title


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Open vraag")
    SCALE = "scale", _("Schaal met benoemde niveaus")
    SINGLE = "single", _("Eén keuze")
    MULTIPLE = "multiple", _("Meerdere keuzes")
    #: A competence indicator: a level on the version's scale for one bekwaamheidseis.
    COMPETENCE = "competence", _("Indicator bij een bekwaamheidseis")


class Question(TenantModel):
    """One question. `key` is stable across versions (a copied question keeps it), so answers
    of different versions can be compared and a survey's outcomes read over the years."""

    version = models.ForeignKey(
        Version, on_delete=models.CASCADE, related_name="questions", verbose_name=_("versie")
    )
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="questions", verbose_name=_("onderdeel")
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    key = models.SlugField(_("sleutel"), max_length=60)
    kind = models.CharField(_("soort"), max_length=20, choices=QuestionKind.choices)
    text = models.TextField(_("vraag"))
    help_text = models.TextField(_("toelichting"), blank=True)
    required = models.BooleanField(_("verplicht"), default=False)
    #: Choices (single, multiple) or the labelled levels of a scale or competence, in order:
    #: a list of labels; the answer stores the label's position (1-based) for scales, the
    #: label itself for choices, so a reordered later version does not rewrite old answers.
    options = models.JSONField(_("keuzes of niveaus"), default=list, blank=True)
    #: The bekwaamheidseis a competence indicator belongs to (e.g. "Vakinhoudelijk bekwaam").
    competence = models.CharField(_("bekwaamheidseis"), max_length=120, blank=True)
    #: The role names that answer this question (the mentor's beoordelend advies, the
    #: instituutsopleider's final judgement). Empty: whoever fills in the form.
    answered_by = models.JSONField(_("beantwoord door"), default=list, blank=True)
    max_length = models.PositiveIntegerField(
        _("maximale lengte"),
        default=5000,
        validators=[MinValueValidator(1), MaxValueValidator(20000)],
    )

    class Meta(TenantModel.Meta):
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["version", "section__position", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="question_key_once_per_version")
        ]

    def __str__(self):
        return self.text[:80]

    def answerable_by(self, roles):
        """May someone answering in `roles` (names) answer this question?"""
        return not self.answered_by or bool(set(self.answered_by) & set(roles))


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    #: Submitted and waiting for (more) signatures.
    SUBMITTED = "submitted", _("Ingediend")
    #: Every signature given (or submitted, when the version asks none): read-only.
    LOCKED = "locked", _("Afgerond")


class Response(TenantModel):
    """One filling-in of a version: a placement's startgesprek, one respondent's survey."""

    version = models.ForeignKey(
        Version, on_delete=models.PROTECT, related_name="responses", verbose_name=_("versie")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT
    )
    #: Who responds, when known; anonymous survey responses have none.
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("laatst opgeslagen"), auto_now=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    locked_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("ingevulde vragenlijst")
        verbose_name_plural = _("ingevulde vragenlijsten")

    def __str__(self):
        return f"{self.version} #{self.pk}"

    @property
    def is_locked(self):
        return self.status == ResponseStatus.LOCKED


class Answer(TenantModel):
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("vragenlijst")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("vraag")
    )
    #: text: a string; scale/competence: the level (1-based int); single: a label;
    #: multiple: a list of labels.
    value = models.JSONField(_("antwoord"), null=True, blank=True)
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta(TenantModel.Meta):
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="answer_once_per_question"
            )
        ]

    def __str__(self):
        return f"{self.question}: {self.value}"


class Signature(TenantModel):
    """A signature in one role. Reopening removes the signatures (the caller logs them)."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("vragenlijst")
    )
    role = models.CharField(_("rol"), max_length=40)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: The signer's name as it was when they signed.
    signer_name = models.CharField(_("naam"), max_length=200)
    signed_at = models.DateTimeField(_("ondertekend op"))

    class Meta(TenantModel.Meta):
        verbose_name = _("handtekening")
        verbose_name_plural = _("handtekeningen")
        ordering = ["signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["response", "role"], name="signature_once_per_role")
        ]

    def __str__(self):
        return f"{self.signer_name} ({self.role})"
