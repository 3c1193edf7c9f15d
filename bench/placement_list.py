"""The coordinator's placement list against Django admin's changelist of the same placements.

Builds one partnership with 250 schools and N placements, then for N = 100 and 20,000 measures
(side by side, same run, taken in turn and each first in every other round) the median time and
the query count of:
  - ours:  /<slug>/stages/         as the partnership's coordinator (50 rows a page)
  - admin: /admin/placements/placement/ as a superuser (50 rows a page: bench/_admin_urls.py
    sets admin's list_per_page to the portal's, so both render as many rows)
Last line: the headline figures.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_placements \\
        .venv/bin/python bench/placement_list.py
"""

import statistics
import time

from _setup import setup_django

setup_django()

import datetime as dt  # noqa: E402

from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from partnerships.models import Organisation, Partner, Partnership, School  # noqa: E402
from placements.models import Placement  # noqa: E402
from roles.models import Person, Role, RoleAssignment, User  # noqa: E402
from samen.schooljaar import Schooljaar  # noqa: E402

RUNS = 15


def build(n_schools=250):
    with scopes_disabled():
        p = Partnership.objects.create(name="Bench", slug="bench", sector="po")
        org = Organisation.objects.create(name="Bestuur", kind="board")
        board = Partner.objects.create(
            partnership=p, organisation=org, joined_on=dt.date(2020, 1, 1)
        )
        School.objects.bulk_create(
            School(partnership=p, board=board, name=f"School {i}", place="Lelystad", sector="po")
            for i in range(n_schools)
        )
        user = User.objects.create_user("coordinator@bench.test", "x")
        coord = Person.objects.create(partnership=p, user=user, first_name="C", last_name="Oord")
        RoleAssignment.objects.create(
            partnership=p,
            person=coord,
            role=Role.PROJECTCOORDINATOR,
            schooljaar_from=Schooljaar.current().start_year,
        )
        admin = User.objects.create_superuser("admin@bench.test", "x")
    return p, user, admin


def add_placements(p, total):
    with scopes_disabled():
        schools = list(School.objects.filter(partnership=p))
        have = Placement.objects.filter(partnership=p).count()
        people = Person.objects.bulk_create(
            Person(partnership=p, first_name="Student", last_name=f"Nr {i}")
            for i in range(have, total)
        )
        mentor = Person.objects.filter(partnership=p).first()
        Placement.objects.bulk_create(
            Placement(
                partnership=p,
                student=s,
                school=schools[i % len(schools)],
                mentor=mentor,
                instituutsopleider=mentor,
                starts_on=dt.date(2026, 9, 7),
                ends_on=dt.date(2027, 1, 29),
            )
            for i, s in enumerate(people)
        )


def count_queries(client, path):
    client.get(path)  # warm: per-process caches (content types, translations) fill once
    reset_queries()  # DEBUG keeps at most 9,000 queries; a full log would hide new ones
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    # Read now: the slice of the query log is taken lazily, and the next request clears the log.
    return len(ctx.captured_queries)


def measure(ours, theirs):
    """(ms, queries) of `ours` and `theirs` (client, path): timed in turn, each first in every
    other round, so a busy machine slows both alike (the ratio is what counts)."""
    pages = [ours, theirs]
    queries = [count_queries(*page) for page in pages]
    times = [[], []]
    for run in range(RUNS):
        for i in (0, 1) if run % 2 == 0 else (1, 0):
            client, path = pages[i]
            start = time.perf_counter()
            client.get(path)
            times[i].append(time.perf_counter() - start)
    return [(statistics.median(t) * 1000, q) for t, q in zip(times, queries, strict=True)]


def main():
    settings.ROOT_URLCONF = "_admin_urls"  # admin at the portal's page size
    p, user, admin = build()
    ours, theirs = Client(), Client()
    ours.force_login(user)
    theirs.force_login(admin)
    results = {}
    for n in (100, 20000):
        add_placements(p, n)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # as autovacuum would after a load
        results[n] = measure(
            (ours, "/bench/stages/"),
            (theirs, f"/admin/placements/placement/?partnership__id__exact={p.pk}"),
        )
        (o_ms, o_q), (a_ms, a_q) = results[n]
        print(
            f"{n:>6} placements  ours {o_ms:7.1f} ms {o_q:3d} queries   "
            f"admin {a_ms:7.1f} ms {a_q:3d} queries   ratio {o_ms / a_ms:.2f}"
        )
    (o_ms, o_q), (a_ms, a_q) = results[20000]
    flat = results[100][0][1] == results[20000][0][1]
    print(
        f"placement list @20000: ours {o_ms:.1f} ms / admin {a_ms:.1f} ms = {o_ms / a_ms:.2f}x; "
        f"queries ours {results[100][0][1]}->{o_q} (flat={flat}), admin {a_q}"
    )


if __name__ == "__main__":
    main()
