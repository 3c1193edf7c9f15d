"""Reads of the kwaliteitscyclus's pages: the cycle by moment, the moments a person may see,
a month of the calendar as weeks of days, a schooljaar month by month."""

import calendar as stdlib_calendar
import datetime as dt
from dataclasses import dataclass
from itertools import groupby

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


@dataclass(frozen=True)
class Day:
    date: dt.date
    in_month: bool
    is_today: bool
    moments: list


@dataclass(frozen=True)
class Month:
    """A month of the calendar: its weeks (Monday first, with the days of the months around
    it to fill them), each day with the moments due on it, and the months next to it."""

    first: dt.date
    weeks: list[list[Day]]
    count: int

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
    """`moments` due in the month, each on its last day, as a grid of weeks. One query."""
    first = dt.date(year, month, 1)
    last = dt.date(year, month, stdlib_calendar.monthrange(year, month)[1])
    by_day = {}
    for moment in moments.filter(due_on__range=(first, last)).order_by("due_on", "pk"):
        by_day.setdefault(moment.due_on, []).append(moment)
    weeks = [
        [Day(day, day.month == month, day == today, by_day.get(day, [])) for day in week]
        for week in stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    return Month(first, weeks, sum(len(v) for v in by_day.values()))


def schooljaar_months(moments, year):
    """`moments` of schooljaar `year`, month by month (by their last day): [(the month's first
    day, [moments])]. One query."""
    rows = moments.filter(schooljaar=year).order_by("due_on", "title", "pk")
    return [
        (dt.date(y, m, 1), list(items))
        for (y, m), items in groupby(rows, key=lambda r: (r.due_on.year, r.due_on.month))
    ]


def neighbours(year):
    """The schooljaren before and after `year` that the calendar has (None past its ends)."""
    return (
        Schooljaar(year - 1) if year > FIRST_YEAR else None,
        Schooljaar(year + 1) if year < LAST_YEAR else None,
    )
