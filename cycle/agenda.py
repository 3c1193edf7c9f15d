"""The agenda-koppeling (ICS feed): the review moments each person takes part in or
coordinates, which cycle adds to their feed (samen.calendar's registry: over their window,
within the feed's window), the secret in the feed's URL, and the feed itself as iCalendar
(served by cycle/views.py).
"""

import datetime as dt
import hashlib
import secrets
from collections import defaultdict

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from partnerships.models import School
from roles.models import RoleAssignment
from samen import calendar, origin
from samen.permissions import COORDINATOR_ROLES, OutOfReach
from samen.schooljaar import Schooljaar

from . import services
from .models import CalendarToken, CycleActivity, ReviewMoment


def _assignments(person, first, last):
    """The person's role assignments that hold in some schooljaar from `first` to `last`."""
    return list(
        RoleAssignment.objects.filter(person=person, schooljaar_from__lte=last)
        .filter(Q(schooljaar_to__isnull=True) | Q(schooljaar_to__gte=first))
        .select_related("school")
    )


def _schools_of(assignments):
    """{("board" or "grouping", pk): [school pks]} for the assignments scoped to a board or a
    grouping: resolved into school ids first (one query each), so that the moments are found
    through the indexes on school and partner instead of a join to every school."""
    boards = {a.partner_id for a in assignments if a.partner_id and not a.school_id}
    groupings = {a.grouping_id for a in assignments if a.grouping_id}
    found = defaultdict(list)
    if boards:
        rows = School.objects.filter(board_id__in=boards).order_by("pk")
        for board, school in rows.values_list("board_id", "pk"):
            found["board", board].append(school)
    if groupings:
        through = School.groupings.through.objects.filter(grouping_id__in=groupings)
        for grouping, school in through.order_by("school_id").values_list(
            "grouping_id", "school_id"
        ):
            found["grouping", grouping].append(school)
    return found


def _place(a, schools):
    """The moments an assignment's scope holds (as a filter), in its schooljaren; `schools`
    from _schools_of."""
    if a.is_partnership_wide:
        place = Q()
    elif a.school_id:
        place = Q(school_id=a.school_id) | Q(school__isnull=True, partner_id=a.school.board_id)
    elif a.partner_id:
        place = Q(school_id__in=schools["board", a.partner_id]) | Q(partner_id=a.partner_id)
    else:
        place = Q(school_id__in=schools["grouping", a.grouping_id])
    year = Q(schooljaar__gte=a.schooljaar_from)
    if a.schooljaar_to is not None:
        year &= Q(schooljaar__lte=a.schooljaar_to)
    return place & year


def in_window(first_day, last_day):
    """The moments whose window (starts_on to due_on) overlaps the days given."""
    return Q(due_on__gte=first_day) & (
        Q(starts_on__lte=last_day) | Q(starts_on__isnull=True, due_on__lte=last_day)
    )


#: Moments someone only coordinates (does not take part in) are one event per day and kind
#: when more than settings.SAMEN_AGENDA_SUMMARY_ABOVE share the day (window) and kind:
#: "Jaarlijks evaluatiegesprek: 12 momenten", with a link to that day's moments in the list.
#: They act on none of them one by one; a single one stays itself, with its school.


def _reach(person, window):
    """(assignments, places, near, coordinated): the person's assignments in the window's
    schooljaren, each one's filter (_place, by assignment pk), the moments they could reach
    and those they coordinate (filters, not yet bounded)."""
    first_day, last_day = window
    assignments = _assignments(
        person, Schooljaar.of(first_day).start_year, Schooljaar.of(last_day).start_year
    )
    schools = _schools_of(assignments)
    places = {a.pk: _place(a, schools) for a in assignments}
    near, coordinated = Q(pk__in=[]), Q(pk__in=[])
    for a in assignments:
        near |= places[a.pk]
        if a.role in COORDINATOR_ROLES:
            coordinated |= places[a.pk]
    return assignments, places, near, coordinated


def _taking_part(person, assignments, places):
    """The moments the person takes part in, as a filter: the rule of services._involved
    (participant roles of the moment's row, or of a moment planned by hand; the coordinators
    for the whole partnership in its own moments and those planned by hand)."""
    if not person.email:
        return Q(pk__in=[])
    rows = CycleActivity.objects.filter(partnership_id=person.partnership_id)
    with_role = defaultdict(list)
    for pk, participants in rows.values_list("pk", "participants"):
        for role in participants or ():
            with_role[role].append(pk)
    by_hand = Q(cycle_activity__isnull=True)
    found = Q(pk__in=[])
    for a in assignments:
        rule = Q(cycle_activity_id__in=with_role[a.role])
        if a.is_partnership_wide:
            if a.role in COORDINATOR_ROLES:
                rule |= by_hand | Q(school__isnull=True, partner__isnull=True)
        elif a.role in services.LOCAL_ROLES:
            rule |= by_hand
        found |= places[a.pk] & rule
    return found


def _individual(person, near, coordinated, only_coordinating, window):
    """The moments that are the person's own events: taken part in (by the reminders' rule,
    services.people_involved_many, for those they do not coordinate), or coordinated and
    taken part in, by date."""
    candidates = list(
        ReviewMoment.objects.filter(near, in_window(*window))
        .exclude(only_coordinating)
        .select_related("school", "partner__organisation", "cycle_activity")
        .order_by("due_on", "pk")
    )
    rest = list(ReviewMoment.objects.filter(coordinated, pk__in=[m.pk for m in candidates]))
    held = {m.pk for m in rest}
    involved = services.people_involved_many([m for m in candidates if m.pk not in held])
    return [m for m in candidates if m.pk in held or any(p.pk == person.pk for p in involved[m.pk])]


def _day_and_kind():
    return {"start": Coalesce("starts_on", "due_on"), "end": F("due_on"), "soort": F("kind")}


def moments_of_person(person, *, window):
    """What `person` takes part in (services.people_involved) or coordinates (a coordinator
    role whose scope holds the moment), whose window overlaps `window` (first day, last day):
    (moments, summaries). The moments they take part in are each their own; of those they only
    coordinate, the days with more than SAMEN_AGENDA_SUMMARY_ABOVE of a kind are counted
    (summaries: dicts of start, end, soort, n; one grouped query) and the rest are moments too
    (_Light rows, not instances), by date."""
    assignments, places, near, coordinated = _reach(person, window)
    if not assignments:
        return [], []
    only = coordinated & ~_taking_part(person, assignments, places)
    own = _individual(person, near, coordinated, only, window)
    # Each moment once: every filter is on the moment's own columns (_place resolves boards
    # and groupings into school ids), no join that could repeat a row.
    theirs = ReviewMoment.objects.filter(only, in_window(*window))
    groups = list(
        theirs.values(**_day_and_kind()).annotate(n=Count("pk")).order_by("start", "soort", "end")
    )
    above = settings.SAMEN_AGENDA_SUMMARY_ABOVE
    summaries = [g for g in groups if g["n"] > above]
    few = {(g["start"], g["end"], g["soort"]) for g in groups if g["n"] <= above}
    rows = theirs.filter(due_on__in={end for _start, end, _kind in few}).values_list(*_Light.ROW)
    light = [_Light(row) for row in rows if (row[2] or row[3], row[3], row[10]) in few]
    return sorted(own + light, key=lambda m: (m.due_on, m.pk)), summaries


class _Light:
    """A moment one only coordinates, from a row of values (no instance, no joined models):
    what review_moments shows of it, under ReviewMoment's names."""

    ROW = (
        "pk",
        "title",
        "starts_on",
        "due_on",
        "done_on",
        "school__name",
        "school__place",
        "partner__organisation__name",
        "partner__organisation__short_name",
        "cycle_activity__activity",
        "kind",
        "cycle_activity_id",
    )
    __slots__ = ("pk", "title", "starts_on", "due_on", "done_on", "place", "activity")
    __slots__ += ("cycle_activity_id",)
    Status = ReviewMoment.Status
    status_on = ReviewMoment.status_on
    window_start = ReviewMoment.window_start

    def __init__(self, row):
        self.pk, self.title, self.starts_on, self.due_on, self.done_on = row[:5]
        school, place, board, short, self.activity, _kind, self.cycle_activity_id = row[5:]
        # As str() of the School, or of the Partner (its Organisation), says it.
        self.place = f"{school} ({place})" if school is not None else (short or board)

    @property
    def cycle_activity(self):
        return self  # its .activity


def feed_version(person, *, today):
    """The version of the person's moments in the feed: their reach (assignments) and the
    count and latest change (ReviewMoment.updated_at) of the moments it holds in the window,
    from one aggregate query. The same as long as review_moments gives the same events (but
    for the names of schools and boards, which change the next day's version at the latest)."""
    window = calendar.feed_window(today)
    assignments, places, near, _coordinated = _reach(person, window)
    reach = sorted(  # with the schools a board or grouping holds: one may change hands
        (a.pk, a.role, a.school_id, a.partner_id, a.grouping_id, a.schooljaar_from)
        + (a.schooljaar_to, str(places[a.pk]))
        for a in assignments
    )
    found = {}
    if assignments:
        found = ReviewMoment.objects.filter(near, in_window(*window)).aggregate(
            n=Count("pk"), last=Max("updated_at")
        )
    return f"{window}|{bool(person.email)}|{reach}|{found}|{origin.absolute('/')}"


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


class Feed:
    """The person's agenda as iCalendar: its ETag, when it last changed (a datetime, whole
    seconds) and its content, made only when asked for (content()): a calendar app that has
    this version gets 304 from the version alone (samen.calendar.version_for)."""

    def __init__(self, etag, last_modified, body=None, make=None):
        self.etag, self.last_modified = etag, last_modified
        self._body, self._make = body, make

    def content(self):
        if self._body is None:
            self._body, _hash = self._make()
        return calendar.stamped(self._body, self.last_modified)


def feed(person, *, name, today):
    """The person's agenda (Feed): the events every app adds to it (samen.calendar) within
    the feed's window, each all day over its window, in a calendar called `name`. Its ETag is
    the hash of the sources' versions (or, when one has none, of the body); when it last
    changed is remembered per person with the ETag (in the cache): the first time an ETag is
    seen is its Last-Modified, and its DTSTAMP. Run in the person's partnership scope."""

    def make():
        return calendar.to_ics(calendar.events_for(person, today=today), name=name)

    version, body = calendar.version_for(person, today=today), None
    if version is None:
        body, etag = make()
    else:
        etag = hashlib.sha256(f"{version}|{name}".encode()).hexdigest()[:32]
    key = f"cycle:agenda:{person.pk}"
    seen = cache.get(key)
    if seen is not None and seen[0] == etag:
        changed = dt.datetime.fromtimestamp(seen[1], tz=dt.UTC)
    else:
        changed = timezone.now().replace(microsecond=0)
        cache.set(key, (etag, int(changed.timestamp())), timeout=None)
    return Feed(etag, changed, body=body, make=make)


def person_for_token(token):
    """The person a feed secret belongs to in the active partnership, or None: also None when
    their account is deactivated or they hold no role in the partnership any more (as
    Access.may_enter asks of anyone who logs in; the feed holds nothing from grants alone).
    One query, so that a 304 stays cheap."""
    if not token:
        return None
    found = (
        CalendarToken.objects.filter(token=token, person__user__is_active=True)
        .filter(Exists(RoleAssignment.objects.filter(person=OuterRef("person"))))
        .select_related("person")
        .first()
    )
    return found.person if found is not None else None


# --- The moments in the feed ------------------------------------------------------------


def _day(day, months):
    return f"{day.day} {months[day.month]} {day.year}"


def review_moments(person, *, today):
    """The person's moments (moments_of_person) in the feed's window, each over its window.
    The texts that are the same for every moment are translated once, not per moment."""
    months = {n: str(name) for n, name in MONTHS.items()}
    period, status, where = (
        _("Periode: %(start)s t/m %(end)s"),
        _("Status: %(status)s"),
        _("Waar: %(place)s"),
    )
    labels = {value: str(label) for value, label in ReviewMoment.Status.choices}
    slug = person.partnership.slug
    # The moment's page is the moments' list's path and its number (cycle/urls.py).
    link = origin.absolute(reverse("cycle:moment", kwargs={"partnership_slug": slug, "pk": 0}))
    link = link.removesuffix("0/")
    moments, summaries = moments_of_person(person, window=calendar.feed_window(today))
    yield from _summaries(summaries, slug, months)
    for moment in moments:
        lines = [
            period
            % {"start": _day(moment.window_start, months), "end": _day(moment.due_on, months)},
            status % {"status": labels[moment.status_on(today)]},
        ]
        if moment.place is not None:
            lines.append(where % {"place": moment.place})
        if moment.cycle_activity_id:
            lines.append(moment.cycle_activity.activity)
        yield calendar.Event(
            uid=f"reviewmoment-{moment.pk}@{slug}.samen",
            title=moment.title,
            start=moment.window_start,
            end=moment.due_on,
            url=f"{link}{moment.pk}/",
            description="\n".join(lines),
        )


def _summaries(summaries, slug, months):
    """One event per day and kind of the moments one only coordinates (moments_of_person),
    linking to that day's moments of the kind in the moments' list."""
    title, period = _("%(kind)s: %(count)s momenten"), _("Periode: %(start)s t/m %(end)s")
    what = _("Momenten die in deze periode vallen en die worden gecoördineerd; de link toont ze.")
    kinds = {value: str(label) for value, label in ReviewMoment.Kind.choices}
    moments = origin.absolute(reverse("cycle:moments", kwargs={"partnership_slug": slug}))
    for row in summaries:
        start, end, kind = row["start"], row["end"], row["soort"]
        yield calendar.Event(
            uid=f"reviewmoments-{kind}-{start:%Y%m%d}-{end:%Y%m%d}@{slug}.samen",
            title=title % {"kind": kinds.get(kind, kind), "count": row["n"]},
            start=start,
            end=end,
            url=f"{moments}?dag={start:%Y-%m-%d}&soort={kind}",
            description=period % {"start": _day(start, months), "end": _day(end, months)}
            + "\n"
            + what,
        )


calendar.register("cycle.review_moments", review_moments, version=feed_version)
