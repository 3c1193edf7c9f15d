"""A school's quality at a glance: what its traffic light reads (the last scan and
evaluatiegesprek held, the next internal peer review, the moments overdue or due soon) and
the light itself, in colour and in words.

The last scan is the latest held of the calendar's scans and of the school's route: its
0-meting (the nulmeting step) is a Scan Opleiden in de School too (seed 000: "O-meting …
Uitkomsten Scan Opleiden in de School"), however long before the calendar it was held."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnerships.models import TrainingPathStep, TrainingStatus

from .models import ReviewMoment

Kind = ReviewMoment.Kind

SOON = dt.timedelta(days=30)
SCANS = (Kind.SCAN, Kind.NULMETING)


def open_actions(school_ids):
    """{school pk: open follow-up actions}. The Act step's follow-up actions (FollowUpAction)
    belong to the partnership's cycle, not to one school, so none counts here yet; a school's
    own actions arrive with the school-level instruments (the scan, ROADMAP.md), which record
    their findings through the same hook (pdca.services.record_finding)."""
    return {}


def with_quality(schools, today):
    """`schools` annotated with what the traffic light reads, in the same query: the last
    scan and evaluatiegesprek held, the next internal peer review, and how many moments are
    overdue or due within 30 days. The route's 0-meting is a subquery, so that its rows do not
    multiply the counts."""
    open_ = Q(review_moments__done_on__isnull=True)
    held = Max("review_moments__done_on", filter=Q(review_moments__kind__in=SCANS))
    nulmeting = Subquery(
        TrainingPathStep.objects.filter(school=OuterRef("pk"), status=TrainingStatus.NULMETING)
        .order_by("-on")
        .values("on")[:1]
    )
    return schools.annotate(
        # The later of the two; Greatest is NULL on SQLite when either is, so each falls back
        # to the other.
        last_scan=Greatest(Coalesce(held, nulmeting), Coalesce(nulmeting, held)),
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
