"""The kwaliteitscyclus's forms: a row of the cycle, generating a schooljaar from it, and
marking a moment done."""

from django import forms
from django.utils.dates import MONTHS as MONTH_NAMES
from django.utils.translation import gettext_lazy as _

from samen.forms import TenantModelForm
from samen.permissions import Role
from samen.schooljaar import Schooljaar

from .models import CycleActivity, CycleScope, Peilmoment

#: The months, in the schooljaar's order (August first), for the window of an activity.
MONTHS = [(m, MONTH_NAMES[m]) for m in (8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7)]


class CycleActivityForm(TenantModelForm):
    """A row of the kwaliteitscyclus. Participants are roles (a fixed, small choice)."""

    participants = forms.MultipleChoiceField(
        label=_("Betrokkenen"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Wie deelnemen en herinneringen krijgen, in hun school, bestuur of groepering."
        ),
    )

    class Meta:
        model = CycleActivity
        fields = [
            "name",
            "moment",
            "goal",
            "activity",
            "kind",
            "scope",
            "participants",
            "participants_note",
            "month_from",
            "month_to",
            "first_schooljaar",
            "order",
            "is_active",
        ]
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 4}),
            "month_from": forms.Select(choices=MONTHS),
            "month_to": forms.Select(choices=MONTHS),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("month_from"), data.get("month_to")
        if start and end and _school_month(end) < _school_month(start):
            self.add_error(
                "month_to",
                _("De laatste maand valt vóór de eerste in het schooljaar (augustus–juli)."),
            )
        moment = data.get("moment")
        repeats = moment in (Peilmoment.OM_HET_JAAR, Peilmoment.ZES_JAAR)
        if repeats and data.get("first_schooljaar") is None:
            self.add_error(
                "first_schooljaar",
                _("Geef aan in welk schooljaar de telling begint, bijvoorbeeld 2023."),
            )
        if data.get("scope") == CycleScope.COHORT and data.get("first_schooljaar") is None:
            self.add_error(
                "first_schooljaar", _("Geef aan in welk schooljaar cohort 1 aan de beurt is.")
            )
        return data


def _school_month(month):
    """A month's place in the schooljaar: August is 1, July is 12."""
    return (month - 8) % 12 + 1


class GenerateForm(forms.Form):
    """The schooljaar to make moments for: this one or the next (a button on the cycle's
    page)."""

    schooljaar = forms.TypedChoiceField(
        coerce=int,
        choices=(),
        error_messages={
            "required": _("Kies dit of het volgende schooljaar."),
            "invalid_choice": _("Kies dit of het volgende schooljaar."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = Schooljaar.current().start_year
        self.fields["schooljaar"].choices = [
            (year, str(Schooljaar(year))) for year in (current, current + 1)
        ]


class MomentDoneForm(forms.Form):
    outcome_note = forms.CharField(
        label=_("Uitkomst"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("Wat kwam eruit, en waar staat het verslag?"),
    )
    done_on = forms.DateField(
        label=_("Afgerond op"),
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
        help_text=_("Leeg: vandaag."),
    )
