"""Quality: peer-review dossiers with their kritische reflectie, one chapter per waarborg.

Their PDFs are documents.Render rows: the engine stores them; quality registers what they are
(quality/documents.py). The quality cycle itself has rooms of its own below this one: pdca
(Plan, Do, Check, Act, and the waarborgen) and cycle (the kwaliteitscyclus and its calendar).
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from pdca.models import Waarborg
from samen.tenancy import TenantModel


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
