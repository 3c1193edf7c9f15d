"""Memory and time of samen.uploads.read_upload on the largest files it accepts.

Builds, with the people-import columns (voornaam, tussenvoegsel, achternaam, e-mail, rol,
school, schooljaar) and MAX_ROWS data rows:
  - realistic: the values a partnership would upload, as .xlsx (openpyxl) and as .csv;
  - at the limits: every cell padded until the file is just under the limits the reader
    checks (2 MB uploaded; for .xlsx also 10 MB unpacked), as .xlsx and as .csv;
and two hostile workbooks that pass the zip checks (the heaviest the reader still parses):
  - shared strings just under the 4 MB part limit;
  - a sheet without dimensions just under 10 MB unpacked (openpyxl parses it whole on opening).

Each file is read in a fresh process (Django set up, no database: the reader uses none) that
reports the tracemalloc peak, how far the first read lifted the process's maximum resident
set (ru_maxrss, its peak reset just before on Linux) and the median time of 5 reads without
tracing. Last line: the headline figures.

    .venv/bin/python bench/upload_memory.py
"""

import contextlib
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from _setup import ROOT

RUNS = 5


def _django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samen.settings")
    os.environ.setdefault("SAMEN_VAR_DIR", tempfile.mkdtemp(prefix="samen-bench-"))
    os.environ.setdefault("SAMEN_REQUIRE_MFA", "false")
    import django

    django.setup()


# --- the child: measure one file -----------------------------------------------------------------


def _reset_peak_rss():
    """Resets the process's maximum resident set to the current one (Linux: clear_refs 5), so
    ru_maxrss afterwards is the peak of what follows. Returns the resident set now (KiB)."""
    # Elsewhere ru_maxrss keeps the peak of Django's start-up, and the growth reads low.
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(path, options):
    _django()
    from samen.uploads import UploadError, read_upload

    data = Path(path).read_bytes()

    def read():
        try:
            upload = read_upload(data, **options)
        except UploadError as exc:
            return f"refused: {exc.message}"
        return f"{len(upload)} rows read, {len(upload.row_errors)} row errors"

    rss_before = _reset_peak_rss()
    started = time.perf_counter()
    outcome = read()
    first = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times = [first]
    for _ in range(RUNS - 1):
        started = time.perf_counter()
        read()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    read()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        json.dumps(
            {
                "outcome": outcome,
                "peak_mib": peak / 2**20,
                # The resident set before the first read and its peak during it (ru_maxrss,
                # KiB on Linux): the read may reuse memory Django's start-up freed.
                "rss_before_mib": rss_before / 1024,
                "rss_growth_mib": max(rss_after - rss_before, 0) / 1024,
                "seconds": statistics.median(times),
            }
        )
    )


# --- the parent: build the files, measure each in its own process -------------------------------


def build_files(folder):
    import zipfile

    from samen import uploads
    from tests.upload_fixtures import (
        PEOPLE_COLUMNS,
        csv_bytes,
        handmade_xlsx,
        people_rows,
        workbook,
        x_rows,
    )

    rows = uploads.MAX_ROWS

    def unpacked(data):
        return sum(m.file_size for m in zipfile.ZipFile(io.BytesIO(data)).infolist())

    def padded_rows(pad):
        # Distinct text in every cell (so neither shared strings nor deflate can fold it).
        return [
            [
                f"{value} {i:05d}{c}{'abcdefghij' * (pad // 10)}"[: uploads.MAX_FIELD_CHARS]
                for c, value in enumerate(row)
            ]
            for i, row in enumerate(people_rows(rows))
        ]

    def largest(build, fits):
        low, high, best = 0, uploads.MAX_FIELD_CHARS, None
        while low <= high:  # the largest padding whose file the reader still accepts
            pad = (low + high) // 2
            data = build(pad)
            if fits(data):
                best, low = data, pad + 1
            else:
                high = pad - 1
        return best

    def xlsx_fits(data):
        return (
            len(data) <= uploads.MAX_UPLOAD_BYTES
            and unpacked(data) <= uploads.MAX_UNCOMPRESSED_BYTES
        )

    files = {
        "xlsx realistic": workbook([PEOPLE_COLUMNS, *people_rows(rows)]),
        "csv realistic": csv_bytes([PEOPLE_COLUMNS, *people_rows(rows)]),
        "xlsx at the limits": largest(
            lambda pad: workbook([PEOPLE_COLUMNS, *padded_rows(pad)]), xlsx_fits
        ),
        "csv at the limits": largest(
            lambda pad: csv_bytes([PEOPLE_COLUMNS, *padded_rows(pad)]),
            lambda data: len(data) <= uploads.MAX_UPLOAD_BYTES,
        ),
    }
    strings = 1000
    while True:  # shared strings just under the part limit
        data = handmade_xlsx(x_rows(1), strings=[f"s{i:07d}" for i in range(strings)])
        member = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/sharedStrings.xml")
        if member.file_size > uploads.MAX_PART_BYTES:
            break
        files["hostile: shared strings at 4 MB"], strings = data, int(strings * 1.05)
    count = uploads.MAX_UNCOMPRESSED_BYTES // 50
    while not xlsx_fits(data := handmade_xlsx(x_rows(count))):  # just under 10 MB unpacked
        count = int(count * 0.99)
    files["hostile: 10 MB sheet, no dimensions"] = data
    paths = {}
    for label, data in files.items():
        path = Path(folder) / (label.replace(" ", "-").replace(":", "") + ".bin")
        path.write_bytes(data)
        paths[label] = (path, len(data), unpacked(data) if data[:2] == b"PK" else len(data))
    return paths


def main():
    _django()
    with tempfile.TemporaryDirectory() as folder:
        paths = build_files(folder)
        results = {}
        print(
            f"{'file':38} {'size':>9} {'unpacked':>9} {'time':>8} {'peak':>9} "
            f"{'rss':>8} {'maxrss+':>8}"
        )
        for label, (path, size, raw) in paths.items():
            people = not label.startswith("hostile")
            child = subprocess.run(
                [sys.executable, __file__, "--measure", str(path), "people" if people else "-"],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            result = json.loads(child.stdout.strip().splitlines()[-1])
            results[label] = result
            print(
                f"{label:38} {size / 1024:7.0f} K {raw / 1024:7.0f} K "
                f"{result['seconds'] * 1000:6.0f} ms {result['peak_mib']:5.1f} MiB "
                f"{result['rss_before_mib']:4.0f} MiB {result['rss_growth_mib']:4.1f} MiB  "
                f"{result['outcome']}"
            )
    big_x, big_c = results["xlsx at the limits"], results["csv at the limits"]
    real_x, real_c = results["xlsx realistic"], results["csv realistic"]
    print(
        f"upload reader @2000 rows: xlsx peak {big_x['peak_mib']:.1f} MiB "
        f"({big_x['seconds']:.2f} s) / csv peak {big_c['peak_mib']:.1f} MiB "
        f"({big_c['seconds']:.2f} s) at the limits; realistic xlsx {real_x['peak_mib']:.1f} MiB "
        f"({real_x['seconds']:.2f} s) / csv {real_c['peak_mib']:.1f} MiB "
        f"({real_c['seconds']:.2f} s)"
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        sys.path.insert(0, str(ROOT))
        from tests.upload_fixtures import PEOPLE

        measure(sys.argv[2], PEOPLE if sys.argv[3] == "people" else {})
    else:
        main()
