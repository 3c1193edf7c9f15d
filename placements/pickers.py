"""Search-as-you-type choices for arranging a placement (samen.pickers).

Schools where the person may arrange placements, and mentors in their reach; students and
instituutsopleiders sit at the institutes, so whoever arranges placements chooses among all
of them (the service checks each one's role in the placement's schooljaar).
"""

from partnerships.models import School
from partnerships.pickers import _school_label
from roles.models import Person, Role, RoleAssignment
from roles.pickers import PERSON_SEARCH, person_label
from samen import pickers
from samen.schooljaar import Schooljaar


def people_with_role(role):
    """People holding `role` this schooljaar or later (placements are arranged ahead)."""
    year = Schooljaar.current().start_year
    ids = RoleAssignment.objects.filter(role=role).exclude(schooljaar_to__lt=year)
    return Person.objects.filter(pk__in=ids.values("person_id")).order_by("last_name", "first_name")


pickers.register(
    "placement-school",
    lambda access: access.filter("placement.manage", School.objects.order_by("name")),
    search=("name", "place", "brin"),
    label=_school_label,
)
pickers.register(
    "placement-student",
    lambda access: (
        people_with_role(Role.STUDENT) if access.can("placement.manage") else Person.objects.none()
    ),
    search=PERSON_SEARCH,
    label=person_label,
)
pickers.register(
    "placement-mentor",
    lambda access: access.filter("person.view", people_with_role(Role.MENTOR)),
    search=PERSON_SEARCH,
    label=person_label,
)
pickers.register(
    "placement-io",
    lambda access: (
        people_with_role(Role.INSTITUUTSOPLEIDER)
        if access.can("placement.manage")
        else Person.objects.none()
    ),
    search=PERSON_SEARCH,
    label=person_label,
)
pickers.register(
    "placement-school-view",
    lambda access: (
        access.filter("school.view", School.objects.order_by("name"))
        if access.can("placement.view")
        else School.objects.none()
    ),
    search=("name", "place", "brin"),
    label=_school_label,
)
