"""Search, filters and sorting of the review moments (django-filter)."""

import datetime as dt

import django_filters as filters
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from samen.pickers import PickerFilter
from samen.schooljaar import schooljaar_choices

from .models import ReviewMoment


class MomentFilter(filters.FilterSet):
    q = filters.CharFilter(label=_("Zoeken"), field_name="title", lookup_expr="icontains")
    school = PickerFilter("school", label=_("School"))
    schooljaar = filters.ChoiceFilter(
        label=_("Schooljaar"), choices=schooljaar_choices, empty_label=_("alle")
    )
    soort = filters.ChoiceFilter(
        label=_("Soort"),
        field_name="kind",
        choices=ReviewMoment.Kind.choices,
        empty_label=_("alle"),
    )
    # The calendar's way in to a day or a month with more moments than it shows.
    dag = filters.DateFilter(label=_("Op dag"), method="on_day")
    maand = filters.CharFilter(label=_("Begint in maand (jjjj-mm)"), method="in_month")
    sorteer = filters.OrderingFilter(fields=(("title", "moment"), ("due_on", "datum")))

    class Meta:
        model = ReviewMoment
        fields = []

    def on_day(self, queryset, name, value):
        """The moments whose window begins or ends on the day."""
        return queryset.filter(Q(due_on=value) | Q(starts_on=value))

    def in_month(self, queryset, name, value):
        """The moments whose window begins in the month (yyyy-mm); nothing for another text."""
        try:
            first = dt.date.fromisoformat(f"{value}-01")
        except ValueError:
            return queryset.none()
        return queryset.annotate(start=Coalesce("starts_on", "due_on")).filter(
            start__year=first.year, start__month=first.month
        )
