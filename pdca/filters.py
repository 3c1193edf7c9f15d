"""Search, filters and sorting of the quality cycle's lists (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from samen.pickers import PickerFilter
from samen.schooljaar import schooljaar_choices

from .models import DialogueSession, FollowUpAction, Gesprekskader, Jaarplan, Waarborg


class GesprekskaderFilter(django_filters.FilterSet):
    sorteer = django_filters.OrderingFilter(fields=(("schooljaar", "schooljaar"),))

    class Meta:
        model = Gesprekskader
        fields = []


class JaarplanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), field_name="title", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Jaarplan.Status.choices, empty_label=_("alle")
    )
    sorteer = django_filters.OrderingFilter(
        fields=(("schooljaar", "schooljaar"), ("title", "titel"))
    )

    class Meta:
        model = Jaarplan
        fields = []


class DialogueFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), field_name="title", lookup_expr="icontains")
    schooljaar = django_filters.ChoiceFilter(
        label=_("Schooljaar"), choices=schooljaar_choices, empty_label=_("alle")
    )
    context = django_filters.ChoiceFilter(
        label=_("Soort bijeenkomst"), choices=DialogueSession.Context.choices, empty_label=_("alle")
    )
    sorteer = django_filters.OrderingFilter(fields=(("held_on", "datum"), ("title", "titel")))

    class Meta:
        model = DialogueSession
        fields = []


class ActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), field_name="title", lookup_expr="icontains")
    schooljaar = django_filters.ChoiceFilter(
        label=_("Schooljaar"), choices=schooljaar_choices, empty_label=_("alle")
    )
    waarborg = django_filters.ChoiceFilter(
        label=_("Waarborg"), choices=Waarborg.choices, empty_label=_("alle")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=FollowUpAction.Status.choices, empty_label=_("alle")
    )
    owner = PickerFilter("pdca-person", label=_("Eigenaar"))
    sorteer = django_filters.OrderingFilter(
        fields=(("due_on", "datum"), ("title", "actie"), ("waarborg", "waarborg"))
    )

    class Meta:
        model = FollowUpAction
        fields = []
