"""django-filter FilterSets for the people list (search, filters, sortable columns)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnerships.models import Partner
from samen.pickers import PickerFilter
from samen.schooljaar import Schooljaar

from .models import Person, Role, RoleAssignment

YES_NO = [("ja", _("ja")), ("nee", _("nee"))]


def _current_assignments():
    return RoleAssignment.objects.active_in(Schooljaar.current())


def _partners(request):
    """Boards and institutes whose people the list may show (not the whole partnership's)."""
    return request.access.filter("person.view", Partner.objects.select_related("organisation"))


class PersonOrdering(django_filters.OrderingFilter):
    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value:
            # Same last names: by first name, then a stable order for pagination.
            qs = qs.order_by(*qs.query.order_by, "first_name", "pk")
        return qs


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    rol = django_filters.ChoiceFilter(
        label=_("Rol (dit schooljaar)"), choices=Role.choices, method="filter_role"
    )
    school = PickerFilter("school", label=_("School"), method="filter_school")
    organisatie = django_filters.ModelChoiceFilter(
        label=_("Bestuur of instituut"), queryset=_partners, method="filter_partner"
    )
    account = django_filters.ChoiceFilter(
        label=_("Account"), choices=YES_NO, method="filter_account"
    )
    uitgenodigd = django_filters.ChoiceFilter(
        label=_("Uitgenodigd"), choices=YES_NO, method="filter_invited"
    )
    sorteer = PersonOrdering(
        label=_("Sortering"),
        fields=(("last_name", "naam"), ("email", "email"), ("invited_at", "uitgenodigd")),
        field_labels={"last_name": _("Naam"), "email": _("E-mail"), "invited_at": _("Uitgenodigd")},
    )

    class Meta:
        model = Person
        fields = []

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(first_name__icontains=word)
                | Q(infix__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
        return queryset

    def filter_role(self, queryset, name, value):
        return queryset.filter(pk__in=_current_assignments().filter(role=value).values("person_id"))

    def filter_school(self, queryset, name, school):
        """People with a role at this school, or in a cluster or network it belongs to."""
        at_school = Q(school=school) | Q(grouping__schools=school)
        return queryset.filter(pk__in=_current_assignments().filter(at_school).values("person_id"))

    def filter_partner(self, queryset, name, partner):
        """People with a role at this board or institute, or at one of the board's schools."""
        at_partner = Q(partner=partner) | Q(school__board=partner)
        return queryset.filter(pk__in=_current_assignments().filter(at_partner).values("person_id"))

    def filter_account(self, queryset, name, value):
        return queryset.filter(user__isnull=value == "nee")

    def filter_invited(self, queryset, name, value):
        return queryset.filter(invited_at__isnull=value == "nee")
