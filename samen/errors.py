"""The errors a person is told about instead of a 500: a business rule's refusal
(`DomainError`), and a write that lost a race for the database (`is_lost_race`).

A lost race: on SQLite (the embedded demo) a writer that waited its busy timeout for the one
write lock ("database is locked"); on PostgreSQL a serialization failure, a deadlock or a lock
timeout. The transaction was rolled back, so trying again is the answer: a page that takes a
step (samen.views.ActionView) says so on its form, any other request gets `BusyMiddleware`'s
503 page (autosave's htmx retries it by itself).
"""

import sqlite3

from django.db import OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

LOST_RACE_MESSAGE = _(
    "Iemand anders sloeg op hetzelfde moment iets op, daardoor lukte dit niet. Probeer het opnieuw."
)
#: PostgreSQL's SQLSTATEs of a lost race: serialization_failure, deadlock_detected,
#: lock_not_available (lock_timeout).
LOST_RACE_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
#: SQLite's primary result codes of a lock held by another (SQLITE_BUSY, also as BUSY_SNAPSHOT
#: and BUSY_TIMEOUT) or by the same connection (SQLITE_LOCKED).
LOST_RACE_SQLITE_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
#: Seconds a client is asked to wait before it tries again (the 503's Retry-After).
RETRY_AFTER = 5


class DomainError(Exception):
    """A business rule refused an operation. `message` is user-facing (translated) text."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def is_lost_race(exc):
    """Did this database error come from another writer holding what the request needed?"""
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    sqlstate = getattr(cause, "sqlstate", None)
    if sqlstate is not None:
        return sqlstate in LOST_RACE_SQLSTATES
    code = getattr(cause, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in LOST_RACE_SQLITE_CODES


class BusyMiddleware:
    """A request that lost a race for the database gets a 503 saying "probeer het opnieuw"
    (with Retry-After), never a 500 — in the demo (DEBUG) too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_lost_race(exception):
            return None
        # Without the request's context processors: the page asks nothing of the database.
        again = request.get_full_path() if request.method == "GET" else ""
        page = render_to_string("503.html", {"message": LOST_RACE_MESSAGE, "again": again})
        return HttpResponse(page, status=503, headers={"Retry-After": str(RETRY_AFTER)})
