"""Search-as-you-type choices of the placement year (samen.pickers): the schools and mentors a
capacity offers, the periods a request is for, and on the matching board the schools with
room, the mentors with room and the students with a request. The board's school and mentor
searches say why one searched for is missing ("OBS De Kameleon zit vol in Najaar 2026: …"),
in the words the assignment itself refuses with (matching.services)."""

from collections import defaultdict

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnerships.models import School, TrainingStatus
from partnerships.pickers import _school_label
from placements.models import Placement, PlacementPeriod
from placements.pickers import period_label
from roles.models import Person, Role, RoleAssignment
from roles.pickers import PERSON_SEARCH, person_label
from samen import pickers
from samen.schooljaar import Schooljaar

from .models import FREEING_STATUSES, Capacity, CapacityMentor, CapacityPlace, PlacementRequest
from .selectors import live_placements

SCHOOL_SEARCH = ("name", "place", "brin")


def _int(value):
    return int(value) if str(value).isdigit() else None


def _mentors_of_school(school_id):
    """People holding the mentor or vakbegeleider role at the school (for it, its board or a
    grouping it is in) this schooljaar or later."""
    school = School.objects.filter(pk=school_id).first()
    if school is None:
        return Person.objects.none()
    year = Schooljaar.current().start_year
    at_school = (
        RoleAssignment.objects.filter(role__in=(Role.MENTOR, Role.VAKBEGELEIDER))
        .exclude(schooljaar_to__lt=year)
        .filter(Q(school=school) | Q(partner_id=school.board_id) | Q(grouping__schools=school))
    )
    return Person.objects.filter(pk__in=at_school.values("person_id")).order_by(
        "last_name", "first_name"
    )


def _capacity_mentors(access, school=""):
    """Mentors of the school whose capacity is being entered (the form passes the school)."""
    school_id = _int(school)
    if (
        school_id is None
        or not access.filter("capacity.manage", School.objects.filter(pk=school_id)).exists()
    ):
        return Person.objects.none()
    return _mentors_of_school(school_id)


def _matching_periods(access):
    return access.filter("matching.view", PlacementPeriod.objects.all())


def _matching_mentors(access, school="", period=""):
    """The chosen school's mentors offered for the period who can still take a place, while
    the school has a free place."""
    school_id, period_id = _int(school), _int(period)
    if school_id is None or period_id is None:
        return Person.objects.none()
    if not _matching_periods(access).filter(pk=period_id).exists():
        return Person.objects.none()
    places, taken, _with_mentor = _room(period_id)
    if places.get(school_id, 0) <= taken[school_id]:
        return Person.objects.none()  # full: _why_not_mentors says so
    load = (
        Placement.objects.filter(
            school_id=school_id,
            period_id=period_id,
            mentor=OuterRef("person"),
            duo_with__isnull=True,
        )
        .exclude(status__in=FREEING_STATUSES)
        .order_by()
        .values("mentor")
        .annotate(n=Count("pk"))
        .values("n")
    )
    offers = (
        CapacityMentor.objects.filter(capacity__school_id=school_id, capacity__period_id=period_id)
        .annotate(load=Coalesce(Subquery(load, output_field=IntegerField()), Value(0)))
        .filter(places__gt=F("load"))
    )
    return Person.objects.filter(pk__in=offers.values("person_id")).order_by(
        "last_name", "first_name"
    )


def _period_of(access, period):
    period_id = _int(period)
    if period_id is None:
        return None
    return _matching_periods(access).filter(pk=period_id).first()


def _offering_schools(access, period=""):
    """Schools that offer places in the period (in the person's reach), full or not."""
    chosen = _period_of(access, period)
    if chosen is None:
        return School.objects.none()
    offering = access.filter("capacity.view", Capacity.objects.filter(period=chosen))
    return School.objects.filter(pk__in=offering.values("school_id")).order_by("name")


def _room(period_id):
    """The period's room per school, from three grouped queries: {school id: places}, {school
    id: places taken}, and the schools with a mentor who can take another student."""
    places = dict(
        CapacityPlace.objects.filter(capacity__period_id=period_id)
        .order_by()
        .values_list("capacity__school_id")
        .annotate(n=Sum("places"))
    )
    taken, by_mentor = defaultdict(int), defaultdict(int)
    for school_id, mentor_id, n in (
        live_placements()
        .filter(period_id=period_id, duo_with__isnull=True)
        .order_by()
        .values_list("school_id", "mentor_id")
        .annotate(n=Count("pk"))
    ):
        taken[school_id] += n
        by_mentor[(school_id, mentor_id)] += n
    with_mentor = {
        school_id
        for school_id, person_id, offered in CapacityMentor.objects.filter(
            capacity__period_id=period_id
        ).values_list("capacity__school_id", "person_id", "places")
        if offered > by_mentor[(school_id, person_id)]
    }
    return places, taken, with_mentor


def _matching_schools(access, period=""):
    """Schools with room in the period: a free place and a mentor who can take a student."""
    offering = _offering_schools(access, period)
    if not offering.query.is_empty():
        places, taken, with_mentor = _room(int(period))
        open_ = [pk for pk in with_mentor if places.get(pk, 0) > taken[pk]]
        offering = offering.filter(pk__in=open_)
    return offering


def _full(school, period, total):
    return ngettext(
        "%(school)s zit vol in %(period)s: de %(total)d plaats is al vergeven.",
        "%(school)s zit vol in %(period)s: alle %(total)d plaatsen zijn al vergeven.",
        total,
    ) % {"school": school.name, "period": period.name, "total": total}


def _why_not_schools(access, text, period=""):
    """Why schools matching the search are not offered: full, no mentor with room, or no
    places offered in the period at all."""
    chosen = _period_of(access, period)
    if chosen is None:
        return []
    in_reach = access.filter("school.view", School.objects.order_by("name"))
    schools = pickers.search(in_reach, SCHOOL_SEARCH, text)
    missing = list(schools.exclude(pk__in=_matching_schools(access, period).values("pk"))[:5])
    if not missing:
        return []
    places, taken, with_mentor = _room(chosen.pk)
    offering = set(_offering_schools(access, period).values_list("pk", flat=True))
    reasons = []
    for school in missing:
        if school.pk not in offering:
            reasons.append(
                _("%(school)s biedt in %(period)s geen stageplaatsen aan.")
                % {"school": school.name, "period": chosen.name}
            )
        elif places.get(school.pk, 0) <= taken[school.pk]:
            reasons.append(_full(school, chosen, places.get(school.pk, 0)))
        else:
            reasons.append(
                _("%(school)s heeft in %(period)s geen mentor met ruimte meer.")
                % {"school": school.name, "period": chosen.name}
            )
    return reasons


def _why_not_mentors(access, text, school="", period=""):
    """Why mentors matching the search are not offered: the school is full, or the mentor has
    no room left or is not offered for the period."""
    chosen, school_id = _period_of(access, period), _int(school)
    if chosen is None or school_id is None:
        return []
    the_school = _offering_schools(access, period).filter(pk=school_id).first()
    if the_school is None:
        return []
    places, taken, _with_mentor = _room(chosen.pk)
    if places.get(school_id, 0) <= taken[school_id]:
        return [_full(the_school, chosen, places.get(school_id, 0))]
    offered = _matching_mentors(access, school, period)
    people = pickers.search(_mentors_of_school(school_id), PERSON_SEARCH, text)
    in_capacity = set(
        CapacityMentor.objects.filter(
            capacity__school_id=school_id, capacity__period=chosen
        ).values_list("person_id", flat=True)
    )
    reasons = []
    for person in people.exclude(pk__in=offered.values("pk"))[:5]:
        values = {"mentor": person, "school": the_school.name, "period": chosen.name}
        if person.pk in in_capacity:
            reasons.append(_("%(mentor)s heeft in %(period)s geen ruimte meer.") % values)
        else:
            reasons.append(
                _("%(mentor)s staat bij %(school)s niet als beschikbare mentor voor %(period)s.")
                % values
            )
    return reasons


def _matching_students(access, period=""):
    """Students with a request for the period, in the person's reach."""
    period_id = _int(period)
    if period_id is None:
        return Person.objects.none()
    asked = access.filter("request.view", PlacementRequest.objects.filter(period_id=period_id))
    return Person.objects.filter(pk__in=asked.values("student_id")).order_by(
        "last_name", "first_name"
    )


pickers.register(
    "capacity-school",
    lambda access: access.filter(
        "capacity.manage",
        School.objects.filter(training_status=TrainingStatus.ACTIEF).order_by("name"),
    ),
    search=("name", "place", "brin"),
    label=_school_label,
)
pickers.register(
    "capacity-mentor",
    _capacity_mentors,
    search=PERSON_SEARCH,
    label=person_label,
    forward=("school",),
)
pickers.register(
    "request-period",
    # Periods of this schooljaar or later: a request is for a placement still to come.
    lambda access: access.filter(
        "period.view",
        PlacementPeriod.objects.filter(schooljaar__gte=Schooljaar.current().start_year).order_by(
            "-schooljaar", "name"
        ),
    ),
    search=("name",),
    label=period_label,
)
pickers.register(
    "matching-school",
    _matching_schools,
    search=("name", "place", "brin"),
    label=_school_label,
    forward=("period",),
    explain=_why_not_schools,
)
# What the assignment accepts: a school full meanwhile is refused by the service, with why.
pickers.register(
    "matching-school-offering",
    _offering_schools,
    search=("name", "place", "brin"),
    label=_school_label,
    forward=("period",),
)
pickers.register(
    "matching-mentor",
    _matching_mentors,
    search=PERSON_SEARCH,
    label=person_label,
    forward=("school", "period"),
    explain=_why_not_mentors,
)
pickers.register(
    "matching-student",
    _matching_students,
    search=PERSON_SEARCH,
    label=person_label,
    forward=("period",),
)
