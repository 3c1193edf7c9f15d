"""Forms and filters of the network pages: overlegstructuur, professionalisation, expertise.

Choice fields over tenant models are narrowed per request: model forms through
`TenantModelForm`, plain forms and FilterSets by building their querysets in `__init__` or
through a callable (django-filter calls it with the request, inside the partnership scope).
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roles.models import Person, Role, RoleAssignment
from samen import pickers
from samen.forms import TenantModelForm
from samen.pickers import PickerField, PickerFilter
from samen.schooljaar import Schooljaar

from .models import (
    Body,
    BodyMembership,
    Certificate,
    ExpertiseArea,
    Meeting,
)
from .services import valid_certificate_q

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


# --- Overlegstructuur ----------------------------------------------------------------------


class BodyForm(TenantModelForm):
    class Meta:
        model = Body
        fields = ["kind", "name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class BodyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), field_name="name", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(
        label=_("Soort"), choices=Body.Kind.choices, empty_label=_("Alle")
    )

    class Meta:
        model = Body
        fields = []


class MembershipForm(TenantModelForm):
    person = PickerField("person", label=_("Persoon"))

    class Meta:
        model = BodyMembership
        fields = ["person", "function", "since", "until"]
        widgets = {"since": DATE, "until": DATE}

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        pickers.bind(self, access)


class MeetingForm(TenantModelForm):
    class Meta:
        model = Meeting
        fields = ["starts_at", "location", "notes"]
        widgets = {"starts_at": DATETIME, "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


# --- Professionalisation -------------------------------------------------------------------


class CertificateForm(TenantModelForm):
    """One certificate for one person."""

    person = PickerField("person", label=_("Persoon"))

    class Meta:
        model = Certificate
        fields = ["person", "kind", "name", "obtained_on", "valid_until"]
        widgets = {"obtained_on": DATE, "valid_until": DATE}
        help_texts = {"valid_until": _("Leeg: blijft geldig.")}

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        pickers.bind(self, access)


class TrainingRecordForm(forms.Form):
    """One training for many people: the people are ticked in a table on the same page."""

    kind = forms.ChoiceField(label=_("Training"), choices=Certificate.Kind.choices)
    name = forms.CharField(label=_("Naam van de training"), max_length=200, required=False)
    obtained_on = forms.DateField(label=_("Behaald op"), widget=DATE)
    valid_until = forms.DateField(
        label=_("Geldig tot"), required=False, widget=DATE, help_text=_("Leeg: blijft geldig.")
    )
    people = forms.ModelMultipleChoiceField(
        label=_("Personen"),
        queryset=None,
        error_messages={"required": _("Kies ten minste één persoon.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any person of this partnership (the scoped manager), whatever the table showed.
        self.fields["people"].queryset = Person.objects.all()


class PeoplePickerFilter(forms.Form):
    """Narrows the table of people on the bulk page (by role and school this schooljaar)."""

    rol = forms.ChoiceField(
        label=_("Rol"), required=False, choices=[("", _("Alle rollen")), *Role.choices]
    )
    school = PickerField("school", label=_("School"), required=False)
    q = forms.CharField(label=_("Naam"), required=False)

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        pickers.bind(self, access)

    def filter(self, people):
        if not self.is_valid():
            return people
        data = self.cleaned_data
        assignments = RoleAssignment.objects.active_in(Schooljaar.current()).filter(
            person_id=OuterRef("pk")
        )
        if data["rol"]:
            assignments = assignments.filter(role=data["rol"])
        if data["school"]:
            assignments = assignments.filter(school=data["school"])
        if data["rol"] or data["school"]:
            people = people.filter(Exists(assignments))
        return _name_search(people, data["q"])

    def people(self, limit):
        """The people the table offers to tick (at most `limit`), each with their roles this
        schooljaar and their valid certificates, and whether there were more."""
        people = self.filter(Person.objects.all()).prefetch_related(
            Prefetch(
                "roles",
                queryset=RoleAssignment.objects.active_in(Schooljaar.current()).select_related(
                    "school", "partner__organisation", "grouping"
                ),
                to_attr="active_roles",
            ),
            Prefetch(
                "certificates",
                queryset=Certificate.objects.filter(valid_certificate_q(timezone.localdate())),
                to_attr="valid_certificates",
            ),
        )
        shown = list(people[: limit + 1])
        return shown[:limit], len(shown) > limit


def _name_search(people, text, with_areas=False):
    """Every word must match a part of the name (or, `with_areas`, an expertise area)."""
    for word in (text or "").split():
        condition = (
            Q(first_name__icontains=word) | Q(infix__icontains=word) | Q(last_name__icontains=word)
        )
        if with_areas:
            condition |= Exists(
                Person.expertise.through.objects.filter(
                    person_id=OuterRef("pk"), expertisearea__name__icontains=word
                )
            )
        people = people.filter(condition)
    return people


class CertificateFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Naam"), method="filter_name")
    training = django_filters.ChoiceFilter(
        label=_("Training"),
        field_name="kind",
        choices=Certificate.Kind.choices,
        empty_label=_("Alle"),
    )
    school = PickerFilter("school", label=_("School"), method="filter_school")
    status = django_filters.ChoiceFilter(
        label=_("Geldigheid"),
        choices=[("geldig", _("Geldig")), ("verlopen", _("Verlopen"))],
        method="filter_status",
        empty_label=_("Alle"),
    )
    sorteer = django_filters.OrderingFilter(
        label=_("Sorteren"),
        fields=(
            ("person__last_name", "naam"),
            ("kind", "training"),
            ("obtained_on", "behaald"),
            ("valid_until", "geldig"),
        ),
        field_labels={
            "person__last_name": _("Naam"),
            "kind": _("Training"),
            "obtained_on": _("Behaald op"),
            "valid_until": _("Geldig tot"),
        },
        empty_label=_("Standaard"),
    )

    def filter_name(self, queryset, name, value):
        people = _name_search(Person.objects.all(), value)
        return queryset.filter(person__in=people)

    def filter_school(self, queryset, name, value):
        """Certificates of people with a role at that school this schooljaar."""
        at_school = RoleAssignment.objects.active_in(Schooljaar.current()).filter(
            person_id=OuterRef("person_id"), school=value
        )
        return queryset.filter(Exists(at_school))

    def filter_status(self, queryset, name, value):
        valid = valid_certificate_q(timezone.localdate())
        return queryset.filter(valid) if value == "geldig" else queryset.exclude(valid)


# --- Expertise -----------------------------------------------------------------------------


class ExpertiseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Naam of expertise"), method="filter_text")
    gebied = django_filters.ModelChoiceFilter(
        label=_("Expertisegebied"),
        queryset=lambda request: ExpertiseArea.objects.all(),
        method="filter_area",
        empty_label=_("Alle"),
    )

    def filter_text(self, queryset, name, value):
        return _name_search(queryset, value, with_areas=True)

    def filter_area(self, queryset, name, value):
        return queryset.filter(
            Exists(
                Person.expertise.through.objects.filter(
                    person_id=OuterRef("pk"), expertisearea=value
                )
            )
        )


class AreaForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=100)


class PersonExpertiseForm(forms.Form):
    areas = forms.ModelMultipleChoiceField(
        label=_("Expertisegebieden"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = ExpertiseArea.objects.all()
