"""The sources of a person's agenda (the ICS feed): each app registers what it adds.

A source is a callable `source(person, *, today) -> iterable of Event`, run inside the
person's partnership scope: cycle adds the review moments the person takes part in
(cycle/agenda.py); placements adds the deadlines of their forms the same way, without
cycle — which serves the feed — importing placements. It sits on the ground floor for that
reason: the feed's owner and the apps that fill it meet here, and the arrows keep running
down. Apps register in `<app>/agenda.py`, which SamenConfig.ready() imports.

    calendar.register("cycle.review_moments", review_moments)

The feed holds a window (feed_window: some months back to the end of the next schooljaar), so
it costs what the window holds, not the partnership's history; it is written by to_ics.

A source may also give its version: `version(person, *, today) -> str`, from a query far
cheaper than the events (a count and the latest change of its rows in the window), the same
as long as its events are. version_for() combines them, so a calendar app that has this
version gets 304 before any event is made.

    calendar.register("cycle.review_moments", review_moments, version=review_moments_version)
"""

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .schooljaar import Schooljaar


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
_VERSIONS: dict[str, Callable[..., str]] = {}


def register(name: str, source: Source, *, version: Callable[..., str] | None = None) -> Source:
    """Adds a source under a name, with its version if it has one; a name is registered once."""
    if name in _SOURCES:
        raise ImproperlyConfigured(f"Agenda source {name!r} is registered twice.")
    _SOURCES[name] = source
    if version is not None:
        _VERSIONS[name] = version
    return source


def unregister(name: str) -> None:
    """Forgets a source (tests register their own and clean up after themselves)."""
    _SOURCES.pop(name, None)
    _VERSIONS.pop(name, None)


def version_for(person, *, today) -> str | None:
    """The version of the person's agenda (a hash of every source's version and the day), or
    None when a source has none: then only the body itself can tell."""
    parts = [f"today={today}"]
    for name in _SOURCES:
        version = _VERSIONS.get(name)
        if version is None:
            return None
        parts.append(f"{name}={version(person, today=today)}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def sources() -> dict[str, Source]:
    return dict(_SOURCES)


def feed_window(today) -> tuple[dt.date, dt.date]:
    """The days the feed holds: from the first of the month SAMEN_AGENDA_MONTHS_BACK months
    before `today` to the last day of the next schooljaar. A source gives what overlaps it."""
    back = settings.SAMEN_AGENDA_MONTHS_BACK
    year, month = divmod(today.year * 12 + today.month - 1 - back, 12)
    return dt.date(year, month + 1, 1), Schooljaar(Schooljaar.of(today).start_year + 1).last_day


def events_for(person, *, today) -> list[Event]:
    """Every source's events for `person`, by date (call it in the person's partnership scope)."""
    events = [event for source in _SOURCES.values() for event in source(person, today=today)]
    return sorted(events, key=lambda e: (e.start, e.title, e.uid))


# --- The feed as iCalendar (RFC 5545) -------------------------------------------------------

#: Stands for DTSTAMP while the body is hashed: the stamp is the time the body last changed,
#: which is known only once its hash is.
STAMP = "\x00STAMP\x00"
_ESCAPES = str.maketrans({"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n", "\r": ""})


def _fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    if len(line) <= 75 and line.isascii():
        return line
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1  # not inside a character
        parts.append(data[start:end].decode())
        start, limit = end, 74  # a continuation line starts with a space
    return "\r\n ".join(parts)


def _text(value: str) -> str:
    return value.translate(_ESCAPES)


def _event_lines(event: Event) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        _fold(f"UID:{_text(event.uid)}"),
        f"DTSTAMP:{STAMP}",
        _fold(f"SUMMARY:{_text(event.title)}"),
        f"DTSTART;VALUE=DATE:{event.start:%Y%m%d}",
        # All day: DTEND is the day after the last.
        f"DTEND;VALUE=DATE:{event.end + dt.timedelta(days=1):%Y%m%d}",
    ]
    if event.url:
        lines.append(_fold(f"URL:{event.url}"))
    if event.description:
        lines.append(_fold(f"DESCRIPTION:{_text(event.description)}"))
    lines.append("END:VEVENT")
    return lines


def to_ics(events: Iterable[Event], *, name: str) -> tuple[str, str]:
    """The events as an iCalendar body with STAMP for DTSTAMP, and the body's hash (the
    feed's ETag). Written line by line: a feed of a thousand events in milliseconds."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Samen//Kwaliteitscyclus//NL",
        "CALSCALE:GREGORIAN",
        _fold(f"X-WR-CALNAME:{_text(name)}"),
    ]
    for event in events:
        lines += _event_lines(event)
    lines.append("END:VCALENDAR")
    body = "\r\n".join(lines) + "\r\n"
    return body, hashlib.sha256(body.encode()).hexdigest()[:32]


def stamped(body: str, moment: dt.datetime) -> bytes:
    """The body with its DTSTAMP: `moment` in UTC."""
    return body.replace(STAMP, f"{moment.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}").encode()
