"""Search-as-you-type choices of people and of schools to grant roles at (samen.pickers)."""

from partnerships.models import Grouping, School
from partnerships.pickers import _school_label
from samen import pickers

from .models import Person

PERSON_SEARCH = ("first_name", "infix", "last_name", "email")


def person_label(person):
    return f"{person.full_name} ({person.email})" if person.email else person.full_name


pickers.register(
    "person",
    lambda access: access.filter("person.view", Person.objects.order_by("last_name", "first_name")),
    search=PERSON_SEARCH,
    label=person_label,
)
pickers.register(
    "school-roles",
    lambda access: access.filter("role.manage", School.objects.order_by("name")),
    search=("name", "place", "brin"),
    label=_school_label,
)
pickers.register(
    "grouping-roles",
    lambda access: access.filter("role.manage", Grouping.objects.order_by("name")),
    search=("name",),
    label=lambda grouping: f"{grouping.name} ({grouping.get_kind_display()})",
)
