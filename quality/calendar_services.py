"""The calendar's operations: editing the cycle, a person's moments and agenda feed, and the
schools' quality at a glance (the traffic light).

Generating moments from the cycle is quality/cycle.py; reminders and marking a moment done
are quality/services.py.
"""

import datetime as dt
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from roles.models import RoleAssignment
from samen.permissions import OutOfReach
from samen.schooljaar import Schooljaar

from . import cycle, services
from .models import CalendarToken, ReviewMoment

Kind = ReviewMoment.Kind


# --- The cycle --------------------------------------------------------------------------------


@transaction.atomic
def save_activity(actor, activity):
    """Saves a row of the kwaliteitscyclus (new or changed). Guarantees: only a coordinator
    for the whole partnership (cycle.manage); moments generated before keep their dates."""
    activity.partnership = actor.partnership
    if activity.pk is not None:
        actor.require("cycle.manage", activity)
    activity.save()
    actor.require("cycle.manage", activity)
    return activity


@transaction.atomic
def generate(actor, year):
    """Generates schooljaar `year`'s moments from the cycle (cycle.generate_schooljaar) for a
    coordinator who may manage the cycle; returns the moments created."""
    # The cycle has no school: only an assignment for the whole partnership reaches it.
    if not actor.can("cycle.manage"):
        raise OutOfReach()
    return cycle.generate_schooljaar(actor.partnership, year)


# --- A person's moments and agenda feed -------------------------------------------------------


def feed_years(today):
    """The schooljaren the feed holds: last year's, this year's and next year's."""
    current = Schooljaar.of(today).start_year
    return current - 1, current + 1


def moments_of_person(person, *, years):
    """The moments `person` takes part in (services.people_involved), in schooljaren
    `years` (first, last), by date. Two steps: the moments their assignments could reach
    (one query), then the same rule the reminders use, for exactly those."""
    first, last = years
    assignments = list(
        RoleAssignment.objects.filter(person=person, schooljaar_from__lte=last)
        .filter(Q(schooljaar_to__isnull=True) | Q(schooljaar_to__gte=first))
        .select_related("school")
    )
    near = None
    for a in assignments:
        if a.is_partnership_wide:
            place = Q()
        elif a.school_id:
            place = Q(school_id=a.school_id) | Q(school__isnull=True, partner_id=a.school.board_id)
        elif a.partner_id:
            place = Q(school__board_id=a.partner_id) | Q(partner_id=a.partner_id)
        else:
            place = Q(school__groupings=a.grouping_id)
        year = Q(schooljaar__gte=a.schooljaar_from)
        if a.schooljaar_to is not None:
            year &= Q(schooljaar__lte=a.schooljaar_to)
        near = place & year if near is None else near | (place & year)
    if near is None:
        return []
    candidates = list(
        ReviewMoment.objects.filter(near, schooljaar__gte=first, schooljaar__lte=last)
        .select_related("school", "partner__organisation", "cycle_activity", "partnership")
        .distinct()
        .order_by("due_on", "pk")
    )
    involved = services.people_involved_many(candidates)
    return [m for m in candidates if any(p.pk == person.pk for p in involved[m.pk])]


def token_of(person):
    """The person's agenda-koppeling secret, made the first time it is asked for."""
    token, _created = CalendarToken.objects.get_or_create(
        person=person,
        defaults={"partnership_id": person.partnership_id, "token": secrets.token_urlsafe(32)},
    )
    return token


@transaction.atomic
def reset_token(actor):
    """Gives the acting person a new agenda-koppeling secret: the old URL answers 404 from
    now on. Guarantees: only one's own (someone without a person here is refused)."""
    if actor.person is None:
        raise OutOfReach()
    CalendarToken.objects.filter(person=actor.person).delete()
    return CalendarToken.objects.create(
        partnership=actor.partnership, person=actor.person, token=secrets.token_urlsafe(32)
    )


def person_for_token(token):
    """The person a feed secret belongs to in the active partnership, or None."""
    if not token:
        return None
    found = CalendarToken.objects.filter(token=token).select_related("person").first()
    return found.person if found is not None else None


# --- The traffic light --------------------------------------------------------------------------

SOON = dt.timedelta(days=30)
SCANS = (Kind.SCAN, Kind.NULMETING)


def open_actions(school_ids):
    """{school pk: open follow-up actions}. The Act step's follow-up actions (FollowUpAction)
    belong to the partnership's cycle, not to one school, so none counts here yet; a school's
    own actions arrive with the school-level instruments (the scan, ROADMAP.md), which record
    their findings through the same hook (pdca_services.record_finding)."""
    return {}


def with_quality(schools, today):
    """`schools` annotated with what the traffic light reads, in the same query: the last
    scan and evaluatiegesprek held, the next internal peer review, and how many moments are
    overdue or due within 30 days."""
    open_ = Q(review_moments__done_on__isnull=True)
    return schools.annotate(
        last_scan=Max("review_moments__done_on", filter=Q(review_moments__kind__in=SCANS)),
        last_evaluatie=Max(
            "review_moments__done_on", filter=Q(review_moments__kind=Kind.EVALUATIEGESPREK)
        ),
        next_peer_review=Min(
            "review_moments__due_on",
            filter=open_ & Q(review_moments__kind=Kind.PEERREVIEW_INTERN),
        ),
        overdue=Count("review_moments", filter=open_ & Q(review_moments__due_on__lt=today)),
        due_soon=Count(
            "review_moments",
            filter=open_
            & Q(review_moments__due_on__gte=today, review_moments__due_on__lte=today + SOON),
        ),
    )


@dataclass(frozen=True)
class Light:
    colour: str  # "green" | "orange" | "red": a class name, never the only signal
    label: str  # "Groen", …: said in words beside the colour
    reason: str


def light(school, actions=0):
    """Red: a moment is overdue. Orange: one is due within 30 days, or follow-up actions are
    open. Green: everything on schedule."""
    if school.overdue:
        return Light(
            "red",
            _("Rood"),
            ngettext("%(n)d moment over tijd", "%(n)d momenten over tijd", school.overdue)
            % {"n": school.overdue},
        )
    if school.due_soon or actions:
        parts = []
        if school.due_soon:
            parts.append(
                ngettext(
                    "%(n)d moment binnen 30 dagen",
                    "%(n)d momenten binnen 30 dagen",
                    school.due_soon,
                )
                % {"n": school.due_soon}
            )
        if actions:
            parts.append(
                ngettext("%(n)d open actie", "%(n)d open acties", actions) % {"n": actions}
            )
        return Light("orange", _("Oranje"), ", ".join(parts))
    return Light("green", _("Groen"), _("alles op schema"))
