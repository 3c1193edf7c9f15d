"""Search, filters and sorting of the review moments (django-filter)."""

import django_filters as filters
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
    sorteer = filters.OrderingFilter(fields=(("title", "moment"), ("due_on", "datum")))

    class Meta:
        model = ReviewMoment
        fields = []
