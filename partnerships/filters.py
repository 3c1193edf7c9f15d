"""Search, filters and sortable columns of the organisation lists (django-filter).

Choice lists that come from the data (boards, places, onderwijsconcepten) are filled per
request, inside the partnership's scope, each in one query.
"""

import django_filters as filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Grouping, Organisation, Partner, School, Sector, TrainingStatus

SEARCH = {"placeholder": _("naam, plaats of BRIN"), "type": "search"}


def _boards(request):
    """The boards whose schools the list may show (a schoolopleider: none to choose from)."""
    return request.access.filter(
        "school.view",
        Partner.objects.filter(organisation__kind=Organisation.Kind.BOARD).select_related(
            "organisation"
        ),
    )


def _places(queryset):
    places = queryset.order_by("place").values_list("place", flat=True).distinct()
    return [(p, p) for p in places if p]


class SchoolFilter(filters.FilterSet):
    q = filters.CharFilter(label=_("Zoeken"), method="search", widget=forms.TextInput(attrs=SEARCH))
    board = filters.ModelChoiceFilter(label=_("Bestuur"), queryset=_boards, empty_label=_("alle"))
    place = filters.ChoiceFilter(label=_("Plaats"), empty_label=_("alle"))
    sector = filters.ChoiceFilter(label=_("Sector"), choices=Sector.choices, empty_label=_("alle"))
    training_status = filters.ChoiceFilter(
        label=_("Status opleidingsschool"), choices=TrainingStatus.choices, empty_label=_("alle")
    )
    cohort = filters.ChoiceFilter(
        label=_("Cohort"),
        choices=[(n, str(n)) for n in range(1, 5)] + [("geen", _("geen"))],
        method="filter_cohort",
        empty_label=_("alle"),
    )
    is_academisch = filters.BooleanFilter(
        label=_("Academisch"),
        widget=forms.Select(choices=[("", _("alle")), ("true", _("ja")), ("false", _("nee"))]),
    )
    sorteer = filters.OrderingFilter(
        fields=(
            ("name", "naam"),
            ("place", "plaats"),
            ("board__organisation__name", "bestuur"),
            ("training_status", "status"),
            ("cohort", "cohort"),
            ("size", "leerlingen"),
        ),
        field_labels={
            "name": _("naam"),
            "place": _("plaats"),
            "board__organisation__name": _("bestuur"),
            "training_status": _("status"),
            "cohort": _("cohort"),
            "size": _("leerlingen"),
        },
        label=_("Sorteren op"),
    )

    class Meta:
        model = School
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["place"].extra["choices"] = _places(self.queryset)

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(place__icontains=value) | Q(brin__icontains=value)
        )

    def filter_cohort(self, queryset, name, value):
        if value == "geen":
            return queryset.filter(cohort__isnull=True)
        return queryset.filter(cohort=value)


class PartnerFilter(filters.FilterSet):
    q = filters.CharFilter(
        label=_("Zoeken"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("naam")}),
    )
    kind = filters.ChoiceFilter(
        label=_("Soort"),
        field_name="organisation__kind",
        choices=Organisation.Kind.choices,
        empty_label=_("alle"),
    )
    sector = filters.ChoiceFilter(
        label=_("Sector"),
        field_name="organisation__sector",
        choices=Sector.choices,
        empty_label=_("alle"),
    )
    region = filters.CharFilter(
        label=_("Regio"), field_name="organisation__region", lookup_expr="icontains"
    )
    status = filters.ChoiceFilter(
        label=_("Lidmaatschap"),
        choices=[("actief", _("huidige partners")), ("gestopt", _("vertrokken partners"))],
        method="filter_status",
        empty_label=_("alle"),
    )
    sorteer = filters.OrderingFilter(
        fields=(
            ("organisation__name", "naam"),
            ("organisation__kind", "soort"),
            ("joined_on", "lid_sinds"),
            ("left_on", "lid_tot"),
        ),
        field_labels={
            "organisation__name": _("naam"),
            "organisation__kind": _("soort"),
            "joined_on": _("lid sinds"),
            "left_on": _("lid tot"),
        },
        label=_("Sorteren op"),
    )

    class Meta:
        model = Partner
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(organisation__name__icontains=value) | Q(organisation__short_name__icontains=value)
        )

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        current = Q(left_on__isnull=True) | Q(left_on__gte=today)
        return queryset.filter(current) if value == "actief" else queryset.exclude(current)


class GroupingFilter(filters.FilterSet):
    q = filters.CharFilter(label=_("Zoeken"), field_name="name", lookup_expr="icontains")
    kind = filters.ChoiceFilter(
        label=_("Soort"), choices=Grouping.Kind.choices, empty_label=_("alle")
    )
    sorteer = filters.OrderingFilter(
        fields=(("name", "naam"), ("kind", "soort"), ("school_count", "scholen")),
        label=_("Sorteren op"),
    )

    class Meta:
        model = Grouping
        fields = []


class PublicSchoolFilter(filters.FilterSet):
    """The public index: only published profiles of active opleidingsscholen are passed in."""

    q = filters.CharFilter(
        label=_("Zoeken"),
        method="search",
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("naam, speerpunt of expertise")}
        ),
    )
    place = filters.ChoiceFilter(label=_("Plaats"), empty_label=_("alle"))
    sector = filters.ChoiceFilter(label=_("Sector"), choices=Sector.choices, empty_label=_("alle"))
    concept = filters.ChoiceFilter(
        label=_("Onderwijsconcept"), field_name="profile__onderwijsconcept", empty_label=_("alle")
    )
    sorteer = filters.OrderingFilter(fields=(("name", "naam"), ("place", "plaats")))

    class Meta:
        model = School
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        published = self.queryset
        self.filters["place"].extra["choices"] = _places(published)
        concepts = (
            published.exclude(profile__onderwijsconcept="")
            .order_by("profile__onderwijsconcept")
            .values_list("profile__onderwijsconcept", flat=True)
            .distinct()
        )
        self.filters["concept"].extra["choices"] = [(c, c) for c in concepts]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(place__icontains=value)
            | Q(profile__speerpunten__icontains=value)
            | Q(profile__expertise__icontains=value)
            | Q(profile__proud_of__icontains=value)
            | Q(profile__onderwijsconcept__icontains=value)
        )
