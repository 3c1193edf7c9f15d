"""Search, filters and sorting of the placement list (django-filter)."""

import django_filters as filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samen.pickers import PickerFilter

from .models import Placement, PlacementStatus


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
        """Every word must match the student, the mentor or the school."""
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(student__first_name__icontains=word)
                | Q(student__last_name__icontains=word)
                | Q(mentor__last_name__icontains=word)
                | Q(school__name__icontains=word)
            )
        return queryset
