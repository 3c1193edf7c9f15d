"""Search, filters and sorting of the failed notifications and the delivery log."""

import datetime as dt

import django_filters as filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import registry
from .models import Delivery, Notification


def kind_choices():
    return sorted(((name, str(kind)) for name, kind in registry.kinds().items()), key=str)


class DateInput(forms.DateInput):
    input_type = "date"


class FailedFilter(filters.FilterSet):
    status = filters.ChoiceFilter(
        label=_("Status"),
        method="by_status",
        choices=[("mislukt", _("Mislukt")), ("opnieuw", _("Wacht op een nieuwe poging"))],
        empty_label=_("Alle"),
    )
    soort = filters.ChoiceFilter(
        label=_("Soort"), field_name="kind", choices=kind_choices, empty_label=_("Alle soorten")
    )
    sorteer = filters.OrderingFilter(
        fields=(("send_on", "datum"), ("attempts", "pogingen")), label=_("Sorteren op")
    )

    class Meta:
        model = Notification
        fields = []

    def by_status(self, queryset, name, value):
        return queryset.filter(failed_at__isnull=(value != "mislukt"))


class DeliveryFilter(filters.FilterSet):
    q = filters.CharFilter(
        label=_("Zoeken"),
        method="search",
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Naam, e-mailadres of onderwerp")}
        ),
    )
    soort = filters.ChoiceFilter(
        label=_("Soort"),
        field_name="notification__kind",
        choices=kind_choices,
        empty_label=_("Alle soorten"),
    )
    via = filters.ChoiceFilter(
        label=_("Verstuurd als"),
        field_name="channel",
        choices=Delivery.Channel.choices,
        empty_label=_("Alle"),
    )
    van = filters.DateFilter(label=_("Vanaf"), method="sent_from", widget=DateInput())
    tot = filters.DateFilter(label=_("Tot en met"), method="sent_until", widget=DateInput())
    sorteer = filters.OrderingFilter(
        fields=(("sent_at", "verstuurd"), ("name", "aan")), label=_("Sorteren op")
    )

    class Meta:
        model = Delivery
        fields = []

    def search(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(name__icontains=word) | Q(email__icontains=word) | Q(subject__icontains=word)
            )
        return queryset

    def sent_from(self, queryset, name, value):
        return queryset.filter(sent_at__gte=_start_of(value))

    def sent_until(self, queryset, name, value):
        return queryset.filter(sent_at__lt=_start_of(value + dt.timedelta(days=1)))


def _start_of(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
