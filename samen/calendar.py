"""The sources of a person's agenda (the ICS feed): each app registers what it adds.

A source is a callable `source(person, *, today) -> iterable of Event`, run inside the
person's partnership scope: cycle adds the review moments the person takes part in
(cycle/agenda.py); placements adds the deadlines of their forms the same way, without
cycle — which serves the feed — importing placements. It sits on the ground floor for that
reason: the feed's owner and the apps that fill it meet here, and the arrows keep running
down. Apps register in `<app>/agenda.py`, which SamenConfig.ready() imports.

    calendar.register("cycle.review_moments", review_moments)
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Event:
    """One entry of the agenda: an all-day event from `start` to `end` (both included)."""

    uid: str  # stable and unique across the platform, e.g. "reviewmoment-12@samen"
    title: str
    start: dt.date
    end: dt.date
    url: str = ""  # an absolute link to the page it is about
    description: str = ""


Source = Callable[..., Iterable[Event]]

_SOURCES: dict[str, Source] = {}


def register(name: str, source: Source) -> Source:
    """Adds a source under a name; a name is registered once."""
    if name in _SOURCES:
        raise ImproperlyConfigured(f"Agenda source {name!r} is registered twice.")
    _SOURCES[name] = source
    return source


def unregister(name: str) -> None:
    """Forgets a source (tests register their own and clean up after themselves)."""
    _SOURCES.pop(name, None)


def sources() -> dict[str, Source]:
    return dict(_SOURCES)


def events_for(person, *, today) -> list[Event]:
    """Every source's events for `person`, by date (call it in the person's partnership scope)."""
    events = [event for source in _SOURCES.values() for event in source(person, today=today)]
    return sorted(events, key=lambda e: (e.start, e.title, e.uid))
