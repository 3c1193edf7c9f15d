"""Search, filters and sorting of the capacity and request lists (django-filter)."""

import django_filters as filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from placements.filters import people_named
from samen.pickers import PickerFilter

from .models import Capacity, PlacementRequest, RequestStatus


class CapacityFilter(filters.FilterSet):
    q = filters.CharFilter(
        label=_("Zoeken"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("School")}),
    )
    period = PickerFilter("period", label=_("Stageperiode"))
    sorteer = filters.OrderingFilter(
        fields=(("school__name", "school"), ("period__starts_on", "periode")),
        label=_("Sorteren op"),
    )

    class Meta:
        model = Capacity
        fields = []

    def search(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(school__name__icontains=word) | Q(school__place__icontains=word)
            )
        return queryset


class RequestFilter(filters.FilterSet):
    q = filters.CharFilter(
        label=_("Zoeken"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Naam, groep of vak")}),
    )
    status = filters.ChoiceFilter(
        label=_("Status"), choices=RequestStatus.choices, empty_label=_("Alle statussen")
    )
    period = PickerFilter("period", label=_("Stageperiode"))
    sorteer = filters.OrderingFilter(
        fields=(
            ("student__last_name", "aankomende_leraar"),
            ("period__starts_on", "periode"),
            ("status", "status"),
        ),
        label=_("Sorteren op"),
    )

    class Meta:
        model = PlacementRequest
        fields = []

    def search(self, queryset, name, value):
        for word in value.split()[:5]:
            people = people_named(word)
            queryset = queryset.filter(Q(student__in=people) | Q(subject__icontains=word))
        return queryset
