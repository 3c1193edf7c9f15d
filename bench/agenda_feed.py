"""The calendar and the agenda feed at scale, against Django admin's changelist of the same
moments, in the same run (issue 18 §2).

Builds a partnership "groot" (250 schools, 12 boards of about 21, 3,000 review moments over four
schooljaren: each school's evaluatiegesprek over a window of three months, its scan and its
peer review, each board's netwerkbijeenkomst), measures, then grows it to national size (5,000
schools, 250 boards of 20, 60,000 moments) and measures again:
- the ICS feed of a coordinator (the CoOP'er of one board: what they coordinate and take part
  in, within the feed's window), and the projectcoördinator's (every moment of the
  partnership in the window), full and conditional (If-None-Match: 304);
- the month view and the schooljaar view, as the projectcoördinator sees them;
each timed (median of RUNS warm requests, ours and admin's in turn, each first in every other
round) against the admin changelist of the partnership's moments (bench/_admin_urls.py),
queries counted with CaptureQueriesContext.

    .venv/bin/python bench/agenda_feed.py          # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samen_bench \
        .venv/bin/python bench/agenda_feed.py

(With DATABASE_URL, name a scratch database: it is dropped and created.) The last line is the
headline: the worst ratio of the feeds (the projectcoördinator's and its 304 too), month and
schooljaar views at both sizes.
"""

import datetime as dt
import os
import statistics
import sys
import time

from _setup import setup_django

RUNS = int(os.environ.get("BENCH_RUNS", 15))


def grow(partnership, *, schools, boards, first_index=0, first_board=0):
    """Adds `boards` boards and `schools` schools, and their moments over four schooljaren
    (three per school and year, one per board and year) and a schoolopleider per school."""
    from cycle.models import CycleActivity, ReviewMoment
    from partnerships.models import Organisation, Partner, School
    from roles.models import Person, RoleAssignment
    from samen.schooljaar import Schooljaar

    year = Schooljaar.current().start_year
    years = range(year - 2, year + 2)
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Stichting {first_board + i}", kind="board") for i in range(boards)
    )
    partners = Partner.objects.bulk_create(
        Partner(partnership=partnership, organisation=o, joined_on=dt.date(2019, 8, 1))
        for o in orgs
    )
    school_rows = School.objects.bulk_create(
        (
            School(
                partnership=partnership,
                board=partners[i % boards],
                name=f"Basisschool {first_index + i:05d}",
                place=f"Plaats {i % 40}",
                sector="po",
                training_status="actief",
            )
            for i in range(schools)
        ),
        batch_size=2000,
    )
    activities = {a.kind: a for a in CycleActivity.objects.filter(partnership=partnership)}
    rows = []
    for y in years:
        for n, school in enumerate(school_rows):
            due = dt.date(y + 1, 3 + n % 3, 1 + n % 28)
            for kind, days, offset in (
                ("evaluatiegesprek", 90, 0),
                ("scan", 30, 40),
                ("peerreview_intern", 0, 70),
            ):
                day = due + dt.timedelta(days=offset)
                rows.append(
                    ReviewMoment(
                        partnership=partnership,
                        school=school,
                        kind=kind,
                        cycle_activity=activities[kind],
                        schooljaar=y,
                        title=f"{activities[kind].name} – {school.name}",
                        starts_on=day - dt.timedelta(days=days),
                        due_on=day,
                    )
                )
        for n, board in enumerate(partners):
            day = dt.date(y + 1, 2, 1 + n % 28)
            rows.append(
                ReviewMoment(
                    partnership=partnership,
                    partner=board,
                    kind="netwerkbijeenkomst",
                    cycle_activity=activities["netwerkbijeenkomst"],
                    schooljaar=y,
                    title=f"Netwerkbijeenkomst {board.pk}",
                    due_on=day,
                )
            )
    ReviewMoment.objects.bulk_create(rows, batch_size=5000)
    people = Person.objects.bulk_create(
        (
            Person(
                partnership=partnership,
                first_name="S",
                last_name=f"Opleider {first_index + i}",
                email=f"so{first_index + i}@bench.example",
            )
            for i in range(schools)
        ),
        batch_size=2000,
    )
    RoleAssignment.objects.bulk_create(
        (
            RoleAssignment(
                partnership=partnership,
                person=p,
                role="schoolopleider",
                school=s,
                schooljaar_from=year - 5,
            )
            for p, s in zip(people, school_rows, strict=True)
        ),
        batch_size=2000,
    )
    return partners


def build():
    """The partnership with its cycle's rows, a projectcoördinator and a CoOP'er of board 0."""
    from cycle.models import CycleActivity
    from partnerships.models import Partnership
    from roles.models import Person, RoleAssignment, User
    from samen.schooljaar import Schooljaar

    year = Schooljaar.current().start_year
    p = Partnership.objects.create(name="Partnerschap groot", slug="groot", sector="po")
    for kind, name, participants, scope in (
        ("evaluatiegesprek", "Evaluatiegesprek", ["schoolopleider", "schoolleider"], "school"),
        ("scan", "Scan", ["schoolopleider", "mentor"], "school"),
        ("peerreview_intern", "Interne peer review", ["schoolopleider"], "school"),
        ("netwerkbijeenkomst", "Netwerkbijeenkomst", ["schoolopleider"], "board"),
    ):
        CycleActivity.objects.create(
            partnership=p,
            moment="jaarlijks",
            name=name,
            goal="Doel",
            activity=f"{name} met het Gesprekskader",
            kind=kind,
            participants=participants,
            scope=scope,
            month_from=9,
            month_to=6,
        )
    boards = grow(p, schools=250, boards=12)
    people = {}
    for key, role, partner in (
        ("projectcoordinator", "projectcoordinator", None),
        ("cooper", "cooper", boards[0]),
    ):
        user = User.objects.create_user(email=f"{key}@groot.example", password="x")
        person = Person.objects.create(
            partnership=p, user=user, first_name=key, last_name="Groot", email=user.email
        )
        RoleAssignment.objects.create(
            partnership=p, person=person, role=role, partner=partner, schooljaar_from=year - 5
        )
        people[key] = (user, person)
    return p, people


def count_queries(client, path, **headers):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path, **headers)  # warm: per-process caches fill once
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, **headers)
        assert response.status_code in (200, 304), (path, response.status_code)
    return len(ctx.captured_queries), len(response.content)


def timed(ours, theirs):
    """Median milliseconds of ours and theirs ((client, path, headers)), taken in turn in
    every round and each first in every other round."""
    pages = [ours, theirs]
    times = {0: [], 1: []}
    for run in range(RUNS):
        for i in (0, 1) if run % 2 == 0 else (1, 0):
            client, path, headers = pages[i]
            start = time.perf_counter()
            client.get(path, **headers)
            times[i].append(time.perf_counter() - start)
    return statistics.median(times[0]) * 1000, statistics.median(times[1]) * 1000


def pages(p, people, clients):
    """[(name, client, path, headers, in the headline)] at this size."""
    from django.test import Client
    from django.urls import reverse
    from django_scopes import scope

    from cycle.agenda import token_of
    from samen.schooljaar import Schooljaar

    year = Schooljaar.current().start_year
    with scope(partnership=p):
        feeds = {
            key: reverse(
                "cycle:feed", kwargs={"partnership_slug": p.slug, "token": token_of(person).token}
            )
            for key, (_user, person) in people.items()
        }
    app = Client()
    etag = app.get(feeds["projectcoordinator"])["ETag"]
    coordinator = clients["projectcoordinator"]
    return [
        ("feed, CoOP'er of a board", app, feeds["cooper"], {}, True),
        ("feed, projectcoördinator", app, feeds["projectcoordinator"], {}, True),
        (
            "feed, projectcoörd. 304",
            app,
            feeds["projectcoordinator"],
            {"HTTP_IF_NONE_MATCH": etag},
            True,
        ),
        ("month view", coordinator, f"/{p.slug}/kwaliteit/kalender/{year + 1}/3/", {}, True),
        (
            "schooljaar view",
            coordinator,
            f"/{p.slug}/kwaliteit/kalender/schooljaar/{year}/",
            {},
            True,
        ),
    ]


def measure(label, p, people, admin_client):
    from django.test import Client

    from cycle.models import ReviewMoment

    clients = {}
    for key, (user, _person) in people.items():
        clients[key] = Client()
        clients[key].force_login(user)
    changelist = f"/admin/cycle/reviewmoment/?partnership__id__exact={p.pk}"
    a_q, _a_size = count_queries(admin_client, changelist)
    total = ReviewMoment.objects.filter(partnership=p).count()
    print(f"--- {label}: {total} moments; admin changelist {a_q} queries")
    worst = 0.0
    for name, client, path, headers, headline in pages(p, people, clients):
        q, size = count_queries(client, path, **headers)
        o_ms, a_ms = timed((client, path, headers), (admin_client, changelist, {}))
        ratio = o_ms / a_ms
        if headline:
            worst = max(worst, ratio)
        print(
            f"{name:<26} ours {o_ms:7.1f} ms, {q:2d} queries, {size / 1024:7.1f} KB   "
            f"admin {a_ms:7.1f} ms   ratio {ratio:.2f}{'' if headline else '  (not in headline)'}"
        )
    return worst


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
        p, people = build()
        admin = User.objects.create_superuser(email="beheer@bench.example", password="x")
    admin_client = Client()
    admin_client.force_login(admin)

    def analyze():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    analyze()
    print(f"built in {time.perf_counter() - started:.0f} s")
    with scopes_disabled():
        small = measure("3,000 moments", p, people, admin_client)
        started = time.perf_counter()
        # 4,750 more schools in 238 more boards of 20: 5,000 schools, 60,000 moments.
        grow(p, schools=4750, boards=238, first_index=250, first_board=12)
    analyze()
    print(f"grown in {time.perf_counter() - started:.0f} s")
    with scopes_disabled():
        big = measure("60,000 moments", p, people, admin_client)
    worst = max(small, big)
    print(
        f"calendar: worst ratio {worst:.2f} (feeds of a board's coordinator and of the "
        f"projectcoördinator, its 304, month and schooljaar views; at 3,000 {small:.2f}, "
        f"at 60,000 {big:.2f})"
    )
    return 0 if worst <= 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
