"""Peak memory and time of importing the largest accepted file, end to end.

The people import and the school import are run as a projectcoördinator would: read the
upload (samen.uploads.read_upload), preview every row (nothing saved), then import all rows,
on a throw-away database (SQLite, or DATABASE_URL). The file holds MAX_ROWS data rows of
realistic values, as .xlsx and as .csv. Memory is the tracemalloc peak of each step and the
growth of the process's maximum resident set over the whole import.

    .venv/bin/python bench/import_memory.py

The last line is the headline.
"""

import contextlib
import io
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from _setup import setup_django

MIB = 1024 * 1024


def _reset_peak_rss():
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _step(label, fn):
    tracemalloc.start()
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  {label:<8} {seconds:6.2f} s   peak {peak / MIB:6.1f} MiB")
    return result, seconds, peak


def _people_rows(count, school):
    rows = [["voornaam", "tussenvoegsel", "achternaam", "e-mail", "rol", "school", "schooljaar"]]
    roles = ["mentor", "Schoolopleider", "Aankomende leraar", "coach"]
    for i in range(count):
        rows.append(
            [
                f"Voornaam{i}",
                "van" if i % 5 == 0 else "",
                f"Achternaam{i:05d}",
                f"persoon{i:05d}@example.org",
                roles[i % 4],
                school if i % 4 != 2 else "",
                "",
            ]
        )
    return rows


def _school_rows(count, board):
    rows = [["naam", "bestuur", "plaats", "adres", "postcode", "brin", "sector", "leerlingen"]]
    for i in range(count):
        rows.append(
            [
                f"Basisschool {i:05d}",
                board,
                "Lelystad",
                f"Schoolstraat {i}",
                "8232 AB",
                "",
                "po",
                "210",
            ]
        )
    return rows


def _as_csv(rows):
    return "\r\n".join(";".join(r) for r in rows).encode("utf-8-sig")


def _as_xlsx(rows):
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main():
    setup_django()
    from django.db import transaction
    from django_scopes import scope, scopes_disabled

    from partnerships import services as school_services
    from partnerships.models import Organisation, Partner, Partnership, School
    from partnerships.resources import UPLOAD as SCHOOL_UPLOAD
    from roles import services as _  # noqa: F401  (registers the app's receivers)
    from roles import services as people_services
    from roles.models import Person
    from roles.resources import UPLOAD as PEOPLE_UPLOAD
    from samen import uploads
    from samen.permissions import Access

    rows = uploads.MAX_ROWS
    with scopes_disabled():
        partnership = Partnership.objects.create(name="Bench", slug="bench-import", sector="po")
        organisation = Organisation.objects.create(name="Stichting Bench", kind="board")
        board = Partner.objects.create(
            partnership=partnership, organisation=organisation, joined_on="2020-08-01"
        )
        school = School.objects.create(
            partnership=partnership,
            board=board,
            name="Kindcentrum Bench",
            place="Lelystad",
            sector="po",
        )
    actor = Access.for_system(partnership)
    results = {}
    for kind, build, read_options, preview, run, count in (
        (
            "people",
            _people_rows,
            PEOPLE_UPLOAD,
            people_services.preview_import,
            people_services.run_import,
            lambda: Person.objects.count(),
        ),
        (
            "schools",
            _school_rows,
            SCHOOL_UPLOAD,
            school_services.preview_school_import,
            school_services.import_schools,
            lambda: School.objects.count(),
        ),
    ):
        data_rows = build(rows, school.name if kind == "people" else "Stichting Bench")
        for fmt, content in (("xlsx", _as_xlsx(data_rows)), ("csv", _as_csv(data_rows))):
            print(f"{kind} import, {rows} rows, .{fmt} ({len(content) / 1024:.0f} KiB):")
            base_rss = _reset_peak_rss()
            with scope(partnership=partnership):
                upload, t_read, p_read = _step(
                    "read", lambda c=content, o=read_options: uploads.read_upload(c, **o)
                )
                _, t_preview, p_preview = _step("preview", lambda u=upload, f=preview: f(actor, u))
                with transaction.atomic():  # rolled back: the next file imports the same rows
                    before = count()
                    _, t_run, p_run = _step("import", lambda u=upload, f=run: f(actor, u))
                    assert count() - before == rows, "not every row was imported"
                    transaction.set_rollback(True)
            rss = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base_rss) / 1024
            peak = max(p_read, p_preview, p_run) / MIB
            total = t_read + t_preview + t_run
            print(
                f"  total    {total:6.2f} s   peak {peak:6.1f} MiB   max RSS growth {rss:.0f} MiB"
            )
            results[(kind, fmt)] = (total, peak, rss)
    worst = max(results.items(), key=lambda item: item[1][1])
    (kind, fmt), (total, peak, rss) = worst
    print(
        f"largest accepted import @{rows} rows: worst peak {peak:.1f} MiB ({kind} .{fmt}, "
        f"{total:.1f} s, max RSS +{rss:.0f} MiB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
