"""Capacity, placement requests and the matching board: the operations and the board's reads.

Part of the placements service layer (kept in a module of its own beside services.py, which it
builds on): every operation takes `actor` (samen.permissions.Access), runs in one transaction
and re-checks reach on what it saves, so a refused write leaves nothing behind.

Why the checks live here and lock rows: the board shows free places, but between showing and
assigning another coordinator may fill the last one. `assign()` therefore locks the school's
`Capacity` row for the period (SELECT … FOR UPDATE on PostgreSQL) before it counts the places
and the mentor's load, so two assignments to one school in one period run one after the other
and the second sees the first; the student's row is locked too (as in create_placement), so
she is never booked twice over the same days.
"""

import dataclasses
import heapq
import re
from collections import defaultdict
from operator import itemgetter
from types import SimpleNamespace

from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnerships.models import School
from placements.models import Placement, PlacementEvent, PlacementPeriod, PlacementStatus
from placements.services import (
    MENTOR_ROLES,
    _lock,
    _open_placement,
    _record,
    _refuse_double_booking,
    _require_role,
    holds_role,
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

#: The status a matched placement starts in: the board *proposes* the student to the school
#: (voorgesteld); the school and the student confirm it (bevestigd) on the placement's page.
#: It holds its place from the moment it is proposed, so the board never offers it twice.
ASSIGNED_STATUS = PlacementStatus.VOORGESTELD


def live_placements():
    """Placements that hold a place: not broken off, not moved to another school."""
    return Placement.objects.exclude(status__in=FREEING_STATUSES)


def _same(a, b):
    return (a or "").strip().lower() == (b or "").strip().lower()


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
    schooljaar = Schooljaar(period.schooljaar)

    seen = set()
    for row in places:
        key = row.group.strip().lower()
        if not key:
            raise DomainError(_("Geef bij elke plaats de groep of het vak op."))
        if key in seen:
            raise DomainError(_("‘%(group)s’ staat twee keer in de lijst.") % {"group": row.group})
        seen.add(key)
    people = set()
    for person, _count in mentors:
        if person.pk in people:
            raise DomainError(_("%(person)s staat twee keer in de lijst.") % {"person": person})
        people.add(person.pk)
        _require_role(person, MENTOR_ROLES, schooljaar, school=school)

    used = usage(period, school)
    total = sum(row.places for row in places)
    if used.places > total:
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
    by_group = {row.group.strip().lower(): row.places for row in places}
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
    offered = {person.pk: count for person, count in mentors}
    for person_id, count in used.by_mentor.items():
        if count > offered.get(person_id, 0):
            name = Person.objects.get(pk=person_id)
            raise DomainError(
                ngettext(
                    "%(person)s begeleidt hier in deze periode al %(count)d aankomende leraar; "
                    "geef minstens zoveel op, of wijs die stage eerst anders toe.",
                    "%(person)s begeleidt hier in deze periode al %(count)d aankomende leraren; "
                    "geef minstens zoveel op, of wijs die stages eerst anders toe.",
                    count,
                )
                % {"person": name, "count": count}
            )

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
    return capacity


@dataclasses.dataclass
class Usage:
    places: int  # places taken at the school (a duo takes one)
    students: int
    by_group: dict  # lower-case group -> places taken
    by_mentor: dict  # person id -> places taken


def usage(period, school):
    """What is given away of one school's capacity in one period (live placements)."""
    rows = (
        live_placements()
        .filter(period=period, school=school)
        .values("group", "mentor_id", "duo_with_id")
    )
    by_group, by_mentor = defaultdict(int), defaultdict(int)
    places = students = 0
    for row in rows:
        students += 1
        if row["duo_with_id"] is not None:
            continue  # the second student of a duo shares the first one's place
        places += 1
        by_group[(row["group"] or "").strip().lower()] += 1
        by_mentor[row["mentor_id"]] += 1
    return Usage(places, students, dict(by_group), dict(by_mentor))


def mentors_with_room(capacity):
    """The capacity's mentors who can take another place, with how many they have left."""
    used = usage(capacity.period, capacity.school).by_mentor
    rows = []
    for offer in capacity.mentors.select_related("person"):
        left = offer.places - used.get(offer.person_id, 0)
        if left > 0:
            rows.append((offer.person, left))
    return rows


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
_IMPORT_FIELDS = {
    "leerwensen": "learning_wishes",
    "regio": "region",
    "schooltype": "school_type",
    "groep of vak": "subject",
    "reizen": "travel",
    "dagen": "days",
}


def _import_rows(actor, upload):
    """(number, row, errors, fields) for every row: each checked as create_request would,
    with two queries for the whole file, not per row."""
    rows = list(upload.rows())
    emails = {(row.get("e-mail") or "").strip().lower() for _n, row in rows}
    people = defaultdict(list)
    for person in Person.objects.annotate(lower_email=Lower("email")).filter(
        lower_email__in=emails
    ):
        people[person.lower_email].append(person)
    periods = defaultdict(list)
    for period in actor.filter("matching.view", PlacementPeriod.objects.all()):
        periods[period.name.strip().lower()].append(period)
    existing = set(
        PlacementRequest.objects.exclude(status=RequestStatus.WITHDRAWN).values_list(
            "student_id", "period_id"
        )
    )
    seen = {}
    for number, row in rows:
        errors = list(upload.row_errors.get(number, []))
        email = (row.get("e-mail") or "").strip().lower()
        found = people.get(email, [])
        student = found[0] if len(found) == 1 else None
        if not email:
            errors.append(_("Vul het e-mailadres van de aankomende leraar in."))
        elif not found:
            errors.append(
                _("Niemand in dit partnerschap heeft het e-mailadres %(email)s.") % {"email": email}
            )
        elif len(found) > 1:
            errors.append(
                _("Meer dan één persoon heeft het e-mailadres %(email)s.") % {"email": email}
            )
        name = (row.get("periode") or "").strip()
        matches = periods.get(name.lower(), [])
        period = matches[0] if len(matches) == 1 else None
        if not matches:
            errors.append(
                _("‘%(period)s’ is geen stageperiode waarvoor u aanvragen mag invoeren.")
                % {"period": name}
            )
        elif len(matches) > 1:
            errors.append(
                _("Er zijn meerdere stageperiodes met de naam ‘%(period)s’.") % {"period": name}
            )
        io = None
        io_email = (row.get("instituutsopleider") or "").strip().lower()
        if io_email:
            io_found = Person.objects.filter(email__iexact=io_email)[:2]
            io = io_found[0] if len(io_found) == 1 else None
            if io is None:
                errors.append(
                    _("Geen (unieke) instituutsopleider met het e-mailadres %(email)s.")
                    % {"email": io_email}
                )
        if student is not None and period is not None:
            schooljaar = Schooljaar(period.schooljaar)
            if not holds_role(student, Role.STUDENT, schooljaar):
                errors.append(
                    _("%(person)s is in %(sj)s geen aankomende leraar.")
                    % {"person": student, "sj": schooljaar}
                )
            if io is not None and not holds_role(io, Role.INSTITUUTSOPLEIDER, schooljaar):
                errors.append(
                    _("%(person)s is in %(sj)s geen instituutsopleider.")
                    % {"person": io, "sj": schooljaar}
                )
            key = (student.pk, period.pk)
            if key in existing:
                errors.append(
                    _("%(student)s heeft al een aanvraag voor %(period)s.")
                    % {"student": student, "period": period.name}
                )
            elif key in seen:
                errors.append(
                    _("Dezelfde aankomende leraar en periode staan al in rij %(row)s.")
                    % {"row": seen[key]}
                )
            else:
                seen[key] = number
        for column, field in (
            ("leerwensen", 2000),
            ("regio", 100),
            ("schooltype", 100),
            ("groep of vak", 100),
            ("reizen", 200),
            ("dagen", 100),
        ):
            if len(row.get(column) or "") > field:
                errors.append(
                    _("‘%(column)s’ is te lang (hoogstens %(max)s tekens).")
                    % {"column": column, "max": field}
                )
        fields = {attr: (row.get(col) or "").strip() for col, attr in _IMPORT_FIELDS.items()}
        yield number, row, errors, (student, period, io, fields)
    for number, errors in upload.row_errors.items():
        if number not in {n for n, _r in rows}:
            yield number, {}, errors, None


def preview_request_import(actor, upload):
    """Every row checked as if importing it (nothing is saved), with its Dutch errors."""
    errors = {number: e for number, _row, e, _f in _import_rows(actor, upload) if e}
    return ImportPreview(upload, errors)


@transaction.atomic
def import_requests(actor, upload):
    """Creates a request per row, all or none: any bad row, or any row outside the actor's
    reach, saves nothing. Returns the number created."""
    rows = list(_import_rows(actor, upload))
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
    created = []
    for _number, _row, _errors, (student, period, io, fields) in rows:
        created.append(
            PlacementRequest.objects.create(
                partnership=actor.partnership,
                student=student,
                period=period,
                instituutsopleider=io,
                created_by=actor.person,
                **fields,
            )
        )
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

    The capacity row is locked first (then the duo's first placement, then the student), so
    two assignments to one school in one period never both take its last place.
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
    student = request.student
    schooljaar = Schooljaar(period.schooljaar)
    _require_role(student, Role.STUDENT, schooljaar)
    _require_role(instituutsopleider, Role.INSTITUUTSOPLEIDER, schooljaar)
    lines = list(capacity.places.all())
    used = usage(period, school)

    if duo_with is not None:
        first = Placement.objects.select_for_update(of=("self",)).get(pk=duo_with.pk)
        mentor, group = _check_duo(first, school, period, lines)
    else:
        group = group.strip()
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
            # No group chosen: the first group with a free place (so it is counted there).
            free = (
                ln for ln in lines if used.by_group.get(ln.group.strip().lower(), 0) < ln.places
            )
            group = next((ln.group for ln in free), "")
        line = next((line for line in lines if _same(line.group, group)), None)
        if group and line is None:
            raise DomainError(
                _("%(school)s biedt ‘%(group)s’ niet aan in deze periode.")
                % {"school": school.name, "group": group}
            )
        if line is not None and used.by_group.get(line.group.strip().lower(), 0) >= line.places:
            raise DomainError(
                _("In ‘%(group)s’ op %(school)s zijn alle plaatsen (%(places)d) al vergeven.")
                % {"group": line.group, "school": school.name, "places": line.places}
            )
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
        first = None

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
    line = next((line for line in lines if _same(line.group, first.group)), None)
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


# --- The board: demand against capacity, and suggestions ---------------------------------------


def _sum_places():
    return Coalesce(
        Subquery(
            CapacityPlace.objects.filter(capacity=OuterRef("pk"))
            .order_by()
            .values("capacity")
            .annotate(n=Sum("places"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _used_places():
    return Coalesce(
        Subquery(
            live_placements()
            .filter(school=OuterRef("school"), period=OuterRef("period"), duo_with__isnull=True)
            .order_by()
            .values("school")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def capacities_with_counts(queryset):
    """Capacity rows with `total` (places offered) and `used` (places given), in SQL."""
    return queryset.annotate(total=_sum_places(), used=_used_places())


@dataclasses.dataclass
class Suggestion:
    school: School
    score: int
    free: int
    reasons: list
    line: object = None  # the place row (group, places, …) that fits the wanted group
    mentors: list = dataclasses.field(default_factory=list)  # (person id, places left)


@dataclasses.dataclass
class Board:
    """Everything the board of one period shows, read in a fixed number of queries."""

    capacities: list  # Capacity rows with total, used, free, lines, mentors
    by_subject: list  # (group, offered, taken, open requests)
    totals: dict

    def suggest(self, requests, history, limit=3):
        """For each request, the schools with a free place ranked by fit, with the reasons."""
        for request in requests:
            request.suggestions = self._rank(request, history.get(request.student_id, set()), limit)

    def _rank(self, request, earlier, limit=3):
        """Scores every school with room (cheap comparisons only), then words the reasons of
        the best `limit`: the board ranks 250 schools for each of its 20 requests."""
        wanted_group = (request.subject or "").strip().lower()
        region = (request.region or "").strip().lower()
        concept = (request.school_type or "").strip().lower()
        wishes = _words(request.learning_wishes)
        scored = []
        for capacity in self.capacities:
            if capacity.free <= 0 or not capacity.room_mentors:
                continue  # no place, or no mentor with room: nothing to assign to
            school = capacity.school
            score = capacity.base_score
            line = None
            if wanted_group:
                for candidate in capacity.free_lines:
                    group = candidate.group_key
                    if wanted_group in group or group in wanted_group:
                        line = candidate
                        score += 5
                        break
            in_region = bool(region) and (
                region in capacity.place_key or region in capacity.board_region
            )
            fits_concept = bool(concept) and concept in capacity.profile_text
            common = wishes & capacity.profile_words if wishes else ()
            been_here = capacity.school_id in earlier
            score += 3 * in_region + 3 * fits_concept + (len(common) if len(common) < 3 else 3)
            score += been_here
            scored.append(
                (
                    -score,
                    -capacity.free,
                    school.name,
                    capacity,
                    line,
                    in_region,
                    fits_concept,
                    common,
                    been_here,
                )
            )
        suggestions = []
        best = heapq.nsmallest(limit, scored, key=_rank_key)
        for score, _free, _name, capacity, line, in_region, fits, common, been in best:
            school = capacity.school
            reasons = [
                ngettext("%(free)d vrije plaats", "%(free)d vrije plaatsen", capacity.free)
                % {"free": capacity.free}
            ]
            if line is not None:
                reasons.append(
                    _("biedt ‘%(group)s’ aan%(tekort)s")
                    % {
                        "group": line.group,
                        "tekort": _(" (tekortvak)") if line.is_tekortvak else "",
                    }
                )
            if in_region:
                reasons.append(_("in de voorkeursregio (%(place)s)") % {"place": school.place})
            if fits:
                reasons.append(_("past bij ‘%(concept)s’") % {"concept": request.school_type})
            if common:
                reasons.append(
                    _("schoolprofiel: %(words)s") % {"words": ", ".join(sorted(common)[:3])}
                )
            if been:
                reasons.append(_("liep hier eerder stage"))
            suggestions.append(
                Suggestion(
                    school,
                    -score,
                    capacity.free,
                    reasons,
                    line or capacity.first_free_line,
                    capacity.room_mentors,
                )
            )
        return suggestions


#: Rank by score, then free places, then the school's name (the first three of a scored row).
_rank_key = itemgetter(0, 1, 2)

_WORD = re.compile(r"[a-zà-ÿ]{5,}")
#: Words too common in wishes and profiles to say anything about fit.
_STOP = {"leren", "graag", "willen", "wil", "school", "leerlingen", "groep", "onderwijs", "stage"}


def _words(text):
    return {w for w in _WORD.findall((text or "").lower()) if w not in _STOP}


def board(actor, period):
    """The period's capacities in the actor's reach with their counts, lines, mentors and
    free room, and demand against supply per group or subject: six queries, whatever the
    number of schools, requests or placements."""
    # Counted in Python from two grouped queries over the period's placements, not per
    # capacity row in SQL: a correlated count per school is read 250 times.
    capacities = list(
        actor.filter("capacity.view", Capacity.objects.filter(period=period))
        .select_related("school__profile", "school__board__organisation")
        # Only what the board reads: a profile's long texts stay in the database.
        .only(
            "school_id",
            "period_id",
            "school__name",
            "school__place",
            "school__training_status",
            "school__board_id",
            "school__board__organisation__region",
            "school__profile__onderwijsconcept",
            "school__profile__speerpunten",
            "school__profile__expertise",
        )
        .order_by("school__name")
    )
    ids = [c.pk for c in capacities]
    lines = defaultdict(list)
    # Plain rows, not model instances: a board reads some 2,000 of them.
    for row in CapacityPlace.objects.filter(capacity_id__in=ids).values(
        "capacity_id", "group", "places", "duo_possible", "is_tekortvak"
    ):
        lines[row["capacity_id"]].append(SimpleNamespace(**row))
    offers = defaultdict(list)
    for row in CapacityMentor.objects.filter(capacity_id__in=ids).values_list(
        "capacity_id", "person_id", "places"
    ):
        offers[row[0]].append(row[1:])
    taken = live_placements().filter(period=period, duo_with__isnull=True).order_by()
    by_group, by_school, by_mentor = defaultdict(int), defaultdict(int), defaultdict(int)
    for row in taken.values("school_id", "group", "mentor_id").annotate(n=Count("pk")):
        by_group[(row["school_id"], (row["group"] or "").strip().lower())] += row["n"]
        by_school[row["school_id"]] += row["n"]
        by_mentor[(row["school_id"], row["mentor_id"])] += row["n"]

    subjects = defaultdict(lambda: [0, 0, 0])  # group -> offered, taken, open requests
    for capacity in capacities:
        school, sid = capacity.school, capacity.school_id
        capacity.lines = lines[capacity.pk]
        capacity.total = sum(line.places for line in capacity.lines)
        capacity.used = by_school[sid]
        capacity.free = max(capacity.total - capacity.used, 0)
        capacity.base_score = min(capacity.free, 3)
        capacity.free_lines = []
        for line in capacity.lines:
            key = line.group_key = line.group.strip().lower()
            line.taken = by_group[(sid, key)]
            line.free = max(line.places - line.taken, 0)
            if line.free:
                capacity.free_lines.append(line)
            offered_taken = subjects[key]
            offered_taken[0] += line.places
            offered_taken[1] += line.taken
        capacity.first_free_line = capacity.free_lines[0] if capacity.free_lines else None
        # (person id, places left) of the mentors who can take another student here.
        capacity.room_mentors = [
            (person_id, places - by_mentor[(sid, person_id)])
            for person_id, places in offers[capacity.pk]
            if places > by_mentor[(sid, person_id)]
        ]
        capacity.mentor_count = len(offers[capacity.pk])
        capacity.has_duo = any(line.duo_possible for line in capacity.lines)
        capacity.tekortvakken = [line.group for line in capacity.lines if line.is_tekortvak]
        profile = getattr(school, "profile", None)
        text = " ".join(
            [school.name]
            + (
                [profile.onderwijsconcept, profile.speerpunten, profile.expertise]
                if profile is not None
                else []
            )
        ).lower()
        capacity.profile_text = text
        capacity.profile_words = _words(text) - _words(school.name)
        capacity.board_region = (school.board.organisation.region or "").lower()
        capacity.place_key = school.place.lower()
    requests = actor.filter("request.view", PlacementRequest.objects.filter(period=period))
    for row in (
        requests.filter(status=RequestStatus.OPEN)
        .order_by()
        .values(key=Lower("subject"))
        .annotate(n=Count("pk"))
    ):
        subjects[(row["key"] or "").strip()][2] += row["n"]
    counts = dict(
        requests.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    totals = {
        "places": sum(c.total for c in capacities),
        "used": sum(min(c.used, c.total) for c in capacities),
        "free": sum(c.free for c in capacities),
        "schools": len(capacities),
        "open": counts.get(RequestStatus.OPEN, 0),
        "matched": counts.get(RequestStatus.MATCHED, 0),
    }
    by_subject = sorted(
        ((group or "—", *numbers) for group, numbers in subjects.items()),
        key=lambda row: (-(row[3] - (row[1] - row[2])), row[0]),
    )
    return Board(capacities, by_subject, totals)


def earlier_schools(students):
    """student id -> the schools where she had a placement before (one query)."""
    history = defaultdict(set)
    for student_id, school_id in (
        Placement.objects.filter(student__in=students)
        .order_by()
        .values_list("student_id", "school_id")
    ):
        history[student_id].add(school_id)
    return history


def duo_choices(period, school):
    """Placements at `school` in `period` a second student could join as a duo-stage: live,
    without a duo partner yet, in a group where the capacity says a duo is possible."""
    duo_groups = [
        g.lower()
        for g in CapacityPlace.objects.filter(
            capacity__school=school, capacity__period=period, duo_possible=True
        ).values_list("group", flat=True)
    ]
    if not duo_groups:
        return Placement.objects.none()
    query = Q()
    for g in duo_groups:
        query |= Q(group__iexact=g)
    return (
        live_placements()
        .filter(
            query, school=school, period=period, duo_with__isnull=True, duo_partner__isnull=True
        )
        .select_related("student", "mentor")
        .order_by("group", "student__last_name")
    )
