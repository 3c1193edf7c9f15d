"""Search, filters and sorting of the coordinator's list of placement forms (django-filter)."""

import django_filters as filters
from django import forms
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.models import School
from placements.filters import people_named
from placements.models import FormKind, Phase
from samen.pickers import PickerFilter

from .models import PlacementForm


class FormState(models.TextChoices):
    """What a coordinator asks of a form: not submitted (or late), waiting, done."""

    OPEN = "open", _("Nog niet ingediend")
    LATE = "te_laat", _("Te laat (nog niet ingediend)")
    SUBMITTED = "ingediend", _("Ingediend, wacht op handtekeningen")
    LOCKED = "afgerond", _("Afgerond (ondertekend)")
    CLOSED = "gesloten", _("Gesloten (overstap)")


class PlacementFormFilter(filters.FilterSet):
    q = filters.CharFilter(
        label=_("Zoeken"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Naam of school")}),
    )
    kind = filters.ChoiceFilter(
        label=_("Formulier"), choices=FormKind.choices, empty_label=_("Alle formulieren")
    )
    state = filters.ChoiceFilter(
        label=_("Status"),
        choices=FormState.choices,
        empty_label=_("Alle statussen"),
        method="in_state",
    )
    period = PickerFilter(
        "leergroep-period", label=_("Stageperiode"), field_name="placement__period"
    )
    institute = PickerFilter(
        "placementform-institute", label=_("Opleiding"), field_name="placement__period__institute"
    )
    phase = filters.ChoiceFilter(
        label=_("Fase"),
        choices=Phase.choices,
        empty_label=_("Alle fases"),
        field_name="placement__period__phase",
    )
    sorteer = filters.OrderingFilter(
        fields=(
            ("placement__student__last_name", "aankomende_leraar"),
            ("placement__school__name", "school"),
            ("kind", "soort"),
            ("due_on", "datum"),
            ("response__status", "status"),
        ),
        label=_("Sorteren op"),
    )

    class Meta:
        model = PlacementForm
        fields = []

    def in_state(self, queryset, name, value):
        if value == FormState.CLOSED:
            return queryset.filter(closed_at__isnull=False)
        if value == FormState.LOCKED:
            return queryset.filter(response__status="locked")
        # Open, late and waiting: a form closed by an overstap is none of them.
        queryset = queryset.filter(closed_at__isnull=True)
        if value == FormState.OPEN:
            return queryset.filter(response__status="draft")
        if value == FormState.LATE:
            return queryset.filter(response__status="draft", due_on__lt=timezone.localdate())
        return queryset.filter(response__status="submitted")

    def search(self, queryset, name, value):
        for word in value.split()[:5]:
            people = people_named(word)
            schools = School.objects.filter(name__icontains=word).values("pk")
            queryset = queryset.filter(
                Q(placement__student__in=people)
                | Q(placement__mentor__in=people)
                | Q(placement__school__in=schools)
            )
        return queryset
