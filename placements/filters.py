"""Search, filters and sorting of the placement list (django-filter)."""

import django_filters as filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnerships.models import Organisation, Partner, School
from roles.models import Person
from samen.pickers import PickerFilter
from samen.schooljaar import schooljaar_choices

from .models import Leergroep, Phase, Placement, PlacementStatus


def _institutes():
    """The partnership's institutes: a handful, so a plain choice."""
    return (
        Partner.objects.filter(organisation__kind=Organisation.Kind.INSTITUTE)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def _schooljaren():
    return schooljaar_choices(before=3, after=1)


def people_named(word):
    """The ids of people whose first or last name holds `word` (a subquery for the searches:
    on PostgreSQL a trigram index answers it without reading every row)."""
    return Person.objects.filter(
        Q(first_name__icontains=word) | Q(last_name__icontains=word)
    ).values("pk")


class PlacementFilter(filters.FilterSet):
    q = filters.CharFilter(
        label=_("Zoeken"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Naam of school")}),
    )
    status = filters.ChoiceFilter(
        label=_("Status"), choices=PlacementStatus.choices, empty_label=_("Alle statussen")
    )
    school = PickerFilter("placement-school-view", label=_("School"))
    period = PickerFilter("period", label=_("Stageperiode"))
    institute = filters.ModelChoiceFilter(
        label=_("Opleidingsinstituut"),
        field_name="period__institute",
        queryset=lambda request: _institutes(),
        empty_label=_("Alle instituten"),
    )
    phase = filters.ChoiceFilter(
        label=_("Fase"),
        field_name="period__phase",
        choices=Phase.choices,
        empty_label=_("Alle fasen"),
    )
    sorteer = filters.OrderingFilter(
        fields=(
            ("student__last_name", "aankomende_leraar"),
            ("school__name", "school"),
            ("mentor__last_name", "mentor"),
            ("starts_on", "periode"),
            ("status", "status"),
        ),
        label=_("Sorteren op"),
    )

    class Meta:
        model = Placement
        fields = []

    def search(self, queryset, name, value):
        """Every word must match the student, the mentor or the school.

        Asked as "placements of these people or schools": each subquery searches one table,
        where a trigram index (on PostgreSQL) answers `%word%` without reading every row,
        instead of one LIKE over four columns of three joined tables.
        """
        for word in value.split()[:5]:
            people = people_named(word)
            schools = School.objects.filter(name__icontains=word).values("pk")
            queryset = queryset.filter(
                Q(student__in=people) | Q(mentor__in=people) | Q(school__in=schools)
            )
        return queryset


class LeergroepFilter(filters.FilterSet):
    q = filters.CharFilter(
        label=_("Zoeken"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Naam of school")}),
    )
    schooljaar = filters.ChoiceFilter(
        label=_("Schooljaar"), choices=_schooljaren, empty_label=_("Alle schooljaren")
    )
    sorteer = filters.OrderingFilter(
        fields=(("name", "naam"), ("school__name", "school"), ("schooljaar", "jaar")),
        label=_("Sorteren op"),
    )

    class Meta:
        model = Leergroep
        fields = []

    def search(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(Q(name__icontains=word) | Q(school__name__icontains=word))
        return queryset
