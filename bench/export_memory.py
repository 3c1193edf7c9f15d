"""Peak memory of exporting the placement list, at 10,000 and at 100,000 rows.

The coordinator downloads `/<partnership>/stages/?export=csv` and `?export=xlsx` through the
real view (permission filter, filters, columns, neutralising); the download is read to the end
as a browser would. Side by side, the baseline builds the same rows and columns in memory and
writes one CSV string, as the list exports did before they streamed.

Memory is the tracemalloc peak during the request and the download (Python's own heap) and
the growth of the process's peak resident set (VmHWM, reset before each run). Runs on SQLite
in a temporary folder, or on DATABASE_URL (a scratch database: dropped and created).

    .venv/bin/python bench/export_memory.py

The last line is the headline.
"""

import contextlib
import csv
import io
import os
import re
import sys
import time
import tracemalloc
from pathlib import Path

from _setup import setup_django

MIB = 1024 * 1024
SIZES = (10_000, 100_000)


def _peak_rss():
    match = re.search(r"VmHWM:\s+(\d+) kB", Path("/proc/self/status").read_text())
    return int(match.group(1)) * 1024 if match else 0


def _reset_peak_rss():
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    return _peak_rss()


def measured(fn):
    """Run `fn` twice: once for time and peak RSS, once under tracemalloc for the heap peak."""
    before = _reset_peak_rss()
    started = time.perf_counter()
    size = fn()
    seconds = time.perf_counter() - started
    rss = _peak_rss() - before
    tracemalloc.start()
    fn()
    _current, heap = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, heap, rss, size


def download(client, path):
    def run():
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return sum(len(chunk) for chunk in response.streaming_content)

    return run


def in_memory_baseline(partnership):
    """The same rows and columns, held in a list and written to one string."""
    from placements.views import PlacementList
    from samen.lists import _rows
    from samen.tenancy import in_partnership

    def run():
        with in_partnership(partnership):
            view = PlacementList()
            queryset = view.get_queryset().filter(partnership=partnership)
        columns = [c for c in PlacementList.columns if c.export]
        rows = list(_rows(queryset, columns, partnership, "nl", PlacementList.export_chunk))
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow([str(c.label) for c in columns])
        writer.writerows(rows)
        return len(out.getvalue().encode())

    return run


def main():
    os.environ.setdefault("SAMEN_REQUIRE_MFA", "false")
    setup_django()
    import lists
    from django.conf import settings
    from django.test import Client
    from django_scopes import scopes_disabled

    settings.ALLOWED_HOSTS = ["*"]
    results = {}
    for n in SIZES:
        started = time.perf_counter()
        with scopes_disabled():
            partnership, user = lists.build_placements(f"export{n}", n)
        print(f"{n:>7} placements built in {time.perf_counter() - started:.0f} s")
        client = Client()
        client.force_login(user)
        base = f"/{partnership.slug}/stages/?export="
        for label, fn in (
            ("csv", download(client, base + "csv")),
            ("xlsx", download(client, base + "xlsx")),
            ("in memory", in_memory_baseline(partnership)),
        ):
            seconds, heap, rss, size = measured(fn)
            results[n, label] = heap
            print(
                f"  {label:<9} {seconds:6.2f} s  {size / MIB:6.1f} MiB file   "
                f"heap peak {heap / MIB:6.1f} MiB   RSS growth {rss / MIB:6.1f} MiB"
            )
    big = SIZES[-1]
    worst = max(results[big, "csv"], results[big, "xlsx"])
    print(
        f"export @{big}: csv heap peak {results[big, 'csv'] / MIB:.1f} MiB, "
        f"xlsx {results[big, 'xlsx'] / MIB:.1f} MiB (at {SIZES[0]}: "
        f"{results[SIZES[0], 'csv'] / MIB:.1f} / {results[SIZES[0], 'xlsx'] / MIB:.1f} MiB) / "
        f"in memory {results[big, 'in memory'] / MIB:.1f} MiB = "
        f"{worst / results[big, 'in memory']:.2f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
