"""The tests' clock (docs/testing.md): the world day, SAMEN_TEST_TODAY and the `dated` tests.

- The shared test world (tests/fixtures.py) is built at WORLD_DAY, and every test that uses it
  runs with the clock there (ticking), unless it travels itself: an inner
  `time_machine.travel(...)` wins. The world's placement (2026-09-07 → 2027-01-29), its
  schooljaar (2026) and its role assignments (from this schooljaar on) agree with that day, on
  whatever day the suite runs.
- `SAMEN_TEST_TODAY=YYYY-MM-DD` (or `YYYY-MM-DDTHH:MM`) moves the clock of the whole session
  (every xdist worker too) to that day, at the real time of day unless a time is given, and
  lets it tick: the suite runs as if today were that day.
- A test marked `dated` reads today's date and must hold on any date: with `--each-date`
  (bin/test passes it) it runs once more under each of DATES, each a copy of the test with the
  date in its id (`test_x[on-2027-08-01]`).

time-machine moves the Python clock of the whole process (live server threads, the Celery
worker thread); PostgreSQL's `now()` is not used by the code, and Chromium keeps its own clock.
"""

import datetime as dt
import os
from zoneinfo import ZoneInfo

import pytest
import time_machine

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

#: The day the test world lives on: a Wednesday (not the digest's Monday, nor a weekend) inside
#: the world's placement and in schooljaar 2026-2027, before its leergroep meeting
#: (2027-01-12) and its forms' due dates, and the last day the suite was written against.
WORLD_DAY = dt.datetime(2026, 12, 2, 10, 0, tzinfo=AMSTERDAM)
#: When the world is built: earlier that morning, so that whatever a test does comes after it
#: (the history of a person, "the latest" of anything, sorts as it would in real life).
WORLD_BUILT = WORLD_DAY - dt.timedelta(hours=1)

#: The days `--each-date` runs the `dated` tests on, besides the session's own: a Sunday and a
#: Monday (the weekly digest), the last and the first day of a schooljaar, a leap day, the last
#: day of a calendar year, and the two days the clocks change in Europe/Amsterdam, just after
#: the change (03:30 exists once in spring; 02:30 twice in autumn, the first, summer time, is
#: meant).
DATES = (
    "2026-12-06",
    "2026-12-07",
    "2027-07-31",
    "2027-08-01",
    "2028-02-29",
    "2026-12-31",
    "2027-03-28T03:30",
    "2027-10-31T02:30",
)

ENV = "SAMEN_TEST_TODAY"


def real_now():
    """The real time in Amsterdam, whatever the tests' clock says."""
    if time_machine.escape_hatch.is_travelling():
        return time_machine.escape_hatch.datetime.datetime.now(AMSTERDAM)
    return dt.datetime.now(AMSTERDAM)


def moment(text):
    """`YYYY-MM-DD` (at the real time of day) or `YYYY-MM-DDTHH:MM`, in Europe/Amsterdam."""
    try:
        if "T" in text:
            return dt.datetime.fromisoformat(text).replace(tzinfo=AMSTERDAM)
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise pytest.UsageError(f"{text!r} is not YYYY-MM-DD or YYYY-MM-DDTHH:MM") from None
    return dt.datetime.combine(day, real_now().time().replace(tzinfo=None), tzinfo=AMSTERDAM)


def travel(destination):
    """The clock at `destination`, ticking (a context manager)."""
    return time_machine.travel(destination, tick=True)


# --- The plugin (registered by conftest.py) ------------------------------------------------

_session_travel = None


def pytest_addoption(parser):
    parser.addoption(
        "--each-date",
        action="store_true",
        help="run every test marked `dated` once more under each date of tests/clock.py DATES",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    global _session_travel
    config.addinivalue_line(
        "markers",
        "dated: reads today's date and holds on any date; `--each-date` runs it under every "
        "date of tests/clock.py DATES",
    )
    today = os.environ.get(ENV)
    if today and _session_travel is None:
        _session_travel = travel(moment(today))
        _session_travel.start()


def pytest_unconfigure(config):
    global _session_travel
    if _session_travel is not None:
        _session_travel.stop()
        _session_travel = None


def pytest_report_header(config):
    today = os.environ.get(ENV)
    clock = f"{ENV}={today}: the clock starts at {dt.datetime.now(AMSTERDAM):%Y-%m-%d %H:%M %Z}"
    lines = [clock if today else f"the real clock ({ENV} not set)"]
    lines.append(f"the world day: {WORLD_DAY:%A %Y-%m-%d %H:%M %Z}")
    if config.getoption("each_date"):
        lines.append(f"dated tests also run on: {', '.join(DATES)}")
    return lines


def pytest_generate_tests(metafunc):
    if not metafunc.config.getoption("each_date"):
        return
    if metafunc.definition.get_closest_marker("dated") is None:
        return
    metafunc.parametrize(
        "_dated_day",
        [None, *DATES],
        indirect=True,
        ids=["today", *(f"on-{d}" for d in DATES)],
    )


@pytest.fixture(autouse=True)
def _dated_day(request):
    """A copy of a `dated` test under one of DATES (see pytest_generate_tests)."""
    day = getattr(request, "param", None)
    if day is None:
        yield None
        return
    with travel(moment(day)):
        yield day
