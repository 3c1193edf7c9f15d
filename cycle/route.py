"""A school's training-school route as the kwaliteitscyclus reads it (docs/kwaliteitscyclus.md):
when it entered the route (its latest verkennend gesprek), the board's go or no-go after that,
and its 0-meting (the nulmeting step, its start as opleidingsschool).

The route is what happened; the cycle's route moments ("voor de start", "start") are what the
seed asks for. A route moment is done when the route records its step — the verkennend
gesprek on the day of that step, the go/no-go (afstemmingsgesprek) on the day of the board's
go or no-go, the 0-meting on the day of the nulmeting — and by nothing else: a moment whose
step the route has not recorded stays open, however long ago its window closed.
"""

import datetime as dt
from typing import NamedTuple

from django.utils import timezone

from partnerships.models import TrainingPathStep, TrainingStatus
from samen.schooljaar import Schooljaar

from .models import ReviewMoment

Kind = ReviewMoment.Kind
#: The steps of the route that make or mark the cycle's route moments.
STEPS = (
    TrainingStatus.VERKENNEND,
    TrainingStatus.GO,
    TrainingStatus.NO_GO,
    TrainingStatus.NULMETING,
)
#: The route moments the route itself marks done, by their kind.
ROUTE_KINDS = frozenset({Kind.VERKENNEND_GESPREK, Kind.AFSTEMMINGSGESPREK, Kind.NULMETING})


def _year(day):
    return Schooljaar.of(day).start_year if day is not None else None


class Route(NamedTuple):
    """One school's route since it last entered it (a school that stopped and entered again
    starts a new route at its new verkennend gesprek)."""

    entered: dt.date | None = None  # its latest verkennend gesprek
    decided: dt.date | None = None  # the board's go or no-go after it
    go: bool = False  # … and it was a go
    started: dt.date | None = None  # its 0-meting (nulmeting step)

    @property
    def entry_year(self):
        return _year(self.entered)

    @property
    def started_year(self):
        return _year(self.started)

    @property
    def start(self):
        """(schooljaar, day) of its start moment (the 0-meting, seed row "Start van de
        opleidingsschool"): planned from the board's go; from the nulmeting itself when the
        portal knows of no go. None: not (yet) to start (no go, or a no-go)."""
        if self.go:
            return _year(self.decided), self.decided
        if self.started is not None and self.decided is None:
            return self.started_year, self.started
        return None

    def done_on(self, kind):
        """The day the route did the route moment of `kind`, or None."""
        return {
            Kind.VERKENNEND_GESPREK: self.entered,
            Kind.AFSTEMMINGSGESPREK: self.decided,
            Kind.NULMETING: self.started,
        }.get(kind)


def routes(schools):
    """{school pk: Route} of `schools`, from their route steps, in one query."""
    found = {}
    steps = (
        TrainingPathStep.objects.filter(school__in=schools, status__in=STEPS)
        .order_by("on", "pk")
        .values_list("school_id", "status", "on")
    )
    for school_id, status, on in steps:
        route = found.get(school_id, Route())
        if status == TrainingStatus.VERKENNEND:
            route = Route(entered=on)
        elif status == TrainingStatus.NULMETING:
            route = route._replace(started=on)
        else:
            route = route._replace(decided=on, go=status == TrainingStatus.GO)
        found[school_id] = route
    return found


def mark_done(moments, found):
    """Marks each open route moment of `moments` done on the day its school's route did it
    (Route.done_on), when that route is the one the moment belongs to (the school has not
    entered the route again since the moment's schooljaar). Returns the moments marked."""
    marked, now = [], timezone.now()
    for moment in moments:
        route = found.get(moment.school_id)
        if route is None or moment.done_on is not None:
            continue
        if route.entry_year is not None and route.entry_year > moment.schooljaar:
            continue  # a moment of an earlier route: it stays as it was
        day = route.done_on(moment.kind)
        if day is not None:
            moment.done_on, moment.updated_at = day, now
            marked.append(moment)
    ReviewMoment.objects.bulk_update(marked, ["done_on", "updated_at"])
    return marked
