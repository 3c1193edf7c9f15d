"""The forms of the gouden driehoek: a placement's startgesprek, tussentijdse beoordeling and
eindbeoordeling, each the placement's side of a questionnaires.Response."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from placements.models import FormKind, Placement
from questionnaires.models import ResponseStatus
from samen.permissions import Paths, Role
from samen.tenancy import TenantModel


class PlacementForm(TenantModel):
    """A placement's startgesprek, tussentijdse beoordeling or eindbeoordeling: the placement's
    side of a questionnaires.Response (the engine holds the answers and signatures).

    The response is started on the FormTemplate's published version when the form is opened
    (services.open_forms) and keeps that version for good. Permission checks are made against
    the placement (`placementform.*` rules on Placement); ACCESS mirrors the placement's so
    lists of forms and the PDF (documents engine, target: this row) filter the same way.
    """

    ACCESS = Paths(
        school=("placement__school",),
        partner=("placement__period__institute",),
        owners={
            Role.STUDENT: ("placement__student",),
            Role.MENTOR: ("placement__mentor",),
            Role.VAKBEGELEIDER: ("placement__mentor",),
            Role.COACH: ("placement__coach",),
            Role.INSTITUUTSOPLEIDER: ("placement__instituutsopleider",),
        },
        period=("placement__starts_on", "placement__ends_on"),
    )

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="forms", verbose_name=_("stage")
    )
    kind = models.CharField(_("soort formulier"), max_length=20, choices=FormKind.choices)
    response = models.OneToOneField(
        "questionnaires.Response",
        on_delete=models.PROTECT,
        related_name="placement_form",
        verbose_name=_("ingevulde vragenlijst"),
    )
    #: Derived from the placement's dates when opened (services.due_date): start +14 days,
    #: tussentijds halfway, eind on the last day.
    due_on = models.DateField(_("uiterlijk op"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    #: A form that can no longer be completed (its placement moved to another school before
    #: its moment came: services.close_after_move) is closed, not deleted: kept and readable,
    #: not reminded, not late, not changed.
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    closed_reason = models.TextField(_("reden van sluiten"), blank=True)
    #: The last reopening (services.reopen): shown on the form to everyone who signs it.
    reopened_at = models.DateTimeField(_("heropend op"), null=True, blank=True)
    reopened_by = models.CharField(_("heropend door"), max_length=200, blank=True)
    reopen_reason = models.TextField(_("reden van heropenen"), blank=True)
    # Its reminders and PDFs (engines with generic targets): deleted with it.
    notifications = GenericRelation(
        "notifications.Notification", related_query_name="placement_form"
    )
    renders = GenericRelation("documents.Render", related_query_name="placement_form")

    class Meta(TenantModel.Meta):
        verbose_name = _("stageformulier")
        verbose_name_plural = _("stageformulieren")
        ordering = ["placement", "due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "kind"], name="placement_form_once_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.placement}"

    @property
    def is_closed(self):
        return self.closed_at is not None

    def is_overdue(self, today):
        """Past its due date and not yet submitted; a closed form is never late."""
        return (
            not self.is_closed
            and self.response.status == ResponseStatus.DRAFT
            and self.due_on < today
        )

    def get_absolute_url(self):
        return reverse(
            "placementforms:detail",
            kwargs={
                "partnership_slug": self.partnership.slug,
                "pk": self.placement_id,
                "kind": self.kind,
            },
        )
