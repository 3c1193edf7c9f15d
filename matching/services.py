"""Capacity, placement requests and assigning: the operations of the placement year before a
placement exists. The board's reads are matching/board.py and matching/selectors.py; the rows of
an import file are checked in matching/request_import.py.

Every operation takes `actor` (samen.permissions.Access), runs in one transaction and re-checks
reach on what it saves, so a refused write leaves nothing behind. It builds on the placements'
services (the same role checks, locks and event log).

Why the checks live here and lock rows: the board shows free places, but between showing and
assigning another coordinator may fill the last one. `assign()` therefore locks the request,
then the school's `Capacity` row for the period (SELECT … FOR UPDATE on PostgreSQL), then (for
a duo) the first placement and the student, and only then counts the places, the group's and
the mentor's load: two assignments to one school in one period run one after the other and the
second sees the first, and the student is never booked twice over the same days.
"""

import dataclasses

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from placements.models import Placement, PlacementEvent, PlacementStatus
from placements.services import (
    MENTOR_ROLES,
    _lock,
    _open_placement,
    _record,
    _refuse_double_booking,
    _require_role,
)
from roles.models import Person, Role
from samen.errors import DomainError
from samen.imports import ImportPreview
from samen.permissions import OutOfReach
from samen.schooljaar import Schooljaar

from .models import (
    FREEING_STATUSES,
    Capacity,
    CapacityMentor,
    CapacityPlace,
    PlacementRequest,
    RequestStatus,
)
from .request_import import checked_rows
from .selectors import group_key, usage

#: The status a matched placement starts in: the board *proposes* the student to the school
#: (voorgesteld); the school and the student confirm it (bevestigd) on the placement's page.
#: It holds its place from the moment it is proposed, so the board never offers it twice.
ASSIGNED_STATUS = PlacementStatus.VOORGESTELD


# --- Capacity ---------------------------------------------------------------------------------


def require_training_school(school):
    """Only an active opleidingsschool offers places; anything else is refused, with why."""
    if not school.is_opleidingsschool:
        raise DomainError(
            _(
                "%(school)s is geen actieve opleidingsschool en biedt daarom geen stageplaatsen "
                "aan (status: %(status)s)."
            )
            % {"school": school.name, "status": school.get_training_status_display()}
        )


@transaction.atomic
def open_capacity(actor, *, school, period):
    """The capacity of `school` in `period`, created empty if there is none yet.

    Guarantees: the school is an active opleidingsschool; the actor may manage its capacity.
    """
    require_training_school(school)
    capacity, _created = Capacity.objects.get_or_create(
        partnership=actor.partnership, school=school, period=period
    )
    actor.require("capacity.manage", capacity)
    return capacity


@dataclasses.dataclass
class PlaceRow:
    group: str
    places: int
    duo_possible: bool = False
    is_tekortvak: bool = False


@transaction.atomic
def save_capacity(actor, capacity, *, places, mentors, notes=""):
    """Replaces what `capacity` offers: `places` (PlaceRow per group or subject) and `mentors`
    ((person, places) pairs).

    Guarantees: the school is an active opleidingsschool; groups and mentors are named once;
    each mentor holds the mentor or vakbegeleider role at the school in the period's
    schooljaar; no group, mentor or the school as a whole is set below the places already
    given to students (those are shown, not silently dropped). The capacity row is locked,
    so an assignment running at the same moment counts either the old or the new offer.
    """
    capacity = Capacity.objects.select_for_update(of=("self",)).get(pk=capacity.pk)
    actor.require("capacity.manage", capacity)
    school, period = capacity.school, capacity.period
    require_training_school(school)
    _check_places(places)
    _check_mentors(mentors, Schooljaar(period.schooljaar), school)
    used = usage(period, school)
    _refuse_fewer_places(used, places, school)
    _refuse_fewer_mentor_places(used, mentors)
    _replace_offer(capacity, places, mentors, notes)
    return capacity


def _check_places(places):
    seen = set()
    for row in places:
        key = group_key(row.group)
        if not key:
            raise DomainError(_("Geef bij elke plaats de groep of het vak op."))
        if key in seen:
            raise DomainError(_("‘%(group)s’ staat twee keer in de lijst.") % {"group": row.group})
        seen.add(key)


def _check_mentors(mentors, schooljaar, school):
    people = set()
    for person, _count in mentors:
        if person.pk in people:
            raise DomainError(_("%(person)s staat twee keer in de lijst.") % {"person": person})
        people.add(person.pk)
        _require_role(person, MENTOR_ROLES, schooljaar, school=school)


def _refuse_fewer_places(used, places, school):
    """Neither the school nor a group offers fewer places than it has given away."""
    if used.places > sum(row.places for row in places):
        raise DomainError(
            ngettext(
                "Er is al %(used)d plaats vergeven op %(school)s in deze periode; geef minstens "
                "zoveel plaatsen op.",
                "Er zijn al %(used)d plaatsen vergeven op %(school)s in deze periode; geef "
                "minstens zoveel plaatsen op.",
                used.places,
            )
            % {"used": used.places, "school": school.name}
        )
    by_group = {group_key(row.group): row.places for row in places}
    for group, count in used.by_group.items():
        if group and places and count > by_group.get(group, 0):
            raise DomainError(
                ngettext(
                    "In ‘%(group)s’ is al %(count)d plaats vergeven; die groep kan niet "
                    "kleiner worden of verdwijnen.",
                    "In ‘%(group)s’ zijn al %(count)d plaatsen vergeven; die groep kan niet "
                    "kleiner worden of verdwijnen.",
                    count,
                )
                % {"group": group, "count": count}
            )


def _refuse_fewer_mentor_places(used, mentors):
    """No mentor offers fewer places than the students they guide here already."""
    offered = {person.pk: count for person, count in mentors}
    for person_id, count in used.by_mentor.items():
        if count > offered.get(person_id, 0):
            raise DomainError(
                ngettext(
                    "%(person)s begeleidt hier in deze periode al %(count)d aankomende leraar; "
                    "geef minstens zoveel op, of wijs die stage eerst anders toe.",
                    "%(person)s begeleidt hier in deze periode al %(count)d aankomende leraren; "
                    "geef minstens zoveel op, of wijs die stages eerst anders toe.",
                    count,
                )
                % {"person": Person.objects.get(pk=person_id), "count": count}
            )


def _replace_offer(capacity, places, mentors, notes):
    capacity.notes = notes.strip()
    capacity.save(update_fields=["notes", "updated_at"])
    capacity.places.all().delete()
    capacity.mentors.all().delete()
    CapacityPlace.objects.bulk_create(
        CapacityPlace(
            partnership=capacity.partnership,
            capacity=capacity,
            group=row.group.strip(),
            places=row.places,
            duo_possible=row.duo_possible,
            is_tekortvak=row.is_tekortvak,
        )
        for row in places
    )
    CapacityMentor.objects.bulk_create(
        CapacityMentor(
            partnership=capacity.partnership, capacity=capacity, person=person, places=count
        )
        for person, count in mentors
    )


# --- Requests ---------------------------------------------------------------------------------

REQUEST_FIELDS = (
    "learning_wishes",
    "region",
    "school_type",
    "subject",
    "travel",
    "days",
)


@transaction.atomic
def create_request(actor, *, student, period, instituutsopleider=None, **fields):
    """A request for a place in `period`, by the student or on their behalf.

    Guarantees: the student holds the student role in the period's schooljaar; she has no
    other open or matched request for this period; the actor may manage it (a student only
    her own; a coordinator for periods in reach).
    """
    schooljaar = Schooljaar(period.schooljaar)
    _require_role(student, Role.STUDENT, schooljaar)
    if instituutsopleider is not None:
        _require_role(instituutsopleider, Role.INSTITUUTSOPLEIDER, schooljaar)
    _lock(student)
    _refuse_second_request(student, period)
    request = PlacementRequest.objects.create(
        partnership=actor.partnership,
        student=student,
        period=period,
        instituutsopleider=instituutsopleider,
        created_by=actor.person,
        **{name: (fields.get(name) or "").strip() for name in REQUEST_FIELDS},
    )
    actor.require("request.manage", request)
    return request


def _refuse_second_request(student, period, exclude=None):
    others = PlacementRequest.objects.filter(student=student, period=period).exclude(
        status=RequestStatus.WITHDRAWN
    )
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise DomainError(
            _("%(student)s heeft al een aanvraag voor %(period)s.")
            % {"student": student, "period": period.name}
        )


def _locked_request(actor, request):
    request = PlacementRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
    actor.require("request.manage", request)
    return request


@transaction.atomic
def update_request(actor, request, **fields):
    """Changes an open request's wishes. A matched or withdrawn request no longer changes."""
    request = _locked_request(actor, request)
    if request.status != RequestStatus.OPEN:
        raise DomainError(_("Alleen een open aanvraag kan nog worden gewijzigd."))
    for name in REQUEST_FIELDS:
        if name in fields:
            setattr(request, name, (fields[name] or "").strip())
    if "instituutsopleider" in fields:
        io = fields["instituutsopleider"]
        if io is not None:
            _require_role(io, Role.INSTITUUTSOPLEIDER, Schooljaar(request.period.schooljaar))
        request.instituutsopleider = io
    request.save()
    return request


@transaction.atomic
def withdraw_request(actor, request):
    """Withdraws an open request; a matched one is ended on its placement instead."""
    request = _locked_request(actor, request)
    if request.status != RequestStatus.OPEN:
        raise DomainError(
            _(
                "Deze aanvraag is al gekoppeld aan een stage of ingetrokken en kan niet worden "
                "ingetrokken."
            )
        )
    request.status = RequestStatus.WITHDRAWN
    request.save(update_fields=["status"])
    return request


# --- Import of requests -----------------------------------------------------------------------

IMPORT_COLUMNS = (
    "e-mail",
    "periode",
    "leerwensen",
    "regio",
    "schooltype",
    "groep of vak",
    "reizen",
    "dagen",
    "instituutsopleider",
)
REQUEST_UPLOAD = {
    "columns": IMPORT_COLUMNS,
    "required": ("e-mail", "periode"),
    "aliases": {"email": "e-mail", "vak": "groep of vak", "groep": "groep of vak"},
}


def preview_request_import(actor, upload):
    """Every row checked as if importing it (nothing is saved), with its Dutch errors."""
    errors = {number: e for number, _row, e, _f in checked_rows(actor, upload) if e}
    return ImportPreview(upload, errors)


@transaction.atomic
def import_requests(actor, upload):
    """Creates a request per row, all or none: any bad row, or any row outside the actor's
    reach, saves nothing. Returns the number created."""
    rows = list(checked_rows(actor, upload))
    bad = [number for number, _row, errors, _f in rows if errors]
    if bad:
        raise DomainError(
            ngettext(
                "Er is niets geïmporteerd: %(count)d rij bevat fouten.",
                "Er is niets geïmporteerd: %(count)d rijen bevatten fouten.",
                len(bad),
            )
            % {"count": len(bad)}
        )
    created = [
        PlacementRequest.objects.create(
            partnership=actor.partnership,
            student=student,
            period=period,
            instituutsopleider=io,
            created_by=actor.person,
            **fields,
        )
        for _number, _row, _errors, (student, period, io, fields) in rows
    ]
    in_reach = actor.filter(
        "request.manage", PlacementRequest.objects.filter(pk__in=[r.pk for r in created])
    )
    if in_reach.count() != len(created):
        raise OutOfReach()
    return len(created)


# --- Assigning ------------------------------------------------------------------------------


@transaction.atomic
def assign(actor, request, *, school, mentor, instituutsopleider, group="", duo_with=None):
    """Matches an open request to `school` with `mentor`: a new placement (status voorgesteld)
    in the request's period, linked to the request, which becomes matched.

    Refused with a Dutch message, nothing saved, when: the request is not open; the school is
    not an active opleidingsschool or offers nothing in this period; all its places (or the
    chosen group's) are taken; the mentor does not work there, is not offered for this period
    or is full; the student already has a placement on any of the period's days. With
    `duo_with` (a placement at the same school in the period) the student joins it as a
    duo-stage, in its group with its mentor, taking no extra place — only where the capacity
    says a duo is possible there, and only once.

    The request is locked first, then the capacity row, then the duo's first placement, then
    the student; every check runs after the locks, so two assignments to one school in one
    period never both take its last place.
    """
    request = _locked_request(actor, request)
    period = request.period
    actor.require("matching.view", period)
    if request.status != RequestStatus.OPEN:
        raise DomainError(
            _("De aanvraag van %(student)s is niet meer open (%(status)s).")
            % {"student": request.student, "status": request.get_status_display()}
        )
    require_training_school(school)
    capacity = _locked_capacity(school, period)
    student = request.student
    schooljaar = Schooljaar(period.schooljaar)
    _require_role(student, Role.STUDENT, schooljaar)
    _require_role(instituutsopleider, Role.INSTITUUTSOPLEIDER, schooljaar)
    lines = list(capacity.places.all())
    first = None
    if duo_with is not None:
        first = Placement.objects.select_for_update(of=("self",)).get(pk=duo_with.pk)
        mentor, group = _check_duo(first, school, period, lines)
    else:
        used = usage(period, school)
        group = _group_with_room(school, period, lines, used, group.strip())
        _check_mentor(capacity, school, period, mentor, used, schooljaar)
    _lock(student)
    _refuse_double_booking(student, period.starts_on, period.ends_on)
    placement = _open_placement(
        actor,
        student=student,
        school=school,
        mentor=mentor,
        instituutsopleider=instituutsopleider,
        period=period,
        starts_on=period.starts_on,
        ends_on=period.ends_on,
        group=group,
        status=ASSIGNED_STATUS,
        duo_with=first,
    )
    _record(
        actor,
        placement,
        PlacementEvent.Kind.CREATED,
        to_status=placement.status,
        details={"request": request.pk, **({"duo_with": first.pk} if first else {})},
    )
    request.status = RequestStatus.MATCHED
    request.placement = placement
    request.save(update_fields=["status", "placement"])
    return placement


def _locked_capacity(school, period):
    """The school's capacity row for the period, locked until the transaction ends."""
    capacity = (
        Capacity.objects.select_for_update(of=("self",))
        .filter(school=school, period=period)
        .first()
    )
    if capacity is None:
        raise DomainError(
            _("%(school)s biedt in %(period)s geen stageplaatsen aan.")
            % {"school": school.name, "period": period.name}
        )
    return capacity


def _group_with_room(school, period, lines, used, group):
    """The group the student is placed in: `group`, or without one the first group with a free
    place (so that she is counted there) — refused when the school or that group is full."""
    total = sum(line.places for line in lines)
    if used.places >= total:
        raise DomainError(
            ngettext(
                "%(school)s zit vol in %(period)s: de %(total)d plaats is al vergeven.",
                "%(school)s zit vol in %(period)s: alle %(total)d plaatsen zijn al vergeven.",
                total,
            )
            % {"school": school.name, "period": period.name, "total": total}
        )
    if not group:
        free = (ln for ln in lines if used.by_group.get(group_key(ln.group), 0) < ln.places)
        group = next((ln.group for ln in free), "")
    line = next((line for line in lines if group_key(line.group) == group_key(group)), None)
    if group and line is None:
        raise DomainError(
            _("%(school)s biedt ‘%(group)s’ niet aan in deze periode.")
            % {"school": school.name, "group": group}
        )
    if line is not None and used.by_group.get(group_key(line.group), 0) >= line.places:
        raise DomainError(
            _("In ‘%(group)s’ op %(school)s zijn alle plaatsen (%(places)d) al vergeven.")
            % {"group": line.group, "school": school.name, "places": line.places}
        )
    return group


def _check_mentor(capacity, school, period, mentor, used, schooljaar):
    """The mentor works at the school, is offered for the period and has room left."""
    _require_role(mentor, MENTOR_ROLES, schooljaar, school=school)
    offer = next((m for m in capacity.mentors.all() if m.person_id == mentor.pk), None)
    if offer is None:
        raise DomainError(
            _("%(mentor)s staat bij %(school)s niet als beschikbare mentor voor %(period)s.")
            % {"mentor": mentor, "school": school.name, "period": period.name}
        )
    if used.by_mentor.get(mentor.pk, 0) >= offer.places:
        raise DomainError(
            ngettext(
                "%(mentor)s heeft geen ruimte meer in deze periode: het afgesproken aantal "
                "van %(count)d aankomende leraar is bereikt.",
                "%(mentor)s heeft geen ruimte meer in deze periode: het afgesproken aantal "
                "van %(count)d aankomende leraren is bereikt.",
                offer.places,
            )
            % {"mentor": mentor, "count": offer.places}
        )


def _check_duo(first, school, period, lines):
    """The mentor and group of a duo with `first`, or a refusal saying why it cannot be."""
    if first.school_id != school.pk or first.period_id != period.pk:
        raise DomainError(_("Een duo-stage is op dezelfde school in dezelfde periode."))
    if first.status in FREEING_STATUSES:
        raise DomainError(_("Die stage loopt niet meer; kies een andere voor de duo-stage."))
    if first.duo_with_id is not None or Placement.objects.filter(duo_with=first).exists():
        raise DomainError(
            _("%(student)s loopt al een duo-stage; een duo is met z'n tweeën.")
            % {"student": first.student}
        )
    line = next((line for line in lines if group_key(line.group) == group_key(first.group)), None)
    if line is None or not line.duo_possible:
        raise DomainError(
            _("In ‘%(group)s’ op %(school)s is geen duo-stage mogelijk.")
            % {"group": first.group or "—", "school": school.name}
        )
    return first.mentor, first.group


@dataclasses.dataclass
class BulkResult:
    assigned: list
    refused: list  # (request, message)


def bulk_assign(actor, proposals, *, instituutsopleider):
    """Assigns each (request, school, mentor, group) proposal on its own (one transaction
    each): what is refused is reported with its reason, never skipped silently."""
    result = BulkResult([], [])
    for request, school, mentor, group in proposals:
        io = request.instituutsopleider or instituutsopleider
        try:
            if io is None:
                raise DomainError(_("Kies een instituutsopleider."))
            if school is None or mentor is None:
                raise DomainError(_("Er is geen school met een vrije plaats en een mentor."))
            placement = assign(
                actor, request, school=school, mentor=mentor, instituutsopleider=io, group=group
            )
        except DomainError as exc:
            result.refused.append((request, exc.message))
        else:
            result.assigned.append(placement)
    return result
