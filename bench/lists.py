"""Every list page of the portal at national scale, against Django admin's changelist of the
same rows, in the same run.

Builds a platform of 20,000 schools (80 partnerships of 250), of which one partnership ("groot")
has 250 schools, 13 boards and institutes, 40 groupings, 5,000 people (3,000 of them students),
2,000 certificates, 800 people with expertise, 20 bodies, 1,000 review moments and 20,000
placements over five schooljaren; and a partnership "klein" with ten of everything. Each list
is opened by the coordinator (the public index anonymously) and timed (median of RUNS warm
requests, ours and admin's taken in turn, each first in every other round) against the admin
changelist filtered to the same partnership, at the same page size (bench/_admin_urls.py sets
admin's list_per_page to the portal's 50 rows); query counts are compared between klein and
groot.

    .venv/bin/python bench/lists.py          # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samen_bench .venv/bin/python bench/lists.py

(With DATABASE_URL, name a scratch database: it is dropped and created.) The last line is the
headline: the worst ratio, and whether every list's query count stayed flat.
"""

import datetime as dt
import os
import statistics
import sys
import time

from _setup import setup_django

RUNS = int(os.environ.get("BENCH_RUNS", 15))
PLATFORM_PARTNERSHIPS = 80  # of 250 schools each: 20,000 schools


def build(
    slug,
    *,
    schools,
    boards,
    groupings,
    people,
    students,
    certificates,
    experts,
    bodies,
    moments,
    placements,
):
    """One partnership with these numbers of rows; returns it with its coordinator."""
    from cycle.models import ReviewMoment
    from network.models import Body, BodyMembership, Certificate, ExpertiseArea
    from partnerships.models import (
        Grouping,
        Organisation,
        Partner,
        Partnership,
        School,
        SchoolProfile,
    )
    from placements.models import Placement
    from roles.models import Person, RoleAssignment, User
    from samen.schooljaar import Schooljaar

    year = Schooljaar.current().start_year
    p = Partnership.objects.create(name=f"Partnerschap {slug}", slug=slug, sector="po")
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Stichting {slug} {i}", kind="board" if i else "institute")
        for i in range(boards)
    )
    partners = Partner.objects.bulk_create(
        Partner(partnership=p, organisation=o, joined_on=dt.date(2019, 8, 1)) for o in orgs
    )
    institute, board_partners = partners[0], partners[1:] or partners
    school_rows = School.objects.bulk_create(
        School(
            partnership=p,
            board=board_partners[i % len(board_partners)],
            name=f"Basisschool {slug} {i:04d}",
            place=f"Plaats {i % 40}",
            brin=f"{i:04d}{slug[:2].upper()}",
            sector="po",
            training_status="actief" if i % 3 else "none",
        )
        for i in range(schools)
    )
    SchoolProfile.objects.bulk_create(
        SchoolProfile(partnership=p, school=s, is_published=True)
        for s in school_rows
        if s.training_status == "actief"
    )
    grouping_rows = Grouping.objects.bulk_create(
        Grouping(partnership=p, kind="cluster", name=f"Cluster {i}") for i in range(groupings)
    )
    Grouping.schools.through.objects.bulk_create(
        Grouping.schools.through(grouping=g, school=school_rows[(i * 7) % len(school_rows)])
        for i, g in enumerate(grouping_rows)
    )
    person_rows = Person.objects.bulk_create(
        Person(
            partnership=p,
            first_name=f"Voornaam{i}",
            last_name=f"Achternaam {slug} {i:05d}",
            email=f"{slug}.{i}@example.org",
        )
        for i in range(people)
    )
    student_rows, others = person_rows[:students], person_rows[students:]
    mentors = others[: max(1, len(others) // 2)]
    first = year - 5
    roles = [
        RoleAssignment(
            partnership=p, person=s, role="student", partner=institute, schooljaar_from=first
        )
        for s in student_rows
    ] + [
        RoleAssignment(
            partnership=p,
            person=m,
            role="mentor",
            school=school_rows[i % len(school_rows)],
            schooljaar_from=first,
        )
        for i, m in enumerate(mentors)
    ]
    RoleAssignment.objects.bulk_create(roles)
    user = User.objects.create_user(email=f"coordinator@{slug}.example", password="x")
    coordinator = Person.objects.create(
        partnership=p, user=user, first_name="C", last_name="Oordinator"
    )
    RoleAssignment.objects.create(
        partnership=p, person=coordinator, role="projectcoordinator", schooljaar_from=first
    )
    Certificate.objects.bulk_create(
        Certificate(
            partnership=p,
            person=mentors[i % len(mentors)],
            kind="mentorentraining",
            obtained_on=dt.date(2024, 1, 1) + dt.timedelta(days=i % 700),
        )
        for i in range(certificates)
    )
    area = ExpertiseArea.objects.create(partnership=p, name="Rekenen")
    ExpertiseArea.people.through.objects.bulk_create(
        ExpertiseArea.people.through(expertisearea=area, person=m) for m in mentors[:experts]
    )
    body_rows = Body.objects.bulk_create(
        Body(partnership=p, kind="kenniskring", name=f"Kenniskring {i}") for i in range(bodies)
    )
    BodyMembership.objects.bulk_create(
        BodyMembership(partnership=p, body=b, person=mentors[i % len(mentors)])
        for i, b in enumerate(body_rows)
    )
    ReviewMoment.objects.bulk_create(
        ReviewMoment(
            partnership=p,
            school=school_rows[i % len(school_rows)],
            kind="evaluatiegesprek",
            schooljaar=year - i % 4,
            title=f"Evaluatiegesprek {i}",
            due_on=dt.date(year + 1 - i % 4, 3, 1),
        )
        for i in range(moments)
    )
    rows = []
    for i in range(placements):
        start_year = year - i % 5
        rows.append(
            Placement(
                partnership=p,
                student=student_rows[i % len(student_rows)],
                school=school_rows[i % len(school_rows)],
                mentor=mentors[i % len(mentors)],
                instituutsopleider=mentors[(i + 1) % len(mentors)],
                starts_on=dt.date(start_year, 9, 1),
                ends_on=dt.date(start_year + 1, 1, 31),
            )
        )
    Placement.objects.bulk_create(rows, batch_size=5000)
    return p, user


def build_placements(slug, placements):
    """A large partnership (250 schools, 3,000 students) with `placements` placements and
    nothing else: the export benches' data."""
    return build(
        slug,
        schools=250,
        boards=13,
        groupings=10,
        people=5000,
        students=3000,
        certificates=0,
        experts=0,
        bodies=0,
        moments=0,
        placements=placements,
    )


def platform_schools():
    """The rest of the platform: 79 more partnerships of 250 schools each."""
    from partnerships.models import Organisation, Partner, Partnership, School

    for n in range(PLATFORM_PARTNERSHIPS - 1):
        p = Partnership.objects.create(name=f"Regio {n}", slug=f"regio-{n}", sector="po")
        org = Organisation.objects.create(name=f"Stichting regio {n}", kind="board")
        board = Partner.objects.create(
            partnership=p, organisation=org, joined_on=dt.date(2020, 8, 1)
        )
        School.objects.bulk_create(
            School(partnership=p, board=board, name=f"School {n}-{i}", place="Elders", sector="po")
            for i in range(250)
        )


LISTS = [
    # name, our path (after the slug), admin changelist, whether anonymous
    ("placements", "stages/", "placements/placement/", False),
    ("schools", "organisatie/scholen/", "partnerships/school/", False),
    ("partners", "organisatie/partners/", "partnerships/partner/", False),
    ("groupings", "organisatie/groeperingen/", "partnerships/grouping/", False),
    ("people", "mensen/", "roles/person/", False),
    ("certificates", "professionalisering/", "network/certificate/", False),
    ("expertise", "expertise/", "roles/person/?expertise__isnull=False&", False),
    ("bodies", "overleg/", "network/body/", False),
    ("moments", "kwaliteit/momenten/", "cycle/reviewmoment/", False),
    ("public index", "scholen/", "partnerships/school/?training_status__exact=actief&", True),
]


def admin_url(changelist, partnership):
    separator = "" if changelist.endswith("&") else "?"
    return f"/admin/{changelist}{separator}partnership__id__exact={partnership.pk}"


def count_queries(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm: per-process caches (content types, translations) fill once
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    # Read now: `captured_queries` slices the connection's query log, which the next request
    # clears (that is why counting after the timed runs gave 0).
    return len(ctx.captured_queries)


def timed(ours, theirs):
    """Median milliseconds of (client, path) `ours` and `theirs`, taken in turn in every round
    and each first in every other round, so a busy machine slows both alike (the ratio is what
    counts)."""
    pages = [ours, theirs]
    times = {0: [], 1: []}
    for run in range(RUNS):
        for i in (0, 1) if run % 2 == 0 else (1, 0):
            client, path = pages[i]
            start = time.perf_counter()
            client.get(path)
            times[i].append(time.perf_counter() - start)
    return statistics.median(times[0]) * 1000, statistics.median(times[1]) * 1000


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
        small, small_user = build(
            "klein",
            schools=10,
            boards=3,
            groupings=10,
            people=30,
            students=10,
            certificates=10,
            experts=10,
            bodies=10,
            moments=10,
            placements=10,
        )
        big, big_user = build(
            "groot",
            schools=250,
            boards=13,
            groupings=40,
            people=5000,
            students=3000,
            certificates=2000,
            experts=800,
            bodies=20,
            moments=1000,
            placements=20000,
        )
        platform_schools()
        admin = User.objects.create_superuser(email="beheer@bench.example", password="x")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after a load; plans need statistics
    print(f"built in {time.perf_counter() - started:.0f} s")

    worst, flat = (0.0, ""), True
    for name, path, changelist, anonymous in LISTS:
        ours_small, ours_big, theirs = Client(), Client(), Client()
        if not anonymous:
            ours_small.force_login(small_user)
            ours_big.force_login(big_user)
        theirs.force_login(admin)
        q_small = count_queries(ours_small, f"/{small.slug}/{path}")
        q_big = count_queries(ours_big, f"/{big.slug}/{path}")
        a_q = count_queries(theirs, admin_url(changelist, big))
        o_ms, a_ms = timed((ours_big, f"/{big.slug}/{path}"), (theirs, admin_url(changelist, big)))
        ratio = o_ms / a_ms
        flat &= q_small == q_big
        worst = max(worst, (ratio, name))
        print(
            f"{name:<13} ours {o_ms:7.1f} ms, {q_small:2d}→{q_big:2d} queries   "
            f"admin {a_ms:7.1f} ms, {a_q:2d} queries   ratio {ratio:.2f}"
        )
    print(
        f"lists @20000: worst ratio {worst[0]:.2f} ({worst[1]}), "
        f"queries flat from 10 to 20,000 rows: {'yes' if flat else 'NO'}"
    )
    return 0 if worst[0] <= 1.0 and flat else 1


if __name__ == "__main__":
    sys.exit(main())
