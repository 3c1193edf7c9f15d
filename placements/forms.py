from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.models import School
from roles.models import Person, Role, RoleAssignment
from samen.forms import TenantModelForm
from samen.schooljaar import Schooljaar

from .models import Placement, PlacementStatus, StartForm


def people_with_role(role):
    ids = (
        RoleAssignment.objects.filter(role=role).active_in(Schooljaar.current()).values("person_id")
    )
    return Person.objects.filter(pk__in=ids).order_by("last_name", "first_name")


class DateInput(forms.DateInput):
    input_type = "date"


class PlacementForm(TenantModelForm):
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
        # Built per request, inside the partnership's scope, from the same rules that the
        # service re-checks: schools where this person may arrange placements, mentors among
        # the people in their reach. Students and instituutsopleiders sit at the institutes,
        # so everyone who arranges placements chooses from all of them.
        self.fields["student"].queryset = people_with_role(Role.STUDENT)
        self.fields["mentor"].queryset = access.filter("person.view", people_with_role(Role.MENTOR))
        self.fields["instituutsopleider"].queryset = people_with_role(Role.INSTITUUTSOPLEIDER)
        self.fields["school"].queryset = access.filter(
            "placement.manage", School.objects.select_related("board__organisation")
        )

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("De einddatum ligt vóór de begindatum."))
        return cleaned

    def _post_clean(self):
        # The model instance is built by services.create_placement, not by the form.
        pass


class PlacementFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        widget=forms.SearchInput(attrs={"placeholder": _("Naam of school")}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen")), *PlacementStatus.choices],
    )


class StartFormForm(TenantModelForm):
    class Meta:
        model = StartForm
        fields = ["learning_goals", "needs_from_school"]
        widgets = {
            "learning_goals": forms.Textarea(attrs={"rows": 6}),
            "needs_from_school": forms.Textarea(attrs={"rows": 5}),
        }
