"""The coordinator's placement list and the matching board against Django admin's changelist of
the same placements, in the same run.

Builds a partnership "groot" with 250 schools (two in three active opleidingsscholen, each with
capacity in this schooljaar's period: eight groups, two mentors), 3,000 students, 20,000
placements over five schooljaren (this year's in the period) and a request per student (a third
matched, the rest open); and a partnership "klein" with ten of everything. Then it measures
(median of RUNS warm requests) and counts queries of:
  - the placement list  /<slug>/stages/                      (the coordinator, 50 rows a page)
  - the matching board  /<slug>/stages/matching/<period>/    (20 requests with suggestions)
  - admin's changelist  /admin/placements/placement/?partnership__id__exact=…  (50 rows: the
    portal's page size, bench/_admin_urls.py)
The three are taken in turn in every round, the order turned round every other round. Query
counts must be the same for klein and groot. Targets: list ≤ 0.5× admin, board ≤ 0.5×
(issue 18).

    .venv/bin/python bench/matching.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_matching \\
        .venv/bin/python bench/matching.py

(With DATABASE_URL, name a scratch database: it is dropped and created.) The last line is the
headline.
"""

import datetime as dt
import os
import statistics
import sys
import time

from _setup import setup_django

RUNS = int(os.environ.get("BENCH_RUNS", 15))
GROUPS = ("groep 1/2", "groep 3", "groep 4", "groep 5", "groep 6", "groep 7", "groep 8", "wiskunde")


def build(slug, *, schools, students, placements):
    """One partnership with these numbers of rows; returns it, its coordinator and period."""
    from matching.models import Capacity, CapacityMentor, CapacityPlace, PlacementRequest
    from partnerships.models import Organisation, Partner, Partnership, School, SchoolProfile
    from placements.models import Placement, PlacementPeriod
    from roles.models import Person, RoleAssignment, User
    from samen.schooljaar import Schooljaar

    year = Schooljaar.current().start_year
    first = year - 5
    p = Partnership.objects.create(name=f"Partnerschap {slug}", slug=slug, sector="po")
    orgs = Organisation.objects.bulk_create(
        Organisation(
            name=f"Organisatie {slug} {i}",
            kind="board" if i else "institute",
            region=f"Regio {i % 3}",
        )
        for i in range(6)
    )
    partners = Partner.objects.bulk_create(
        Partner(partnership=p, organisation=o, joined_on=dt.date(2019, 8, 1)) for o in orgs
    )
    institute, boards = partners[0], partners[1:]
    school_rows = School.objects.bulk_create(
        School(
            partnership=p,
            board=boards[i % len(boards)],
            name=f"Basisschool {slug} {i:04d}",
            place=f"Plaats {i % 40}",
            brin=f"{i:04d}{slug[:2].upper()}",
            sector="po",
            training_status="actief" if i % 3 else "none",
        )
        for i in range(schools)
    )
    active = [s for s in school_rows if s.training_status == "actief"]
    SchoolProfile.objects.bulk_create(
        SchoolProfile(
            partnership=p,
            school=s,
            is_published=True,
            onderwijsconcept=("Montessori", "Dalton", "Jenaplan", "")[i % 4],
            speerpunten="rekenen taalontwikkeling burgerschap"
            if i % 2
            else "natuuronderwijs techniek",
        )
        for i, s in enumerate(active)
    )
    people = Person.objects.bulk_create(
        Person(
            partnership=p,
            first_name=f"Voornaam{i}",
            last_name=f"Achternaam {slug} {i:05d}",
            email=f"{slug}.{i}@example.org",
        )
        for i in range(students + 2 * len(school_rows) + 20)
    )
    student_rows = people[:students]
    mentors = people[students : students + 2 * len(school_rows)]
    ios = people[students + 2 * len(school_rows) :]
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(
                partnership=p, person=s, role="student", partner=institute, schooljaar_from=first
            )
            for s in student_rows
        ]
        + [
            RoleAssignment(
                partnership=p,
                person=m,
                role="mentor",
                school=school_rows[i // 2],
                schooljaar_from=first,
            )
            for i, m in enumerate(mentors)
        ]
        + [
            RoleAssignment(
                partnership=p,
                person=io,
                role="instituutsopleider",
                partner=institute,
                schooljaar_from=first,
            )
            for io in ios
        ]
    )
    user = User.objects.create_user(email=f"coordinator@{slug}.example", password="x")
    coordinator = Person.objects.create(
        partnership=p, user=user, first_name="C", last_name="Oordinator"
    )
    RoleAssignment.objects.create(
        partnership=p, person=coordinator, role="projectcoordinator", schooljaar_from=first
    )
    period = PlacementPeriod.objects.create(
        partnership=p,
        institute=institute,
        schooljaar=year,
        name="Hoofdfase 2 semester 1",
        programme="pabo_voltijd",
        study_year=2,
        phase="hoofdfase",
        starts_on=dt.date(year, 9, 1),
        ends_on=dt.date(year + 1, 1, 31),
        days_per_week=2,
    )
    capacities = Capacity.objects.bulk_create(
        Capacity(partnership=p, school=s, period=period) for s in active
    )
    CapacityPlace.objects.bulk_create(
        CapacityPlace(
            partnership=p,
            capacity=c,
            group=group,
            places=1 + (i + j) % 3,
            duo_possible=j % 3 == 0,
            is_tekortvak=group == "wiskunde",
        )
        for i, c in enumerate(capacities)
        for j, group in enumerate(GROUPS)
    )
    by_school = {s.pk: i for i, s in enumerate(school_rows)}
    CapacityMentor.objects.bulk_create(
        CapacityMentor(
            partnership=p, capacity=c, person=mentors[2 * by_school[c.school_id] + k], places=4
        )
        for c in capacities
        for k in range(2)
    )
    rows = []
    for i in range(placements):
        start_year = year - i % 5
        school_index = i % len(school_rows)
        rows.append(
            Placement(
                partnership=p,
                student=student_rows[i % len(student_rows)],
                school=school_rows[school_index],
                mentor=mentors[2 * school_index],
                instituutsopleider=ios[i % len(ios)],
                starts_on=dt.date(start_year, 9, 1),
                ends_on=dt.date(start_year + 1, 1, 31),
                period=period if start_year == year else None,
                group=GROUPS[i % len(GROUPS)],
                status="voorgesteld" if start_year == year else "afgerond",
            )
        )
    rows = Placement.objects.bulk_create(rows, batch_size=5000)
    PlacementRequest.objects.bulk_create(
        (
            PlacementRequest(
                partnership=p,
                student=s,
                period=period,
                subject=GROUPS[i % len(GROUPS)],
                region=f"Plaats {i % 40}",
                school_type=("Montessori", "Dalton", "", "")[i % 4],
                learning_wishes="Ik wil rekenen en taalontwikkeling beter leren begeleiden.",
                status="matched" if i % 3 == 0 else "open",
            )
            for i, s in enumerate(student_rows)
        ),
        batch_size=5000,
    )
    return p, user, period


def count_queries(client, path):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm: per-process caches (content types, translations) fill once
    reset_queries()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    return len(ctx.captured_queries)  # read now: the next request clears the log


def timed(pages):
    """Median milliseconds per (client, path), the pages taken in turn in every round, so a
    busy machine slows each of them alike (the ratios are what counts)."""
    times = [[] for _ in pages]
    order = list(range(len(pages)))
    for _ in range(RUNS):
        for i in order:
            client, path = pages[i]
            start = time.perf_counter()
            client.get(path)
            times[i].append(time.perf_counter() - start)
        order.reverse()  # who goes first changes every round
    return [statistics.median(t) * 1000 for t in times]


def main():
    os.environ.setdefault("SAMEN_REQUIRE_MFA", "false")
    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django_scopes import scopes_disabled

    from roles.models import User

    settings.ROOT_URLCONF = "_admin_urls"
    settings.ALLOWED_HOSTS = ["*"]
    started = time.perf_counter()
    with scopes_disabled():
        small, small_user, small_period = build("klein", schools=10, students=10, placements=10)
        big, big_user, big_period = build("groot", schools=250, students=3000, placements=20000)
        admin = User.objects.create_superuser(email="beheer@bench.example", password="x")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after a load; plans need statistics
    print(f"built in {time.perf_counter() - started:.0f} s ({connection.vendor})")

    ours_small, ours_big, theirs = Client(), Client(), Client()
    ours_small.force_login(small_user)
    ours_big.force_login(big_user)
    theirs.force_login(admin)
    admin_path = f"/admin/placements/placement/?partnership__id__exact={big.pk}"
    pages = {
        "placement list": (f"/{small.slug}/stages/", f"/{big.slug}/stages/"),
        "matching board": (
            f"/{small.slug}/stages/matching/{small_period.pk}/",
            f"/{big.slug}/stages/matching/{big_period.pk}/",
        ),
    }
    a_q = count_queries(theirs, admin_path)
    queries = {
        name: (count_queries(ours_small, few), count_queries(ours_big, many))
        for name, (few, many) in pages.items()
    }
    a_ms, list_ms, board_ms = timed(
        [
            (theirs, admin_path),
            (ours_big, pages["placement list"][1]),
            (ours_big, pages["matching board"][1]),
        ]
    )
    print(f"admin changelist @20000: {a_ms:7.1f} ms, {a_q} queries")
    results = {}
    for name, o_ms in (("placement list", list_ms), ("matching board", board_ms)):
        q_small, q_big = queries[name]
        results[name] = (o_ms, q_small, q_big)
        print(
            f"{name:<15} @20000: {o_ms:7.1f} ms, queries {q_small}→{q_big} "
            f"(flat: {'yes' if q_small == q_big else 'NO'})   ratio {o_ms / a_ms:.2f}"
        )
    lst, brd = results["placement list"], results["matching board"]
    flat = lst[1] == lst[2] and brd[1] == brd[2]
    ok = lst[0] / a_ms <= 0.5 and brd[0] / a_ms <= 0.5 and flat
    print(
        f"placement list @20000: ours {lst[0]:.1f} ms / admin {a_ms:.1f} ms = "
        f"{lst[0] / a_ms:.2f}x; "
        f"matching board @20000: ours {brd[0]:.1f} ms / admin {a_ms:.1f} ms = "
        f"{brd[0] / a_ms:.2f}x; queries flat 10→20,000: {'yes' if flat else 'NO'} "
        f"({connection.vendor})"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
