"""Search-as-you-type choices for arranging a placement and a leergroep (samen.pickers).

Schools where the person may arrange placements, and mentors (or vakbegeleiders) and coaches
in their reach; students and instituutsopleiders sit at the institutes, so whoever arranges
placements chooses among all of them (the service checks each one's role in the placement's
schooljaar, and the guides' at its school).
"""

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _

from partnerships.models import School
from partnerships.pickers import _school_label
from roles.models import Person, Role, RoleAssignment
from roles.pickers import PERSON_SEARCH, person_label
from samen import pickers
from samen.schooljaar import Schooljaar

from .models import PlacementPeriod
from .services import MENTOR_ROLES, role_refusal


def people_with_role(*roles):
    """People holding one of `roles` this schooljaar or later (placements are arranged ahead)."""
    year = Schooljaar.current().start_year
    ids = RoleAssignment.objects.filter(role__in=roles).exclude(schooljaar_to__lt=year)
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
    # In VO the vakbegeleider takes the mentor's place.
    lambda access: access.filter("person.view", people_with_role(Role.MENTOR, Role.VAKBEGELEIDER)),
    search=PERSON_SEARCH,
    label=person_label,
)
pickers.register(
    "placement-coach",
    lambda access: access.filter("person.view", people_with_role(Role.COACH)),
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


# --- The overstap: the guides of the new school, in the schooljaar of the move -----------------


def _chosen_school(access, school):
    """The school chosen above in the form, if the person may arrange placements there."""
    if not str(school).isdigit():
        return None
    return access.filter("placement.manage", School.objects.filter(pk=int(school))).first()


def _schooljaar_of(move_on):
    try:
        return Schooljaar.of(dt.date.fromisoformat(move_on))
    except ValueError:
        return Schooljaar.current()


def _guides_at(roles):
    """People holding one of `roles` at the chosen school in the schooljaar of the move (the
    form's `school` and `move_on`): whom an overstap accepts (services._require_guides)."""

    def rows(access, school="", move_on=""):
        chosen = _chosen_school(access, school)
        if chosen is None:
            return Person.objects.none()
        at_school = (
            RoleAssignment.objects.filter(role__in=roles)
            .active_in(_schooljaar_of(move_on))
            .filter(Q(school=chosen) | Q(partner_id=chosen.board_id) | Q(grouping__schools=chosen))
        )
        people = Person.objects.filter(pk__in=at_school.values("person_id"))
        return access.filter("person.view", people).order_by("last_name", "first_name")

    return rows


def _why_not_guides(roles, broader):
    """Why people matching the search are not offered: no school chosen yet, or they do not
    hold the role there in the schooljaar of the move (the service's own words)."""

    def explain(access, text, school="", move_on=""):
        chosen = _chosen_school(access, school)
        if chosen is None:
            return [_("Kies eerst de nieuwe school: hier staan dan de mentoren van die school.")]
        offered = _guides_at(roles)(access, school, move_on)
        others = pickers.search(pickers.get(broader).rows(access), PERSON_SEARCH, text)
        others = others.exclude(pk__in=offered.values("pk"))[:5]
        schooljaar = _schooljaar_of(move_on)
        return [role_refusal(person, roles, schooljaar, chosen) for person in others]

    return explain


pickers.register(
    "overstap-mentor",
    _guides_at(MENTOR_ROLES),
    search=PERSON_SEARCH,
    label=person_label,
    forward=("school", "move_on"),
    explain=_why_not_guides(MENTOR_ROLES, "placement-mentor"),
)
pickers.register(
    "overstap-coach",
    _guides_at((Role.COACH,)),
    search=PERSON_SEARCH,
    label=person_label,
    forward=("school", "move_on"),
    explain=_why_not_guides((Role.COACH,), "placement-coach"),
)


def period_label(period):
    return f"{period.name} ({Schooljaar(period.schooljaar)})"


# --- Leergroepen ------------------------------------------------------------------------------


def _leaders(access):
    """Schoolopleiders in the person's reach, and the person themself if they are one: a
    schoolopleider, who sees no list of people, leads their own leergroepen."""
    if not access.can("leergroep.manage"):
        return Person.objects.none()
    leaders = people_with_role(Role.SCHOOLOPLEIDER)
    own = Q(pk=access.person.pk) if access.person is not None else Q(pk__in=[])
    in_reach = Q(pk__in=access.filter("person.view", leaders).values("pk"))
    return leaders.filter(in_reach | own)


pickers.register(
    "leergroep-school",
    lambda access: access.filter("leergroep.manage", School.objects.order_by("name")),
    search=("name", "place", "brin"),
    label=_school_label,
)
pickers.register("leergroep-leader", _leaders, search=PERSON_SEARCH, label=person_label)
pickers.register(
    "leergroep-period",
    lambda access: access.filter(
        "period.view", PlacementPeriod.objects.order_by("-schooljaar", "name")
    ),
    search=("name",),
    label=period_label,
)


pickers.register(
    "period",
    lambda access: access.filter(
        "period.view", PlacementPeriod.objects.order_by("-schooljaar", "name")
    ),
    search=("name",),
    label=period_label,
)
