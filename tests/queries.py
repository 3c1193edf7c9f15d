"""Counting a page's queries, for the tests that say a page's queries do not grow with its rows.

`page_queries` returns the SQL itself, not only how many: when two counts differ, the message
shows both lists, so a failure in CI says which query came or went instead of only "9 != 10".
"""

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext


def page_queries(client, path, params=None):
    """The SQL of one GET of `path` (which must answer 200), in order."""
    reset_queries()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, params or {})
    assert response.status_code == 200, f"{path}: {response.status_code}"
    # Read now: `captured_queries` slices the connection's log, which the next request resets.
    return [q["sql"] for q in ctx.captured_queries]


def assert_same_queries(few, many, what="rows"):
    """The page asked as many queries with few rows as with many; if not, show both lists."""
    assert len(few) == len(many), "\n".join(
        [f"{len(few)} queries with few {what}, {len(many)} with many:"]
        + [f"  few:  {q}" for q in few]
        + [f"  many: {q}" for q in many]
    )
