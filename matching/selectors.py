"""Reads of the placement year: what a school's capacity has given away, the requests on a
period's board, a student's earlier schools and instituutsopleider, and who a duo could join.

The board itself (demand against supply, and the ranked suggestions) is matching/board.py; the
operations that change capacity, requests and placements are matching/services.py.
"""

import dataclasses
from collections import defaultdict

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from placements.models import Placement

from .models import (
    FREEING_STATUSES,
    UNMATCHED_FIRST,
    CapacityPlace,
    PlacementRequest,
    RequestStatus,
)


def live_placements():
    """Placements that hold a place: not broken off, not moved to another school."""
    return Placement.objects.exclude(status__in=FREEING_STATUSES)


def group_key(group):
    """Groups and subjects are compared without case or surrounding spaces."""
    return (group or "").strip().lower()


@dataclasses.dataclass
class Usage:
    places: int  # places taken at the school (a duo takes one)
    students: int
    by_group: dict  # group_key -> places taken
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
        by_group[group_key(row["group"])] += 1
        by_mentor[row["mentor_id"]] += 1
    return Usage(places, students, dict(by_group), dict(by_mentor))


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


def board_requests(access, period, *, student=None, status=""):
    """The period's requests in reach for the board: one student's, those of one status, or
    all but the withdrawn — unmatched first, then the oldest first."""
    # The page's people and placements are read for its rows only (a query each): joined
    # here, PostgreSQL joined all the period's 3,000 requests before sorting out twenty.
    requests = (
        access.filter("request.view", PlacementRequest.objects.filter(period=period))
        .select_related("student")
        .prefetch_related(
            "instituutsopleider",
            Prefetch("placement", Placement.objects.select_related("school", "mentor")),
        )
    )
    if student:
        requests = requests.filter(student=student)
    if status:
        requests = requests.filter(status=status)
    else:
        requests = requests.exclude(status=RequestStatus.WITHDRAWN)
    # An ordering, not an annotation, so that the paginator's count stays a plain COUNT; the
    # same as the index request_board_order.
    return requests.order_by(UNMATCHED_FIRST, "created_at", "id")


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


def earlier_instituutsopleider(student):
    """The instituutsopleider of the student's latest placement, as a suggestion."""
    return (
        Placement.objects.filter(student=student)
        .order_by("-starts_on")
        .values_list("instituutsopleider_id", flat=True)
        .first()
    )


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
