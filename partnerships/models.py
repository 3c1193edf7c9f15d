"""Partnerships (the tenant), the organisations in them, and their schools.

An organisation (a school board or an institute) is one row however many partnerships it
is in: `Partner` is its membership of one partnership, with dates, so that an institute
joining in January 2022 is recorded as such.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samen.tenancy import TenantModel

RESERVED_SLUGS = {"accounts", "admin", "static", "media", "healthz", "i18n", "api", "over"}


class Sector(models.TextChoices):
    PO = "po", _("Primair onderwijs")
    VO = "vo", _("Voortgezet onderwijs")
    MBO = "mbo", _("Middelbaar beroepsonderwijs")


def validate_slug_not_reserved(value):
    from django.core.exceptions import ValidationError

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
    """A school board or teacher-education institute, shared between partnerships."""

    class Kind(models.TextChoices):
        BOARD = "board", _("Schoolbestuur")
        INSTITUTE = "institute", _("Opleidingsinstituut")

    name = models.CharField(_("naam"), max_length=200)
    short_name = models.CharField(_("korte naam"), max_length=50, blank=True)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    place = models.CharField(_("plaats"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name


class Partner(TenantModel):
    """An organisation's membership of one partnership."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisatie"),
    )
    joined_on = models.DateField(_("lid sinds"))
    left_on = models.DateField(_("lid tot"), null=True, blank=True)
    is_penvoerder = models.BooleanField(_("penvoerder"), default=False)

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


class School(TenantModel):
    board = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="schools", verbose_name=_("bestuur")
    )
    name = models.CharField(_("naam"), max_length=200)
    place = models.CharField(_("plaats"), max_length=100)
    brin = models.CharField(_("BRIN / registratienummer"), max_length=8, blank=True)
    sector = models.CharField(_("sector"), max_length=3, choices=Sector.choices)
    is_opleidingsschool = models.BooleanField(_("opleidingsschool"), default=False)

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
