"""The templates of the placement forms: per institute, kind of form, programme and phase."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from placements.models import FormKind, Phase, Programme
from samen.permissions import Paths
from samen.tenancy import TenantModel


class FormTemplate(TenantModel):
    """The questionnaire (questionnaires engine) an institute uses for one kind of placement
    form, for a programme and phase (blank: any). Its coordinator edits it; publishing makes a
    new version; a running placement keeps the version its form was started on."""

    ACCESS = Paths(partner=("institute",))

    institute = models.ForeignKey(
        "partnerships.Partner",
        on_delete=models.PROTECT,
        related_name="form_templates",
        verbose_name=_("opleiding"),
    )
    kind = models.CharField(_("soort formulier"), max_length=20, choices=FormKind.choices)
    programme = models.CharField(
        _("opleidingsvariant"), max_length=20, choices=Programme.choices, blank=True
    )
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices, blank=True)
    questionnaire = models.OneToOneField(
        "questionnaires.Questionnaire",
        on_delete=models.PROTECT,
        related_name="form_template",
        verbose_name=_("vragenlijst"),
    )

    class Meta(TenantModel.Meta):
        verbose_name = _("formuliersjabloon")
        verbose_name_plural = _("formuliersjablonen")
        ordering = ["institute", "kind", "programme", "phase"]
        constraints = [
            models.UniqueConstraint(
                fields=["institute", "kind", "programme", "phase"],
                name="form_template_once_per_kind_programme_phase",
            )
        ]

    def __str__(self):
        return str(self.questionnaire)

    def get_absolute_url(self):
        return reverse(
            "formtemplates:detail",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )

    def get_editor_url(self, anchor=""):
        """The draft's editor, at `anchor` (a section or question: "onderdeel-12", "vraag-3")."""
        url = reverse(
            "formtemplates:editor",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )
        return f"{url}#{anchor}" if anchor else url
