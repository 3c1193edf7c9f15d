"""The matching board of one period: demand against supply per school and per group or
subject, and for each request the schools that fit best, with the reasons.

It reads a fixed number of queries — the period's capacities with their places and mentors,
one grouped count of the period's placements per school, group and mentor, the requests'
counts — and ranks in Python over those aggregates: cheap comparisons for every school, the
reasons worded only for the best few (the board ranks 250 schools for each of its 20 requests).
"""

import dataclasses
import heapq
import re
from collections import defaultdict
from operator import itemgetter
from types import SimpleNamespace

from django.db.models import Count, F
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnerships.models import School
from roles.models import Person

from .models import Capacity, CapacityMentor, CapacityPlace, PlacementRequest, RequestStatus
from .selectors import earlier_schools, group_key, live_placements

#: Requests a board page shows, and a bulk assignment takes at most.
PAGE_SIZE = 20


@dataclasses.dataclass
class Suggestion:
    school: School
    score: int
    free: int
    reasons: list
    line: object = None  # the place row (group, places, …) that fits the wanted group
    mentors: list = dataclasses.field(default_factory=list)  # (person id, places left)


@dataclasses.dataclass(frozen=True)
class _Wish:
    """What a request asks for, as the ranking compares it."""

    group: str
    region: str
    concept: str
    words: frozenset
    earlier: frozenset

    @classmethod
    def of(cls, request, earlier):
        return cls(
            group_key(request.subject),
            group_key(request.region),
            group_key(request.school_type),
            frozenset(_words(request.learning_wishes)),
            frozenset(earlier),
        )


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
        the best `limit`."""
        wish = _Wish.of(request, earlier)
        scored = [
            _score(capacity, wish)
            for capacity in self.capacities
            # No place, or no mentor with room: nothing to assign to.
            if capacity.free > 0 and capacity.room_mentors
        ]
        best = heapq.nsmallest(limit, scored, key=_rank_key)
        return [_suggestion(request, -row[0], *row[3:]) for row in best]


def _score(capacity, wish):
    """One school's fit for one request, as a row that sorts best first: (-score, -free, name,
    capacity, the fitting line, in the region, fits the concept, shared words, been there)."""
    score = capacity.base_score
    line = None
    if wish.group:
        for candidate in capacity.free_lines:
            group = candidate.group_key
            if wish.group in group or group in wish.group:
                line = candidate
                score += 5
                break
    in_region = bool(wish.region) and (
        wish.region in capacity.place_key or wish.region in capacity.board_region
    )
    fits_concept = bool(wish.concept) and wish.concept in capacity.profile_text
    common = wish.words & capacity.profile_words if wish.words else ()
    been_here = capacity.school_id in wish.earlier
    score += 3 * in_region + 3 * fits_concept + min(len(common), 3) + been_here
    return (
        -score,
        -capacity.free,
        capacity.school.name,
        capacity,
        line,
        in_region,
        fits_concept,
        common,
        been_here,
    )


#: Rank by score, then free places, then the school's name (the first three of a scored row).
_rank_key = itemgetter(0, 1, 2)


def _suggestion(request, score, capacity, line, in_region, fits, common, been):
    """A ranked school with the reasons it fits, worded."""
    school = capacity.school
    reasons = [
        ngettext("%(free)d vrije plaats", "%(free)d vrije plaatsen", capacity.free)
        % {"free": capacity.free}
    ]
    if line is not None:
        reasons.append(
            _("biedt ‘%(group)s’ aan%(tekort)s")
            % {"group": line.group, "tekort": _(" (tekortvak)") if line.is_tekortvak else ""}
        )
    if in_region:
        reasons.append(_("in de voorkeursregio (%(place)s)") % {"place": school.place})
    if fits:
        reasons.append(_("past bij ‘%(concept)s’") % {"concept": request.school_type})
    if common:
        reasons.append(_("schoolprofiel: %(words)s") % {"words": ", ".join(sorted(common)[:3])})
    if been:
        reasons.append(_("liep hier eerder stage"))
    return Suggestion(
        school,
        score,
        capacity.free,
        reasons,
        line or capacity.first_free_line,
        capacity.room_mentors,
    )


_WORD = re.compile(r"[a-zà-ÿ]{5,}")
#: Words too common in wishes and profiles to say anything about fit.
_STOP = {"leren", "graag", "willen", "wil", "school", "leerlingen", "groep", "onderwijs", "stage"}


def _words(text):
    return {w for w in _WORD.findall((text or "").lower()) if w not in _STOP}


# --- Reading the board ------------------------------------------------------------------------


def board(actor, period):
    """The period's capacities in the actor's reach with their counts, lines, mentors and
    free room, and demand against supply per group or subject: six queries, whatever the
    number of schools, requests or placements."""
    capacities = _capacities(actor, period)
    ids = [c.pk for c in capacities]
    lines, offers, taken = _lines(ids), _offers(ids), _taken(period)
    subjects = defaultdict(lambda: [0, 0, 0])  # group -> offered, taken, open requests
    for capacity in capacities:
        _count(capacity, lines[capacity.pk], offers[capacity.pk], taken, subjects)
        _profile(capacity)
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


def _capacities(actor, period):
    """The period's capacities in reach, each a plain row with its school's name, place and
    profile: not two model instances for each of a board's 250 schools (read on every page)."""
    rows = (
        actor.filter("capacity.view", Capacity.objects.filter(period=period))
        .order_by("school__name")
        .values(
            "pk",
            "school_id",
            "period_id",
            school_name=F("school__name"),
            school_place=F("school__place"),
            school_status=F("school__training_status"),
            school_board_id=F("school__board_id"),
            board_region_text=F("school__board__organisation__region"),
            concept_text=F("school__profile__onderwijsconcept"),
            speerpunten_text=F("school__profile__speerpunten"),
            expertise_text=F("school__profile__expertise"),
        )
    )
    return [_capacity(row) for row in rows]


def _capacity(row):
    school = SimpleNamespace(
        pk=row["school_id"],
        id=row["school_id"],
        name=row.pop("school_name"),
        place=row.pop("school_place"),
        training_status=row.pop("school_status"),
        board_id=row.pop("school_board_id"),
    )
    return SimpleNamespace(**row, id=row["pk"], school=school)


class _Line:
    """A place row of a capacity (group, places, …) with what the board counts of it."""

    __slots__ = ("group", "places", "duo_possible", "is_tekortvak", "group_key", "taken", "free")

    def __init__(self, group, places, duo_possible, is_tekortvak):
        self.group, self.places = group, places
        self.duo_possible, self.is_tekortvak = duo_possible, is_tekortvak


def _lines(ids):
    """capacity id -> its place rows: small objects from tuples, not model instances or
    dictionaries (a board reads some 2,000 of them on every page)."""
    lines = defaultdict(list)
    for capacity_id, *row in CapacityPlace.objects.filter(capacity_id__in=ids).values_list(
        "capacity_id", "group", "places", "duo_possible", "is_tekortvak"
    ):
        lines[capacity_id].append(_Line(*row))
    return lines


def _offers(ids):
    """capacity id -> (person id, places) of its mentors."""
    offers = defaultdict(list)
    for row in CapacityMentor.objects.filter(capacity_id__in=ids).values_list(
        "capacity_id", "person_id", "places"
    ):
        offers[row[0]].append(row[1:])
    return offers


def _taken(period):
    """The period's places taken per (school, group), school and (school, mentor): counted in
    Python from one grouped query, not per capacity row in SQL (a correlated count per school
    is read 250 times)."""
    taken = SimpleNamespace(
        by_group=defaultdict(int), by_school=defaultdict(int), by_mentor=defaultdict(int)
    )
    placements = live_placements().filter(period=period, duo_with__isnull=True).order_by()
    for row in placements.values("school_id", "group", "mentor_id").annotate(n=Count("pk")):
        taken.by_group[(row["school_id"], group_key(row["group"]))] += row["n"]
        taken.by_school[row["school_id"]] += row["n"]
        taken.by_mentor[(row["school_id"], row["mentor_id"])] += row["n"]
    return taken


def _count(capacity, lines, offers, taken, subjects):
    """A capacity's places, free room, lines and mentors with room; adds its lines to the
    demand and supply per group or subject."""
    sid = capacity.school_id
    capacity.lines = lines
    capacity.total = sum(line.places for line in lines)
    capacity.used = taken.by_school[sid]
    capacity.free = max(capacity.total - capacity.used, 0)
    capacity.base_score = min(capacity.free, 3)
    capacity.free_lines = []
    for line in lines:
        key = line.group_key = group_key(line.group)
        line.taken = taken.by_group[(sid, key)]
        line.free = max(line.places - line.taken, 0)
        if line.free:
            capacity.free_lines.append(line)
        subjects[key][0] += line.places
        subjects[key][1] += line.taken
    capacity.first_free_line = capacity.free_lines[0] if capacity.free_lines else None
    # (person id, places left) of the mentors who can take another student here.
    capacity.room_mentors = [
        (person_id, places - taken.by_mentor[(sid, person_id)])
        for person_id, places in offers
        if places > taken.by_mentor[(sid, person_id)]
    ]
    capacity.mentor_count = len(offers)
    capacity.has_duo = any(line.duo_possible for line in lines)
    capacity.tekortvakken = [line.group for line in lines if line.is_tekortvak]


def _profile(capacity):
    """What the ranking compares of a school: its profile's words, region and place."""
    school = capacity.school
    texts = [school.name, capacity.concept_text, capacity.speerpunten_text, capacity.expertise_text]
    capacity.profile_text = " ".join(text for text in texts if text is not None).lower()
    capacity.profile_words = _words(capacity.profile_text) - _words(school.name)
    capacity.board_region = (capacity.board_region_text or "").lower()
    capacity.place_key = school.place.lower()


# --- Bulk assignment ------------------------------------------------------------------------


def proposals(actor, period, requests):
    """Each request with its first suggestion, as (request, school, mentor, group): what a
    bulk assignment proposes (school and mentor None where nothing fits)."""
    the_board = board(actor, period)
    the_board.suggest(requests, earlier_schools([r.student_id for r in requests]), limit=1)
    firsts = [(r, *_first_choice(r)) for r in requests]
    people = Person.objects.in_bulk([mentor for _r, _s, mentor, _g in firsts if mentor])
    # The board's schools are plain rows: the assignment takes the schools themselves.
    schools = School.objects.in_bulk([school.pk for _r, school, _m, _g in firsts if school])
    return [
        (r, school and schools.get(school.pk), people.get(mentor), group)
        for r, school, mentor, group in firsts
    ]


def _first_choice(request):
    """The first suggestion of a request as (school, mentor id, group)."""
    suggestions = getattr(request, "suggestions", [])
    if not suggestions:
        return None, None, ""
    best = suggestions[0]
    mentor = best.mentors[0][0] if best.mentors else None
    return best.school, mentor, best.line.group if best.line else ""
