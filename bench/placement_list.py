"""The coordinator's placement list against Django admin's changelist of the same placements.

Builds one partnership with 250 schools and N placements, then for N = 100 and 2,000 measures
(side by side, same run) the median time and the query count of:
  - ours:  /<slug>/stages/         as the partnership's coordinator (50 rows a page)
  - admin: /admin/placements/placement/ as a superuser (100 rows a page)
Last line: the headline figures.
"""

import statistics
import time

from _setup import setup_django

setup_django()

import datetime as dt  # noqa: E402

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


def measure(client, path):
    reset_queries()  # DEBUG keeps at most 9,000 queries; a full log would hide new ones
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    # Read now: the slice of the query log is taken lazily, and the next request clears the log.
    queries = len(ctx.captured_queries)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        client.get(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, queries


def main():
    p, user, admin = build()
    ours, theirs = Client(), Client()
    ours.force_login(user)
    theirs.force_login(admin)
    results = {}
    for n in (100, 2000):
        add_placements(p, n)
        results[n] = (
            measure(ours, "/bench/stages/"),
            measure(theirs, "/admin/placements/placement/"),
        )
        (o_ms, o_q), (a_ms, a_q) = results[n]
        print(
            f"{n:>6} placements  ours {o_ms:7.1f} ms {o_q:3d} queries   "
            f"admin {a_ms:7.1f} ms {a_q:3d} queries   ratio {o_ms / a_ms:.2f}"
        )
    (o_ms, o_q), (a_ms, a_q) = results[2000]
    flat = results[100][0][1] == results[2000][0][1]
    print(
        f"placement list @2000: ours {o_ms:.1f} ms / admin {a_ms:.1f} ms = {o_ms / a_ms:.2f}x; "
        f"queries ours {results[100][0][1]}->{o_q} (flat={flat}), admin {a_q}"
    )


if __name__ == "__main__":
    main()
