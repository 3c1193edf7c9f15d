"""Quality: dossiers with the kritische reflectie, and the review moments of the kwaliteitscyclus.

Their PDFs are documents.Render rows and their reminders notifications.Notification rows: the
engines store them; quality registers what they are (quality/documents.py,
quality/notifications.py).
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from samen.permissions import Paths
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

    ACCESS = Paths(school=("school",), schooljaar="schooljaar")

    class Kind(models.TextChoices):
        EVALUATIEGESPREK = "evaluatiegesprek", _("Jaarlijks evaluatiegesprek")

    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    school = models.ForeignKey(
        "partnerships.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_moments",
        verbose_name=_("school"),
    )
    schooljaar = models.PositiveSmallIntegerField(_("schooljaar"))
    title = models.CharField(_("titel"), max_length=200)
    due_on = models.DateField(_("datum"))
    # Its reminders (notifications.Notification): listed with it, deleted with it.
    notifications = GenericRelation(
        "notifications.Notification", related_query_name="review_moment"
    )

    class Meta(TenantModel.Meta):
        verbose_name = _("evaluatiemoment")
        verbose_name_plural = _("evaluatiemomenten")
        ordering = ["due_on"]

    def __str__(self):
        return self.title
