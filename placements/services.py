"""Operations on placements. Each is one transaction and the only place that changes this state.

Every operation takes `actor` (the acting person's samen.permissions.Access) and re-checks
what it saved against that person's reach inside its transaction, so a refused write leaves
nothing behind, whatever the form offered.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from roles.models import Person, Role, RoleAssignment
from samen.errors import DomainError
from samen.schooljaar import Schooljaar

from .models import (
    PLACEMENT_TRANSITIONS,
    FormStatus,
    Placement,
    PlacementEvent,
    PlacementStatus,
    StartForm,
)


def holds_role(person, role, schooljaar, school=None):
    """Does `person` hold `role` in `schooljaar` — and, with `school`, at that school?

    At a school means an assignment for that school, for its board, or for a grouping it is
    in; a role for the whole partnership does not say where someone works.
    """
    assignments = RoleAssignment.objects.filter(person=person, role=role).active_in(schooljaar)
    if school is not None:
        assignments = assignments.filter(
            Q(school=school) | Q(partner_id=school.board_id) | Q(grouping__schools=school)
        )
    return assignments.exists()


def _require_role(person, role, schooljaar, school=None):
    if holds_role(person, role, schooljaar, school):
        return
    if school is not None:
        raise DomainError(
            _("%(person)s is in %(sj)s geen %(role)s op %(school)s.")
            % {"person": person, "sj": schooljaar, "role": Role(role).label, "school": school.name}
        )
    raise DomainError(
        _("%(person)s heeft geen rol als %(role)s in schooljaar %(sj)s.")
        % {"person": person, "role": Role(role).label, "sj": schooljaar}
    )


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
                "start": date_format(clash.starts_on, "j F Y"),
                "end": date_format(clash.ends_on, "j F Y"),
            }
        )


@transaction.atomic
def create_placement(
    actor, *, student, school, mentor, instituutsopleider, starts_on, ends_on, group=""
):
    """Creates a placement in status concept, with an empty startgesprek ready for the mentor.

    Guarantees: the student and the instituutsopleider hold their role in the schooljaar the
    placement starts in, the mentor holds the mentor role at that school then; the student has
    no other placement (not broken off) on any of its days, even when two coordinators book
    her at the same moment (her row is locked while checking); the placement
    is at a school where `actor` may arrange placements; all rows belong to the actor's
    partnership (TenantModel.save refuses cross-tenant links).
    """
    if ends_on < starts_on:
        raise DomainError(_("De einddatum ligt vóór de begindatum."))
    schooljaar = Schooljaar.of(starts_on)
    _require_role(student, Role.STUDENT, schooljaar)
    _require_role(mentor, Role.MENTOR, schooljaar, school=school)
    _require_role(instituutsopleider, Role.INSTITUUTSOPLEIDER, schooljaar)
    # Lock the student's row so two coordinators booking her at once cannot both succeed.
    Person.objects.select_for_update().filter(pk=student.pk).first()
    _refuse_double_booking(student, starts_on, ends_on)
    placement = Placement.objects.create(
        partnership=actor.partnership,
        student=student,
        school=school,
        mentor=mentor,
        instituutsopleider=instituutsopleider,
        starts_on=starts_on,
        ends_on=ends_on,
        group=group,
    )
    actor.require("placement.manage", placement)
    StartForm.objects.create(partnership=actor.partnership, placement=placement)
    _record(actor, placement, PlacementEvent.Kind.CREATED, to_status=placement.status)
    return placement


#: Statuses a placement never leaves: moving there asks for a confirmation first.
FINAL_STATUSES = frozenset(s for s, onward in PLACEMENT_TRANSITIONS.items() if not onward)


def _record(actor, placement, kind, *, to_status, from_status="", reason=""):
    """Appends one event to the placement's log: what happened, by whom, why, when."""
    return PlacementEvent.objects.create(
        partnership=placement.partnership,
        placement=placement,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        reason=reason.strip(),
        by=actor.person,
        by_user=actor.user,
    )


@transaction.atomic
def transition(actor, placement, to_status, reason=""):
    """Moves a placement to `to_status`, or raises DomainError if the lifecycle forbids it.

    Guarantee: every move is in the placement's event log (from, to, by whom, why, when), in
    the same transaction; breaking a placement off needs a reason.
    """
    placement = Placement.objects.select_for_update(of=("self",)).get(pk=placement.pk)
    actor.require("placement.manage", placement)
    current = PlacementStatus(placement.status)
    target = PlacementStatus(to_status)
    if target not in PLACEMENT_TRANSITIONS[current]:
        raise DomainError(
            _("Een stage met status ‘%(from)s’ kan niet naar ‘%(to)s’.")
            % {"from": current.label, "to": target.label}
        )
    if target == PlacementStatus.AFGEBROKEN and not reason.strip():
        raise DomainError(_("Geef een reden op waarom de stage wordt afgebroken."))
    placement.status = target
    placement.save(update_fields=["status"])
    _record(
        actor,
        placement,
        PlacementEvent.Kind.STATUS,
        from_status=current,
        to_status=target,
        reason=reason,
    )
    return placement


@transaction.atomic
def save_start_form(actor, start_form, *, learning_goals, needs_from_school, submit=False):
    """Saves the mentor's startgesprek; `submit` locks it. A submitted form cannot change.

    Only the placement's own mentor writes it (`startform.edit`), checked here.
    """
    start_form = StartForm.objects.select_for_update(of=("self",)).get(pk=start_form.pk)
    actor.require("startform.edit", start_form.placement)
    if start_form.is_locked:
        raise DomainError(_("Dit startgesprek is al ingediend en kan niet meer worden gewijzigd."))
    if submit and not learning_goals.strip():
        raise DomainError(_("Vul eerst de persoonlijke leerdoelen in voordat u indient."))
    start_form.learning_goals = learning_goals
    start_form.needs_from_school = needs_from_school
    start_form.updated_by = actor.person
    if submit:
        start_form.status = FormStatus.SUBMITTED
        start_form.submitted_at = timezone.now()
    start_form.save()
    return start_form
