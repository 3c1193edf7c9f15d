"""The review moments' operations: who takes part in a moment (resolved when asked), its
reminders, planning one by hand and marking one done.

Its reminders are made by the notifications engine; what they are is registered in
cycle/notifications.py. Generating a schooljaar's moments from the kwaliteitscyclus is
cycle/generation.py.
"""

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications import services as notifications
from partnerships.models import School
from roles.models import RoleAssignment
from samen.errors import DomainError
from samen.permissions import COORDINATOR_ROLES, Role
from samen.schooljaar import Schooljaar

from .models import ReviewMoment

#: Reminders of a review moment: this many days before its last day (due_on), and once the
#: day after it when nobody marked it done.
REMIND_DAYS_BEFORE = (30, 7)
OVERDUE_AFTER_DAYS = 1
#: The notification kinds of a review moment (registered in cycle/notifications.py). Stored in
#: the notifications' rows: never rename them.
UPCOMING = "reviewmoment.upcoming"
OVERDUE = "reviewmoment.overdue"


#: Who is involved in a moment planned by hand (not from the kwaliteitscyclus) at its school,
#: besides the coordinators for the whole partnership.
LOCAL_ROLES = COORDINATOR_ROLES | {Role.SCHOOLOPLEIDER, Role.SCHOOLLEIDER}


def participant_roles(moment):
    """The roles that take part in a moment: its kwaliteitscyclus row's participants; for a
    moment planned by hand, the coordinators, schoolopleiders and schoolleiders."""
    activity = moment.cycle_activity if moment.cycle_activity_id else None
    if activity is None:
        return LOCAL_ROLES
    return frozenset(activity.participants)


def people_involved(moment):
    """Who takes part in a moment, from the role assignments of its schooljaar, as of now.

    Someone is involved who holds one of the moment's participant roles (participant_roles)
    in the moment's schooljaar, in a scope that holds the moment's place:
    - a moment at a school: the whole partnership, the school, its board, or a grouping the
      school is in;
    - a moment of a board: the whole partnership, the board, or one of the board's schools;
    - a moment of the partnership: an assignment for the whole partnership.
    The coordinators for the whole partnership are involved in every moment of the
    partnership (they run the cycle) and in every moment planned by hand; a moment planned by
    hand reaches the other coordinators, schoolopleiders and schoolleiders only at its school.
    People without an e-mail address are left out. Resolved when asked — reminders ask on the
    day they are sent, the agenda feed when it is read — so someone who takes up a role in
    between is included and someone who left is not.
    """
    return people_involved_many([moment]).get(moment.pk, [])


def people_involved_many(moments):
    """people_involved() for many moments at once: {moment.pk: [Person, …]} in two queries
    (the groupings of their schools, and every role assignment that could reach one of them,
    with its person), however many moments. The reminder sweep asks it once per batch.

    Plain IN lists, no subquery per moment: a planner with stale statistics (right after a
    bulk import) cannot turn it into a slow plan per moment. The assignments are indexed by
    where they sit, so each moment looks only at those that could reach it.
    """
    moments = list(moments)
    if not moments:
        return {}
    schools = {m.school_id for m in moments if m.school_id}
    board_moments = {m.partner_id for m in moments if m.partner_id and not m.school_id}
    groupings = defaultdict(set)  # school pk -> its groupings
    if schools:
        for school_id, grouping_id in School.groupings.through.objects.filter(
            school_id__in=schools
        ).values_list("school_id", "grouping_id"):
            groupings[school_id].add(grouping_id)
    boards = {m.school.board_id for m in moments if m.school_id} | board_moments
    roles = set().union(*(participant_roles(m) for m in moments)) | COORDINATOR_ROLES
    reach = Q(partner__isnull=True, school__isnull=True, grouping__isnull=True)
    if schools or boards:
        reach |= (
            Q(school_id__in=schools)
            | Q(partner_id__in=boards)
            | Q(grouping_id__in=set().union(*groupings.values()))
            | Q(school__board_id__in=board_moments)
        )
    years = {m.schooljaar for m in moments}
    assignments = (
        RoleAssignment.objects.filter(
            reach,
            role__in=roles,
            partnership_id__in={m.partnership_id for m in moments},
            schooljaar_from__lte=max(years),
        )
        .filter(Q(schooljaar_to__isnull=True) | Q(schooljaar_to__gte=min(years)))
        .exclude(person__email="")
        .select_related("person", "school")
        .order_by("person__last_name", "person__first_name", "person_id")
    )
    index = defaultdict(list)  # ("wide" | "school" | "partner" | "grouping" | "board", pk)
    for a in assignments:
        if a.is_partnership_wide:
            index["wide", a.partnership_id].append(a)
        elif a.school_id:
            index["school", a.school_id].append(a)
            index["board", a.school.board_id].append(a)
        elif a.partner_id:
            index["partner", a.partner_id].append(a)
        elif a.grouping_id:
            index["grouping", a.grouping_id].append(a)
    return {moment.pk: _involved(moment, index, groupings) for moment in moments}


def _involved(moment, index, groupings):
    """people_involved() of one moment, from the assignments that could reach it (`index`,
    built by people_involved_many) and the groupings of the schools."""
    roles = participant_roles(moment)
    by_hand = not moment.cycle_activity_id
    candidates = [(a, True) for a in index["wide", moment.partnership_id]]
    if moment.school_id:
        nearby = index["school", moment.school_id] + index["partner", moment.school.board_id]
        for grouping_id in groupings[moment.school_id]:
            nearby += index["grouping", grouping_id]
        candidates += [(a, False) for a in nearby]
    elif moment.partner_id:
        nearby = index["partner", moment.partner_id] + index["board", moment.partner_id]
        candidates += [(a, False) for a in nearby]
    people = {}
    for a, wide in candidates:
        if a.schooljaar_from > moment.schooljaar or (
            a.schooljaar_to is not None and a.schooljaar_to < moment.schooljaar
        ):
            continue
        if (
            wide
            and a.role in COORDINATOR_ROLES
            and (by_hand or moment.is_partnership_level)
            or a.role in roles
            and not (by_hand and wide)
        ):
            people.setdefault(a.person_id, a.person)
    return sorted(people.values(), key=lambda p: (p.last_name, p.first_name, p.pk))


def moment_url(moment):
    """The moment's own page, as an absolute link for a mail or a calendar."""
    return notifications.absolute_url(
        reverse(
            "cycle:moment",
            kwargs={"partnership_slug": moment.partnership.slug, "pk": moment.pk},
        )
    )


def reminder_recipients_many(moments):
    """Whom a reminder goes to when it is sent: the people involved, unless the moment is
    done by then (its reminders are then done without a mail)."""
    moments = list(moments)
    involved = people_involved_many([m for m in moments if m.done_on is None])
    return {m.pk: involved.get(m.pk, []) for m in moments}


def reminder_recipients(moment):
    return reminder_recipients_many([moment]).get(moment.pk, [])


def reminder_days(moment):
    """{kind: [days]}: 30 and 7 days before its last day, and the day after it."""
    return {
        UPCOMING: [moment.due_on - dt.timedelta(days=d) for d in REMIND_DAYS_BEFORE],
        OVERDUE: [moment.due_on + dt.timedelta(days=OVERDUE_AFTER_DAYS)],
    }


def plan_reminders(moments, *, today=None):
    """Plans the reminders of `moments` (reminder_days), in one INSERT per kind.

    Guarantees: a reminder whose day has passed when it is planned is not planned (a moment
    generated late does not send last month's reminder; its later ones still come), but a
    moment still ahead always gets one before its last day — today's, when both days have
    passed; planning twice plans nothing new (notifications.services.schedule_many). Who
    receives them is decided when they are sent.
    """
    today = today or timezone.localdate()
    planned = defaultdict(list)
    for moment in moments:
        for kind, days in reminder_days(moment).items():
            days = [day for day in days if day >= today]
            if kind == UPCOMING and not days and moment.due_on >= today:
                days = [today]  # planned within a week of its last day: remind at once
            planned[kind] += [(moment, day) for day in days]
    for kind, rows in planned.items():
        notifications.schedule_many(kind, rows)


@transaction.atomic
def plan_review_moment(
    *,
    partnership,
    school,
    due_on,
    title,
    kind=ReviewMoment.Kind.EVALUATIEGESPREK,
    starts_on=None,
    today=None,
):
    """Creates a review moment by hand and plans its reminders (plan_reminders): 30 and 7
    days before its last day and the day after it, those whose day has not passed.

    Who receives them is decided on the day they are sent (people_involved), so someone who
    takes up a role in between is reminded too.
    """
    moment = ReviewMoment.objects.create(
        partnership=partnership,
        school=school,
        starts_on=starts_on,
        due_on=due_on,
        title=title,
        kind=kind,
        schooljaar=Schooljaar.of(due_on).start_year,
    )
    plan_reminders([moment], today=today)
    return moment


@transaction.atomic
def mark_done(actor, moment, *, note, done_on=None):
    """Marks a moment as held, with what came out of it; its remaining reminders then go to
    nobody (reminder_recipients_many). Guarantees: only someone who may complete it; a moment
    already done is refused (DomainError), so two people at once do not overwrite each other.
    """
    actor.require("reviewmoment.complete", moment)
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise DomainError(_("Een moment kan niet in de toekomst zijn afgerond."))
    updated = ReviewMoment.objects.filter(pk=moment.pk, done_on__isnull=True).update(
        done_on=done_on, outcome_note=note, updated_at=timezone.now()
    )
    if not updated:
        raise DomainError(_("Dit moment is al afgerond."))
    moment.refresh_from_db()
    actor.require("reviewmoment.complete", moment)
    return moment
