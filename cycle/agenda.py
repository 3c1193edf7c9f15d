"""The agenda-koppeling (ICS feed): the review moments each person takes part in or
coordinates, which cycle adds to their feed (samen.calendar's registry: over their window,
within the feed's window), the secret in the feed's URL, and the feed itself as iCalendar
(served by cycle/views.py).
"""

import datetime as dt
import secrets
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from partnerships.models import Grouping
from roles.models import RoleAssignment
from samen import calendar, origin
from samen.permissions import COORDINATOR_ROLES, OutOfReach
from samen.schooljaar import Schooljaar

from . import services
from .models import CalendarToken, ReviewMoment


def _assignments(person, first, last):
    """The person's role assignments that hold in some schooljaar from `first` to `last`."""
    return list(
        RoleAssignment.objects.filter(person=person, schooljaar_from__lte=last)
        .filter(Q(schooljaar_to__isnull=True) | Q(schooljaar_to__gte=first))
        .select_related("school")
    )


def _place(a):
    """The moments an assignment's scope holds (as a filter), in its schooljaren."""
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
    return place & year


def _holds(a, moment, grouping_schools):
    """Whether assignment `a`'s scope holds `moment` (the filter of _place, in Python)."""
    if a.schooljaar_from > moment.schooljaar or (
        a.schooljaar_to is not None and a.schooljaar_to < moment.schooljaar
    ):
        return False
    if a.is_partnership_wide:
        return True
    if a.school_id:
        return moment.school_id == a.school_id or (
            not moment.school_id and moment.partner_id == a.school.board_id
        )
    if a.partner_id:
        board = moment.school.board_id if moment.school_id else moment.partner_id
        return board == a.partner_id
    return moment.school_id in grouping_schools[a.grouping_id]


def in_window(first_day, last_day):
    """The moments whose window (starts_on to due_on) overlaps the days given."""
    return Q(due_on__gte=first_day) & (
        Q(starts_on__lte=last_day) | Q(starts_on__isnull=True, due_on__lte=last_day)
    )


def moments_of_person(person, *, window):
    """The moments `person` takes part in (services.people_involved) or coordinates (a
    coordinator role whose scope holds the moment), whose window overlaps `window` (first
    day, last day), by date. The moments their assignments could reach (one query, bounded by
    the window); the coordinated ones are theirs at once, the others by the rule the reminders
    use (services.people_involved_many, for those only)."""
    first_day, last_day = window
    assignments = _assignments(
        person, Schooljaar.of(first_day).start_year, Schooljaar.of(last_day).start_year
    )
    if not assignments:
        return []
    near = Q(pk__in=[])
    for a in assignments:
        near |= _place(a)
    candidates = list(
        ReviewMoment.objects.filter(near, in_window(first_day, last_day))
        .select_related("school", "partner__organisation", "cycle_activity")
        .distinct()
        .order_by("due_on", "pk")
    )
    coordinating = [a for a in assignments if a.role in COORDINATOR_ROLES]
    grouping_schools = defaultdict(set)
    if any(a.grouping_id for a in coordinating):
        for grouping_id, school_id in Grouping.schools.through.objects.filter(
            grouping_id__in={a.grouping_id for a in coordinating}
        ).values_list("grouping_id", "school_id"):
            grouping_schools[grouping_id].add(school_id)
    coordinated = {
        m.pk for m in candidates if any(_holds(a, m, grouping_schools) for a in coordinating)
    }
    involved = services.people_involved_many([m for m in candidates if m.pk not in coordinated])
    return [
        m
        for m in candidates
        if m.pk in coordinated or any(p.pk == person.pk for p in involved[m.pk])
    ]


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


@dataclass(frozen=True)
class Feed:
    """The person's agenda as iCalendar: its body (with samen.calendar.STAMP for DTSTAMP),
    its ETag (the body's hash) and when it last changed (a datetime, whole seconds)."""

    body: str
    etag: str
    last_modified: dt.datetime

    def content(self):
        return calendar.stamped(self.body, self.last_modified)


def feed(person, *, name, today):
    """The person's agenda (Feed): the events every app adds to it (samen.calendar) within
    the feed's window, each all day over its window, in a calendar called `name`. When it last
    changed is remembered per person with the body's hash (in the cache): the first time a
    body is seen is its Last-Modified, and its DTSTAMP. Run in the person's partnership scope."""
    body, etag = calendar.to_ics(calendar.events_for(person, today=today), name=name)
    key = f"cycle:agenda:{person.pk}"
    seen = cache.get(key)
    if seen is not None and seen[0] == etag:
        changed = dt.datetime.fromtimestamp(seen[1], tz=dt.UTC)
    else:
        changed = timezone.now().replace(microsecond=0)
        cache.set(key, (etag, int(changed.timestamp())), timeout=None)
    return Feed(body, etag, changed)


def person_for_token(token):
    """The person a feed secret belongs to in the active partnership, or None."""
    if not token:
        return None
    found = CalendarToken.objects.filter(token=token).select_related("person").first()
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
    for moment in moments_of_person(person, window=calendar.feed_window(today)):
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


calendar.register("cycle.review_moments", review_moments)
