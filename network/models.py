"""The partnership's network: the overlegstructuur (bodies, members, meetings),
professionalisation (certificates) and the expertise directory.

A room of its own (docs/architecture.md): these build on people and their roles, and nothing in
roles needs them. Tables and rows moved here from roles unchanged (migrations rename them).
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from roles.models import Person
from samen.tenancy import TenantModel


class Body(TenantModel):
    """A body of the overlegstructuur: stuurgroep, projectgroep, networks, kenniskringen."""

    class Kind(models.TextChoices):
        STUURGROEP = "stuurgroep", _("Stuurgroep")
        PROJECTGROEP = "projectgroep", _("Projectgroep")
        NETWERK_COOPERS = "netwerk_coopers", _("Netwerk van CoOP'ers")
        NETWERK_SCHOOLOPLEIDERS = "netwerk_schoolopleiders", _("Netwerk van schoolopleiders")
        CURRICULUMGROEP = "curriculumgroep", _("Curriculumgroep")
        KENNISKRING = "kenniskring", _("Kenniskring")
        OVERIG = "overig", _("Overig")

    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "network:body_detail",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )


class BodyMembership(TenantModel):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="body_memberships", verbose_name=_("persoon")
    )
    function = models.CharField(
        _("functie"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld voorzitter of secretaris."),
    )
    since = models.DateField(_("lid sinds"), null=True, blank=True)
    until = models.DateField(_("lid tot"), null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["person__last_name"]

    def __str__(self):
        return f"{self.person} – {self.body}"


class Meeting(TenantModel):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("datum en tijd"))
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    notes = models.TextField(_("aantekeningen"), blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.body} {self.starts_at:%d-%m-%Y}"


class Certificate(TenantModel):
    """A completed professionalisation trajectory (mentorentraining, …) of one person."""

    class Kind(models.TextChoices):
        MENTORENTRAINING = "mentorentraining", _("Mentorentraining")
        SCHOOLOPLEIDERSTRAINING = "schoolopleiderstraining", _("Schoolopleiderstraining")
        TRAIN_DE_TRAINER = "train_de_trainer", _("Train-de-trainer")
        OVERIG = "overig", _("Overige training")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="certificates", verbose_name=_("persoon")
    )
    kind = models.CharField(_("training"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("naam van de training"), max_length=200, blank=True)
    obtained_on = models.DateField(_("behaald op"))
    valid_until = models.DateField(_("geldig tot"), null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = _("certificaat")
        verbose_name_plural = _("certificaten")
        ordering = ["-obtained_on"]

    def __str__(self):
        return f"{self.person} – {self.get_kind_display()}"


class ExpertiseArea(TenantModel):
    name = models.CharField(_("naam"), max_length=100)
    people = models.ManyToManyField(
        Person, related_name="expertise", blank=True, verbose_name=_("mensen")
    )

    class Meta(TenantModel.Meta):
        verbose_name = _("expertisegebied")
        verbose_name_plural = _("expertisegebieden")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"], name="expertise_unique_per_partnership"
            ),
        ]

    def __str__(self):
        return self.name
