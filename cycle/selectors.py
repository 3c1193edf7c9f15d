"""Reads of the kwaliteitscyclus's pages: the cycle by moment, the moments a person may see,
a month of the calendar as weeks of days, a schooljaar month by month — each summarised
(counts, with a way in) where it holds more than anyone reads at once."""

import calendar as stdlib_calendar
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce

from samen.schooljaar import Schooljaar

from .models import CycleActivity, ReviewMoment

#: The calendar's years: its pages answer 404 outside them, and no link points past them.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def cycle_by_moment(access):
    """The kwaliteitscyclus in reach, as [(moment label, [activities])] in the cycle's order."""
    activities = access.filter("cycle.view", CycleActivity.objects.all())
    return [
        (label, list(rows))
        for label, rows in groupby(activities, key=lambda a: a.get_moment_display())
    ]


def moments_in_reach(access):
    """The review moments `access` may see, with where they take place."""
    return access.filter("reviewmoment.view", ReviewMoment.objects.all()).select_related(
        "school", "partner__organisation"
    )


#: A day of the month shows its moments up to this many; more are counted, with a way in
#: (the moments' list of that day). The same for a month of the schooljaar.
DAY_LIMIT = 3
MONTH_LIMIT = 30


def _start():
    """A moment's first day: the start of its window, or its one day."""
    return Coalesce("starts_on", "due_on")


@dataclass(frozen=True)
class Entry:
    """A moment on a day of the month: where its window begins, or its last day."""

    moment: object
    begins: bool  # the first day of a window of more than one day


@dataclass(frozen=True)
class Day:
    date: dt.date
    in_month: bool
    is_today: bool
    count: int  # moments beginning or ending on it
    entries: list  # [Entry], when count <= DAY_LIMIT; otherwise empty (see count)

    @property
    def summarised(self):
        return self.count > len(self.entries)


@dataclass(frozen=True)
class Month:
    """A month of the calendar: its weeks (Monday first, with the days of the months around
    it to fill them), each day with the moments beginning or due on it, and the months next
    to it. `due` and `beginning`: how many moments have their last day in the month, and how
    many begin a window of more than one day in it."""

    first: dt.date
    weeks: list[list[Day]]
    due: int
    beginning: int

    @property
    def count(self):
        return self.due + self.beginning

    @property
    def previous(self):
        """The month before (its last day), if the calendar has it."""
        day = self.first - dt.timedelta(days=1)
        return day if day.year >= FIRST_YEAR else None

    @property
    def following(self):
        """The month after (its first day), if the calendar has it."""
        day = dt.date(self.first.year, self.first.month, self.days) + dt.timedelta(days=1)
        return day if day.year <= LAST_YEAR else None

    @property
    def days(self):
        return stdlib_calendar.monthrange(self.first.year, self.first.month)[1]


def month_grid(moments, year, month, *, today):
    """`moments` as a grid of the month's weeks: each moment on its last day and, if its
    window is longer, on its first. A day shows up to DAY_LIMIT of them, more are a count.
    Three queries (the counts per day of both kinds, the moments of the days that show
    them), however many moments the month holds."""
    first = dt.date(year, month, 1)
    last = dt.date(year, month, stdlib_calendar.monthrange(year, month)[1])
    weeks = stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    span = (first, last)  # the days of the months around it stay empty, as before
    longer = Q(starts_on__isnull=False, starts_on__lt=F("due_on"))
    due = dict(
        moments.filter(due_on__range=span).values_list("due_on").annotate(n=Count("pk")).order_by()
    )
    begins = dict(
        moments.filter(longer, starts_on__range=span)
        .values_list("starts_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {day: due.get(day, 0) + begins.get(day, 0) for day in set(due) | set(begins)}
    shown = {day for day, n in counts.items() if n <= DAY_LIMIT}
    by_day = defaultdict(list)
    if shown:
        rows = moments.filter(Q(due_on__in=shown) | longer & Q(starts_on__in=shown))
        for moment in rows.order_by("due_on", "title", "pk"):
            if moment.due_on in shown:
                by_day[moment.due_on].append(Entry(moment, begins=False))
            if moment.starts_on in shown and moment.starts_on < moment.due_on:
                by_day[moment.starts_on].append(Entry(moment, begins=True))
    grid = [
        [
            Day(day, day.month == month, day == today, counts.get(day, 0), by_day.get(day, []))
            for day in week
        ]
        for week in weeks
    ]
    return Month(first, grid, due=sum(due.values()), beginning=sum(begins.values()))


@dataclass(frozen=True)
class YearMonth:
    """A month of a schooljaar: the moments that begin in it (a one-day moment on its day),
    listed when there are at most MONTH_LIMIT, and counted per kind always."""

    first: dt.date
    count: int
    kinds: list  # [(kind value, label, count)], most first
    moments: list  # the moments, when count <= MONTH_LIMIT; otherwise empty

    @property
    def summarised(self):
        return self.count > len(self.moments)


def schooljaar_months(moments, year):
    """`moments` of schooljaar `year`, month by month of their first day (at its start, not
    its last day): [YearMonth]. Two queries (the counts per month and kind, the moments of the
    months that list them), however many moments the year holds."""
    rows = (
        moments.filter(schooljaar=year)
        .values_list("starts_on", "due_on", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )  # grouped by the columns themselves (no date function per row); months in Python
    labels = dict(ReviewMoment.Kind.choices)
    counted = defaultdict(Counter)  # month -> kind -> n
    for starts_on, due_on, kind, n in rows:
        start = starts_on or due_on
        counted[dt.date(start.year, start.month, 1)][kind] += n
    per_month = {
        month: [(kind, labels.get(kind, kind), n) for kind, n in kinds.items()]
        for month, kinds in counted.items()
    }
    totals = {month: sum(n for *_rest, n in kinds) for month, kinds in per_month.items()}
    listed = [month for month, n in totals.items() if n <= MONTH_LIMIT]
    by_month = defaultdict(list)
    if listed:
        window = Q(pk__in=[])
        for month in listed:
            window |= Q(start__year=month.year, start__month=month.month)
        for moment in (
            moments.filter(schooljaar=year)
            .annotate(start=_start())
            .filter(window)
            .order_by("start", "due_on", "title", "pk")
        ):
            by_month[dt.date(moment.start.year, moment.start.month, 1)].append(moment)
    return [
        YearMonth(
            month,
            totals[month],
            sorted(per_month[month], key=lambda k: (-k[2], str(k[1]))),
            by_month.get(month, []),
        )
        for month in sorted(per_month)
    ]


def neighbours(year):
    """The schooljaren before and after `year` that the calendar has (None past its ends)."""
    return (
        Schooljaar(year - 1) if year > FIRST_YEAR else None,
        Schooljaar(year + 1) if year < LAST_YEAR else None,
    )
