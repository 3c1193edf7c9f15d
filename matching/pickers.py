"""Search-as-you-type choices of the placement year (samen.pickers): the schools and mentors a
capacity offers, the periods a request is for, and on the matching board the schools with
places, the mentors with room and the students with a request."""

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from partnerships.models import School, TrainingStatus
from partnerships.pickers import _school_label
from placements.models import Placement, PlacementPeriod
from placements.pickers import period_label
from roles.models import Person, Role, RoleAssignment
from roles.pickers import PERSON_SEARCH, person_label
from samen import pickers
from samen.schooljaar import Schooljaar

from .models import FREEING_STATUSES, Capacity, CapacityMentor, PlacementRequest


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
    """The chosen school's mentors offered for the period who can still take a place."""
    school_id, period_id = _int(school), _int(period)
    if school_id is None or period_id is None:
        return Person.objects.none()
    if not _matching_periods(access).filter(pk=period_id).exists():
        return Person.objects.none()
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


def _matching_schools(access, period=""):
    """Schools that offer places in the period (in the person's reach)."""
    period_id = _int(period)
    if period_id is None or not _matching_periods(access).filter(pk=period_id).exists():
        return School.objects.none()
    offering = access.filter("capacity.view", Capacity.objects.filter(period_id=period_id))
    return School.objects.filter(pk__in=offering.values("school_id")).order_by("name")


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
)
pickers.register(
    "matching-mentor",
    _matching_mentors,
    search=PERSON_SEARCH,
    label=person_label,
    forward=("school", "period"),
)
pickers.register(
    "matching-student",
    _matching_students,
    search=PERSON_SEARCH,
    label=person_label,
    forward=("period",),
)
