from django import forms
from django.utils.translation import gettext_lazy as _

from samen import pickers
from samen.forms import TenantModelForm
from samen.pickers import PickerField

from .models import Placement, StartForm


class DateInput(forms.DateInput):
    input_type = "date"


class PlacementForm(TenantModelForm):
    # Searched, not listed: a partnership has thousands of students (placements/pickers.py).
    student = PickerField("placement-student", label=_("Aankomende leraar"))
    school = PickerField("placement-school", label=_("School"))
    mentor = PickerField("placement-mentor", label=_("Mentor"))
    instituutsopleider = PickerField("placement-io", label=_("Instituutsopleider"))

    class Meta:
        model = Placement
        fields = [
            "student",
            "school",
            "group",
            "mentor",
            "instituutsopleider",
            "starts_on",
            "ends_on",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        # The choices come from the same rules that the service re-checks.
        pickers.bind(self, access)

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("De einddatum ligt vóór de begindatum."))
        return cleaned

    def _post_clean(self):
        # The model instance is built by services.create_placement, not by the form.
        pass


class StartFormForm(TenantModelForm):
    class Meta:
        model = StartForm
        fields = ["learning_goals", "needs_from_school"]
        widgets = {
            "learning_goals": forms.Textarea(attrs={"rows": 6}),
            "needs_from_school": forms.Textarea(attrs={"rows": 5}),
        }
