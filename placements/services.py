"""Operations on placements. Each is one transaction and the only place that changes this state.

Every operation takes `actor` (the acting person's samen.permissions.Access) and re-checks
what it saved against that person's reach inside its transaction, so a refused write leaves
nothing behind, whatever the form offered.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from roles.models import Person, Role, RoleAssignment
from samen.errors import DomainError
from samen.schooljaar import Schooljaar

from . import lifecycle
from .models import (
    PLACEMENT_TRANSITIONS,
    SERVICE_ONLY_TRANSITIONS,
    Leergroep,
    Placement,
    PlacementEvent,
    PlacementStatus,
)

#: Who may be a placement's mentor: in VO the vakbegeleider takes the mentor's place.
MENTOR_ROLES = (Role.MENTOR, Role.VAKBEGELEIDER)


def _roles(role):
    return (role,) if isinstance(role, str) else tuple(role)


def holds_role(person, role, schooljaar, school=None):
    """Does `person` hold `role` (or one of several roles) in `schooljaar` — and, with
    `school`, at that school?

    At a school means an assignment for that school, for its board, or for a grouping it is
    in; a role for the whole partnership does not say where someone works.
    """
    assignments = RoleAssignment.objects.filter(person=person, role__in=_roles(role)).active_in(
        schooljaar
    )
    if school is not None:
        assignments = assignments.filter(
            Q(school=school) | Q(partner_id=school.board_id) | Q(grouping__schools=school)
        )
    return assignments.exists()


def _require_role(person, role, schooljaar, school=None):
    if message := role_refusal(person, role, schooljaar, school):
        raise DomainError(message)


def role_refusal(person, role, schooljaar, school=None):
    """Why `person` cannot be chosen for `role` (in schooljaar, at school), in Dutch; "" if
    they can. The service refuses with it, and the pickers say it of who they leave out."""
    if holds_role(person, role, schooljaar, school):
        return ""
    roles = _roles(role)
    label = str(Role(roles[0]).label)
    for other in roles[1:]:
        label = _("%(role)s of %(other)s") % {"role": label, "other": Role(other).label}
    if school is not None:
        return _("%(person)s is in %(sj)s geen %(role)s op %(school)s.") % {
            "person": person,
            "sj": schooljaar,
            "role": label,
            "school": school.name,
        }
    return _("%(person)s heeft geen rol als %(role)s in schooljaar %(sj)s.") % {
        "person": person,
        "role": label,
        "sj": schooljaar,
    }


def overlapping_placement(student, starts_on, ends_on, *, exclude=None):
    """The student's placement that runs during any day of [starts_on, ends_on], if there is
    one; placements that were broken off free their days."""
    placements = Placement.objects.filter(
        student=student, starts_on__lte=ends_on, ends_on__gte=starts_on
    ).exclude(status=PlacementStatus.AFGEBROKEN)
    if exclude is not None:
        placements = placements.exclude(pk=exclude.pk)
    return placements.select_related("school").order_by("starts_on").first()


def _refuse_double_booking(student, starts_on, ends_on, *, exclude=None):
    if clash := overlapping_placement(student, starts_on, ends_on, exclude=exclude):
        raise DomainError(
            _(
                "%(student)s loopt in deze periode al stage op %(school)s "
                "(%(start)s – %(end)s). Eén aankomende leraar loopt niet twee stages tegelijk."
            )
            % {
                "student": student,
                "school": clash.school.name,
                "start": _day(clash.starts_on),
                "end": _day(clash.ends_on),
            }
        )


@transaction.atomic
def create_placement(
    actor,
    *,
    student,
    school,
    mentor,
    instituutsopleider,
    starts_on,
    ends_on,
    group="",
    coach=None,
):
    """Creates a placement in status concept (its forms open when it is confirmed).

    Guarantees: the student and the instituutsopleider hold their role in the schooljaar the
    placement starts in, the mentor holds the mentor or vakbegeleider role at that school
    then, and a coach (VO, optional) the coach role there; the student has no other
    placement (not broken off) on any of its days, even when two coordinators book her at the
    same moment (her row is locked while checking); the placement is at a school where
    `actor` may arrange placements; all rows belong to the actor's partnership
    (TenantModel.save refuses cross-tenant links).
    """
    if ends_on < starts_on:
        raise DomainError(_("De einddatum ligt vóór de begindatum."))
    schooljaar = Schooljaar.of(starts_on)
    _require_role(student, Role.STUDENT, schooljaar)
    _require_guides(mentor, coach, schooljaar, school)
    _require_role(instituutsopleider, Role.INSTITUUTSOPLEIDER, schooljaar)
    # Lock the student's row so two coordinators booking her at once cannot both succeed.
    _lock(student)
    _refuse_double_booking(student, starts_on, ends_on)
    placement = _open_placement(
        actor,
        student=student,
        school=school,
        mentor=mentor,
        coach=coach,
        instituutsopleider=instituutsopleider,
        starts_on=starts_on,
        ends_on=ends_on,
        group=group,
    )
    _record(actor, placement, PlacementEvent.Kind.CREATED, to_status=placement.status)
    return placement


def _require_guides(mentor, coach, schooljaar, school):
    """The mentor (or vakbegeleider) and the coach, if any, work at `school` in `schooljaar`."""
    _require_role(mentor, MENTOR_ROLES, schooljaar, school=school)
    if coach is None:
        return
    if coach.pk == mentor.pk:
        raise DomainError(
            _("De coach en de vakbegeleider zijn twee verschillende mensen; kies een andere coach.")
        )
    _require_role(coach, Role.COACH, schooljaar, school=school)


def _lock(student):
    Person.objects.select_for_update().filter(pk=student.pk).first()


def _open_placement(actor, **fields):
    """Saves a new placement; `actor` must reach it. One that starts confirmed or running
    (an overstap's continuation) has its forms opened."""
    placement = Placement.objects.create(partnership=actor.partnership, **fields)
    actor.require("placement.manage", placement)
    lifecycle.started(actor, placement)
    return placement


#: Statuses a placement never leaves: moving there asks for a confirmation first.
FINAL_STATUSES = frozenset(s for s, onward in PLACEMENT_TRANSITIONS.items() if not onward)


def _record(actor, placement, kind, *, to_status, from_status="", reason="", details=None):
    """Appends one event to the placement's log: what happened, by whom, why, when."""
    return PlacementEvent.objects.create(
        partnership=placement.partnership,
        placement=placement,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        reason=reason.strip(),
        details=details or {},
        by=actor.person,
        by_user=actor.user,
    )


def _locked(actor, placement, action="placement.manage"):
    """The placement's row, locked for this transaction, if `actor` may `action` it."""
    placement = Placement.objects.select_for_update(of=("self",)).get(pk=placement.pk)
    actor.require(action, placement)
    return placement


def _day(day):
    return date_format(day, "j F Y")


@transaction.atomic
def transition(actor, placement, to_status, reason="", *, override=False):
    """Moves a placement to `to_status`, or raises DomainError if the lifecycle forbids it.

    Guarantees: every move is in the placement's event log (from, to, by whom, why, when), in
    the same transaction; breaking a placement off needs a reason; a placement becomes
    afgerond only with its eindbeoordeling fully signed, or with `override` — a coordinator's
    recorded decision, with a reason, kept in the event's details. Becoming bevestigd or
    lopend opens its forms (placements.lifecycle.started).
    """
    placement = _locked(actor, placement)
    current = PlacementStatus(placement.status)
    target = PlacementStatus(to_status)
    if target in SERVICE_ONLY_TRANSITIONS and target in PLACEMENT_TRANSITIONS[current]:
        raise DomainError(
            _("Een overstap naar een andere school legt u vast met ‘Overstap’, niet als status.")
        )
    if target not in PLACEMENT_TRANSITIONS[current]:
        raise DomainError(
            _("Een stage met status ‘%(from)s’ kan niet naar ‘%(to)s’.")
            % {"from": current.label, "to": target.label}
        )
    if target == PlacementStatus.AFGEBROKEN and not reason.strip():
        raise DomainError(_("Geef een reden op waarom de stage wordt afgebroken."))
    details = {}
    if target == PlacementStatus.AFGEROND and not lifecycle.is_complete(placement):
        if not override:
            raise DomainError(
                _(
                    "Een stage is pas afgerond als de eindbeoordeling door iedereen is "
                    "ondertekend. Een coördinator kan afronden zonder eindbeoordeling, "
                    "met een reden."
                )
            )
        if not reason.strip():
            raise DomainError(_("Geef een reden op om af te ronden zonder eindbeoordeling."))
        details["override"] = True
    placement.status = target
    placement.save(update_fields=["status"])
    _record(
        actor,
        placement,
        PlacementEvent.Kind.STATUS,
        from_status=current,
        to_status=target,
        reason=reason,
        details=details,
    )
    lifecycle.started(actor, placement)
    return placement


# --- Overstap, verlenging, coach ---------------------------------------------------------------


def _require_reason(reason, message):
    if not (reason or "").strip():
        raise DomainError(message)


def _require_active(placement, message):
    """Only a confirmed or running placement is extended or moved; `message` says why not."""
    if not placement.is_active:
        raise DomainError(message % {"status": placement.get_status_display()})


@transaction.atomic
def overstap(
    actor,
    placement,
    *,
    school,
    mentor,
    move_on,
    reason,
    ends_on=None,
    coach=None,
    group="",
):
    """Moves the student of a confirmed or running placement to another school on `move_on`.

    The placement ends the day before, with status overgestapt; a new placement at `school`
    with its own mentor (and coach) continues it from `move_on` until `ends_on` (default: the
    old end date), with the same student, instituutsopleider and period, and `previous`
    pointing back. Both logs record who moved her, why, when, and from which school to which.

    Guarantees: a reason is given; `move_on` lies inside the placement (after its first day,
    at the latest on its last); the new school is another one, in the actor's reach; the new
    mentor holds the mentor or vakbegeleider role there (and a coach the coach role) in the
    schooljaar of the move; the student has no other placement on the new days (the old one
    aside, which ends the day before). Nothing is saved unless all of these hold. The old
    placement keeps its people, so its mentor still reads it and its forms; the new mentor
    reaches only the new one.
    """
    placement = _locked(actor, placement)
    student = placement.student
    _lock(student)
    ends_on = check_overstap(
        placement,
        school=school,
        mentor=mentor,
        coach=coach,
        move_on=move_on,
        ends_on=ends_on,
        reason=reason,
    )

    old_status, old_ends_on = PlacementStatus(placement.status), placement.ends_on
    placement.ends_on = move_on - dt.timedelta(days=1)
    placement.status = PlacementStatus.OVERGESTAPT
    placement.save(update_fields=["ends_on", "status"])

    started = old_status == PlacementStatus.LOPEND and move_on <= timezone.localdate()
    continuation = _open_placement(
        actor,
        student=student,
        school=school,
        mentor=mentor,
        coach=coach,
        instituutsopleider=placement.instituutsopleider,
        period=placement.period,
        starts_on=move_on,
        ends_on=ends_on,
        group=group,
        status=PlacementStatus.LOPEND if started else PlacementStatus.BEVESTIGD,
        previous=placement,
    )
    # The old placement's forms that can no longer be completed are closed (placementforms).
    closed = lifecycle.moved(actor, placement, continuation)
    _record_overstap(actor, placement, continuation, old_status, old_ends_on, reason, closed)
    return continuation


def check_overstap(placement, *, school, mentor, move_on, reason, ends_on=None, coach=None):
    """Raises DomainError, in the words shown to the coordinator, if the overstap would be
    refused; returns its end date. The service runs it on the locked rows, and the overstap's
    form before its confirmation, so a refusal comes before anyone confirms."""
    ends_on = _check_move(placement, school, move_on, ends_on or placement.ends_on, reason)
    _require_guides(mentor, coach, Schooljaar.of(move_on), school)
    _refuse_double_booking(placement.student, move_on, ends_on, exclude=placement)
    return ends_on


def _check_move(placement, school, move_on, ends_on, reason):
    """What an overstap asks of the (locked) placement and the dates: it runs, a reason is
    given, the day lies inside it, the end after that day, the school is another one. Returns
    the end date."""
    _require_active(
        placement,
        _("Alleen een bevestigde of lopende stage kan overstappen; deze is ‘%(status)s’."),
    )
    _require_reason(reason, _("Geef een reden op voor de overstap."))
    if not placement.starts_on < move_on <= placement.ends_on:
        raise DomainError(
            _("De overstapdatum moet binnen de stage liggen: na %(start)s en uiterlijk %(end)s.")
            % {"start": _day(placement.starts_on), "end": _day(placement.ends_on)}
        )
    if ends_on < move_on:
        raise DomainError(_("De einddatum ligt vóór de overstapdatum."))
    if school.pk == placement.school_id:
        raise DomainError(_("Kies een andere school dan %(school)s.") % {"school": school.name})
    return ends_on


def _record_overstap(actor, placement, continuation, old_status, old_ends_on, reason, closed):
    """Both logs tell the move: from which school to which, on what day, why and by whom; the
    old placement's says where it continues and which of its forms the move closed, the new
    one's where it came from."""
    move = {
        "from_school": placement.school_id,
        "to_school": continuation.school_id,
        "move_on": continuation.starts_on.isoformat(),
    }
    _record(
        actor,
        placement,
        PlacementEvent.Kind.OVERSTAP,
        from_status=old_status,
        to_status=PlacementStatus.OVERGESTAPT,
        reason=reason,
        details={
            **move,
            "old_ends_on": old_ends_on.isoformat(),
            "next": continuation.pk,
            "closed_forms": closed,
        },
    )
    _record(
        actor,
        continuation,
        PlacementEvent.Kind.OVERSTAP,
        to_status=continuation.status,
        reason=reason,
        details={
            **move,
            "ends_on": continuation.ends_on.isoformat(),
            "previous": placement.pk,
            "mentor": continuation.mentor_id,
            "coach": continuation.coach_id,
        },
    )


@transaction.atomic
def extend(actor, placement, *, ends_on, reason, move_overdue=False):
    """Extends a confirmed or running placement to `ends_on` (verlenging).

    Guarantees: a reason is given; the new end date lies after the current one; the longer
    placement does not reach into the student's next placement (or any other). The forms not
    yet submitted get due dates from the new dates — except those already late, which keep
    their date and stay late unless `move_overdue` (the coordinator's explicit choice on the
    confirmation, which lists every date that moves). The log records the old and the new
    end date and each form's due date, with who, why and when.
    """
    placement = _locked(actor, placement)
    _lock(placement.student)
    check_extend(placement, ends_on=ends_on, reason=reason)
    old_ends_on = placement.ends_on
    placement.ends_on = ends_on
    placement.save(update_fields=["ends_on"])
    changes = lifecycle.dates_changed(placement, move_overdue=move_overdue)
    _record(
        actor,
        placement,
        PlacementEvent.Kind.VERLENGING,
        from_status=placement.status,
        to_status=placement.status,
        reason=reason,
        details={
            "old_ends_on": old_ends_on.isoformat(),
            "new_ends_on": ends_on.isoformat(),
            "due": [change.as_details() for change in changes],
        },
    )
    return placement


def check_extend(placement, *, ends_on, reason):
    """Raises DomainError if a verlenging to `ends_on` would be refused (the service on the
    locked rows, the form before its confirmation)."""
    _require_active(
        placement,
        _("Alleen een bevestigde of lopende stage kan worden verlengd; deze is ‘%(status)s’."),
    )
    _require_reason(reason, _("Geef een reden op voor de verlenging."))
    if ends_on <= placement.ends_on:
        raise DomainError(
            _("De nieuwe einddatum moet na de huidige einddatum (%(end)s) liggen.")
            % {"end": _day(placement.ends_on)}
        )
    clash = overlapping_placement(
        placement.student, placement.ends_on + dt.timedelta(days=1), ends_on, exclude=placement
    )
    if clash is not None:
        raise DomainError(
            _(
                "Zo lang kan de stage niet duren: %(student)s begint op %(start)s aan de "
                "volgende stage, op %(school)s. Kies een einddatum vóór die dag."
            )
            % {"student": placement.student, "start": _day(clash.starts_on), "school": clash.school}
        )


@transaction.atomic
def set_coach(actor, placement, coach, reason=""):
    """Gives a placement a coach (VO), replaces it, or (None) removes it; logged.

    Guarantees: a new coach holds the coach role at the placement's school in the schooljaar
    it starts in, and is not its vakbegeleider; a placement that has ended keeps its people.
    """
    placement = _locked(actor, placement)
    if placement.status in FINAL_STATUSES:
        raise DomainError(_("Een afgesloten stage houdt haar begeleiders."))
    if (coach.pk if coach else None) == placement.coach_id:
        raise DomainError(_("Dit is al de coach van deze stage."))
    if coach is not None:
        _require_guides(
            placement.mentor, coach, Schooljaar.of(placement.starts_on), placement.school
        )
    old = placement.coach_id
    placement.coach = coach
    placement.save(update_fields=["coach"])
    _record(
        actor,
        placement,
        PlacementEvent.Kind.COACH,
        from_status=placement.status,
        to_status=placement.status,
        reason=reason,
        details={"old": old, "new": coach.pk if coach else None},
    )
    return placement


# --- Leergroepen -----------------------------------------------------------------------------


def suggested_members(school, starts_on, ends_on):
    """The placements at `school` that run on any day of [starts_on, ends_on] (not broken off
    or moved away before): the students a leergroep of that school and time would hold."""
    return (
        Placement.objects.filter(school=school, starts_on__lte=ends_on, ends_on__gte=starts_on)
        .exclude(status=PlacementStatus.AFGEBROKEN)
        .select_related("student", "mentor")
        .order_by("student__last_name", "student__first_name", "starts_on")
    )


def member_choices(leergroep):
    """Who may be a member: the suggested placements, and any member already chosen."""
    suggested = suggested_members(leergroep.school, leergroep.starts_on, leergroep.ends_on)
    if leergroep.pk is None:
        return suggested
    return (
        Placement.objects.filter(
            Q(pk__in=suggested.values("pk")) | Q(pk__in=leergroep.members.values("pk"))
        )
        .select_related("student", "mentor")
        .order_by("student__last_name", "student__first_name", "starts_on")
    )


def _check_leergroep(leergroep, leader):
    if leergroep.period_id and leergroep.period.schooljaar != leergroep.schooljaar:
        raise DomainError(_("De stageperiode hoort bij een ander schooljaar."))
    _require_role(leader, Role.SCHOOLOPLEIDER, Schooljaar(leergroep.schooljaar), leergroep.school)


@transaction.atomic
def create_leergroep(actor, *, school, name, leader, schooljaar=None, period=None):
    """Creates the leergroep of `school` in `period` (or in `schooljaar`), with the students
    placed there then as its members (suggested; the schoolopleider edits them).

    Guarantees: the leader holds the schoolopleider role at that school in that schooljaar;
    the actor may manage leergroepen at that school.
    """
    if period is not None:
        schooljaar = period.schooljaar
    if schooljaar is None:
        raise DomainError(_("Kies een stageperiode of een schooljaar."))
    leergroep = Leergroep(
        partnership=actor.partnership,
        school=school,
        schooljaar=schooljaar,
        period=period,
        name=name.strip(),
        leader=leader,
    )
    _check_leergroep(leergroep, leader)
    leergroep.save()
    actor.require("leergroep.manage", leergroep)
    leergroep.members.set(suggested_members(school, leergroep.starts_on, leergroep.ends_on))
    return leergroep


@transaction.atomic
def update_leergroep(actor, leergroep, *, name, leader, members):
    """Renames the leergroep, changes its leader and chooses its members.

    Guarantees: members are placements at the leergroep's school in its time (or were
    members already); the leader holds the schoolopleider role there.
    """
    leergroep = Leergroep.objects.select_for_update(of=("self",)).get(pk=leergroep.pk)
    actor.require("leergroep.manage", leergroep)
    allowed = set(member_choices(leergroep).values_list("pk", flat=True))
    chosen = {m.pk for m in members}
    if not chosen <= allowed:
        raise DomainError(
            _("Alleen aankomende leraren met een stage op deze school in deze periode.")
        )
    _check_leergroep(leergroep, leader)
    leergroep.name = name.strip()
    leergroep.leader = leader
    leergroep.save(update_fields=["name", "leader"])
    leergroep.members.set(chosen)
    return leergroep


@transaction.atomic
def save_meeting(actor, meeting, *, attendees=()):
    """Saves a meeting of a leergroep and who attended it (members only)."""
    actor.require("leergroep.manage", meeting.leergroep)
    members = set(meeting.leergroep.members.values_list("pk", flat=True))
    chosen = {a.pk for a in attendees}
    if not chosen <= members:
        raise DomainError(_("Alleen deelnemers van de leergroep kunnen aanwezig zijn."))
    if not meeting.topic.strip():
        raise DomainError(_("Geef het onderwerp van de bijeenkomst op."))
    meeting.partnership = actor.partnership
    meeting.save()
    meeting.attendees.set(chosen)
    return meeting
