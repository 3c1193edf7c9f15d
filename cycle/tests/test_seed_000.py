"""Seed 000's kwaliteitscyclus, worked through by hand for 2025-2026 and 2026-2027.

The expectations below are written from the seed's table (shared/seeds/000…, "Kwaliteitscyclus
Samen Opleiden en Professionaliseren", and the "Daarnaast" bullets under it), row by row, for a
partnership whose schools stand at every stage of the training-school route and in different
cohorts. They are not derived from cycle/generation.py; docs/kwaliteitscyclus.md says how each
row was read where the seed leaves room.

The seed's rows (R…), as the tests name them:

- R1 Voor de start — "Scan Opleiden in de School/bespreken Professioneel perspectief" (team)
- R2 Voor de start — "Verkennend gesprek" (schoolleider, schoolopleider, instituutsopleider)
- R3 Voor de start — "Go-no go vanuit bestuur: Afstemmingsgesprek" (bestuurder, CoOP'er)
- R4 Start van de OS — "O-meting … Uitkomsten Scan Opleiden in de School"
- R5 Jaarlijks — "Evaluatiegesprek waarbij het Gesprekskader wordt benut", per school
- R6 Jaarlijks — "HRM-gesprek" of instituutsopleiders / trainers (the partnership)
- R7 Jaarlijks — "Tevredenheidsenquête voor aankomende leraren" (the partnership)
- R8 Om het jaar — "Panelgesprekken met aankomende leraren" (the partnership)
- R9 Om het jaar — "Panelgesprekken met cluster opleidingsscholen" (the partnership)
- R10 Jaarlijks — "Jaarplan Samen", projectgroep
- R11 Jaarlijks — "Jaarplan Samen, Financieel Kader SO&P-PVO", stuurgroep
- R12 Jaarlijks — "Netwerkbijeenkomst Bestuur", each board
- R13 Elke vier jaar — "Scan Opleiden in de School": four years after the 0-meting ("Na iedere
  vier jaar weer scan"); a school whose 0-meting the portal does not know, in its cohort's year
- R14 Elke vier jaar — "Peerreview … in cohorten, per '23-'24": cohort 1 in 2023-2024, …,
  cohort 3 in 2025-2026, cohort 4 in 2026-2027
- L  Daarnaast — the national peer review once in six years after the beoordelende one
  (2022-2023): 2028-2029, so neither year here has it.
The cycle "wordt per schooljaar '22-'23 in zijn geheel doorlopen": the om-het-jaar rows (R8,
R9) both come round in 2022-2023, 2024-2025, 2026-2027 — so not in 2025-2026, both in 2026-2027.
"""

import datetime as dt
import types
from collections import Counter

import pytest
from django_scopes import scopes_disabled

from cycle import generation, traffic_light
from cycle.models import ReviewMoment
from demo import cycle as demo_cycle
from partnerships.models import School, TrainingPathStep
from tests import factories as f

D = dt.date
K = ReviewMoment.Kind

# The seed's rows, by the name the seeded cycle gives them in the calendar.
R1 = "Scan en professioneel perspectief"
R2 = "Verkennend gesprek"
R3 = "Go / no-go van het bestuur"
R4 = "Nulmeting"
R5 = "Evaluatiegesprek"
R6 = "HRM-gesprek instituutsopleiders"
R7 = "Tevredenheidsenquête aankomende leraren"
R8 = "Panelgesprek aankomende leraren"
R9 = "Panelgesprek cluster opleidingsscholen"
R10 = "Jaarplan Samen (projectgroep)"
R11 = "Jaarplan en financieel kader (stuurgroep)"
R12 = "Netwerkbijeenkomst bestuur"
R13 = "Scan Opleiden in de School"
R14 = "Interne peer review"

# The schools: (status, cohort, route as (step, day), oldest first).
V, GO, NOGO, NUL, ACT, STOP = "verkennend", "go", "no_go", "nulmeting", "actief", "gestopt"
SCHOOLS = {
    # Aspirant: its verkennend gesprek this autumn, the board's go/no-go still to come.
    "aspirant": (V, None, [(V, D(2025, 10, 6))]),
    # Go from the board, the 0-meting still to come.
    "go": (GO, 2, [(V, D(2025, 9, 15)), (GO, D(2025, 11, 17))]),
    # Go in 2025-2026, started with its 0-meting in 2026-2027.
    "start": (NUL, 3, [(V, D(2025, 9, 22)), (GO, D(2025, 11, 24)), (NUL, D(2026, 10, 5))]),
    # No-go from the board.
    "no_go": (NOGO, None, [(V, D(2025, 9, 29)), (NOGO, D(2025, 12, 8))]),
    # Opleidingsschool since its 0-meting in 2021-2022 (cohort 2: peer reviews 2024, 2028).
    "os2021": (
        ACT,
        2,
        [(V, D(2021, 9, 6)), (GO, D(2021, 9, 20)), (NUL, D(2021, 10, 4)), (ACT, D(2022, 8, 1))],
    ),
    # Opleidingsschool since 2022-2023, cohort 4.
    "os2022": (
        ACT,
        4,
        [(V, D(2022, 9, 5)), (GO, D(2022, 10, 3)), (NUL, D(2022, 11, 7)), (ACT, D(2023, 8, 1))],
    ),
    # Opleidingsschool since 2019-2020 (scans 2023, 2027), cohort 1 (peer reviews 2023, 2027).
    "os2019": (
        ACT,
        1,
        [(V, D(2019, 9, 16)), (GO, D(2019, 11, 4)), (NUL, D(2020, 2, 10)), (ACT, D(2020, 8, 1))],
    ),
    # Opleidingsschool whose route the portal does not know (imported), cohort 4.
    "unknown4": (ACT, 4, []),
    # Opleidingsschool without route and without cohort.
    "unknown": (ACT, None, []),
    # Stopped in 2024.
    "stopped": (
        STOP,
        3,
        [(V, D(2019, 9, 2)), (GO, D(2019, 10, 7)), (NUL, D(2019, 11, 4)), (STOP, D(2024, 6, 28))],
    ),
}

# What the seed asks of each school, per schooljaar, worked out by hand: {row: done on}.
# A moment is done when the school's own route records it: the verkennend gesprek (R2) on the
# day of its step, the go/no-go (R3) on the day of the board's go or no-go, the 0-meting (R4)
# on the day of the nulmeting step. Nothing else is done by generating.
EXPECTED = {
    ("aspirant", 2025): {R1: None, R2: D(2025, 10, 6), R3: None},  # go/no-go to come: open
    ("aspirant", 2026): {},  # not started: no yearly rows
    ("go", 2025): {R1: None, R2: D(2025, 9, 15), R3: D(2025, 11, 17), R4: None},
    ("go", 2026): {},  # its start (R4) is still the one of 2025-2026, not a second
    ("start", 2025): {R1: None, R2: D(2025, 9, 22), R3: D(2025, 11, 24), R4: D(2026, 10, 5)},
    # Started in 2026-2027: R5 from then on; R13 four years on (2030); R14 cohort 3 (2029).
    ("start", 2026): {R5: None},
    ("no_go", 2025): {R1: None, R2: D(2025, 9, 29), R3: D(2025, 12, 8)},  # no start (R4)
    ("no_go", 2026): {},
    ("os2021", 2025): {R5: None, R13: None},  # 0-meting 2021 + 4
    ("os2021", 2026): {R5: None},
    ("os2022", 2025): {R5: None},
    ("os2022", 2026): {R5: None, R13: None, R14: None},  # 2022 + 4; cohort 4
    ("os2019", 2025): {R5: None},
    ("os2019", 2026): {R5: None},
    ("unknown4", 2025): {R5: None},
    ("unknown4", 2026): {R5: None, R13: None, R14: None},  # start unknown: scan with cohort 4
    ("unknown", 2025): {R5: None},  # no route, no cohort: no scan, no peer review
    ("unknown", 2026): {R5: None},
    ("stopped", 2025): {},
    ("stopped", 2026): {},
}
# The partnership's and the boards' own moments (R6–R12, L).
EXPECTED_PARTNERSHIP = {
    2025: Counter({R6: 1, R7: 1, R10: 1, R11: 1}),  # no panel conversations (R8, R9)
    2026: Counter({R6: 1, R7: 1, R8: 1, R9: 1, R10: 1, R11: 1}),
}


@pytest.fixture
def route(samen):
    """The partnership of SCHOOLS, on two boards, with SAMEN's cycle seeded. The world's own
    school is an opleidingsschool without route and without cohort, like "unknown"."""
    with scopes_disabled():
        second_board = f.PartnerFactory(partnership=samen.partnership)
        schools = {"world": samen.school}
        for i, (key, (status, cohort, steps)) in enumerate(SCHOOLS.items()):
            schools[key] = school = f.SchoolFactory(
                partnership=samen.partnership,
                board=(samen.board, second_board)[i % 2],
                name=f"School {key}",
                training_status=status,
                cohort=cohort,
            )
            for step, on in steps:
                TrainingPathStep.objects.create(
                    partnership=samen.partnership, school=school, status=step, on=on
                )
    with samen.scope():
        generation.seed_cycle(samen.partnership)
    samen.schools = schools
    samen.boards = (samen.board, second_board)
    return samen


def generate(tenant, years=(2025, 2026)):
    with tenant.scope():
        return [m for y in years for m in generation.generate_schooljaar(tenant.partnership, y)]


def calendar(tenant):
    with scopes_disabled():
        return list(
            ReviewMoment.objects.filter(partnership=tenant.partnership).select_related(
                "cycle_activity"
            )
        )


def per_school(moments, key_of):
    """{(school key, schooljaar): {row: done_on}}, and any row a school has twice."""
    found, twice = {}, []
    for m in moments:
        if m.school_id is None:
            continue
        entry = found.setdefault((key_of[m.school_id], m.schooljaar), {})
        row = m.cycle_activity.name
        if row in entry:
            twice.append((key_of[m.school_id], m.schooljaar, row))
        entry[row] = m.done_on
    return found, twice


def test_each_school_gets_what_seed_000s_table_asks_for_in_2025_and_2026(route):
    generate(route)
    moments = calendar(route)
    key_of = {s.pk: k for k, s in route.schools.items()}
    found, twice = per_school(moments, key_of)

    assert twice == []  # no school has a row's moment twice in one schooljaar
    expected = dict(EXPECTED)
    expected[("world", 2025)] = {R5: None}
    expected[("world", 2026)] = {R5: None}
    for key in route.schools:
        for year in (2025, 2026):
            assert found.get((key, year), {}) == expected[key, year], (key, year)


def test_the_partnership_and_each_board_get_their_rows_in_2025_and_2026(route):
    generate(route)
    moments = calendar(route)
    for year in (2025, 2026):
        partnership = Counter(
            m.cycle_activity.name
            for m in moments
            if m.schooljaar == year and m.school_id is None and m.partner_id is None
        )
        assert partnership == EXPECTED_PARTNERSHIP[year], year
        # R12: each board's netwerkbijeenkomst, once a year.
        boards = Counter(m.partner_id for m in moments if m.schooljaar == year and m.partner_id)
        assert boards == {b.pk: 1 for b in route.boards}
        assert all(
            m.cycle_activity.name == R12 for m in moments if m.schooljaar == year and m.partner_id
        )


def test_the_route_moments_windows_begin_when_the_school_enters_each_step(route):
    generate(route)
    windows = {
        (m.school_id, m.cycle_activity.name): (m.starts_on, m.due_on)
        for m in calendar(route)
        if m.school_id
    }
    aspirant, go = route.schools["aspirant"].pk, route.schools["go"].pk
    # R2 starts on the day of the verkennend gesprek (its window, Sept–Oct, has begun).
    assert windows[aspirant, R2][0] == D(2025, 10, 6)
    # R3 in its own window, November–December, after the verkennend gesprek.
    assert windows[aspirant, R3] == (D(2025, 11, 1), D(2025, 12, 31))
    # R4, the 0-meting, from the day of the go, as long as its window (1 Sept + 121 days).
    assert windows[go, R4] == (D(2025, 11, 17), D(2026, 3, 18))


def test_the_route_marks_its_moments_done_as_it_goes_and_generating_again_adds_none(route):
    generate(route)
    go = route.schools["go"]
    aspirant = route.schools["aspirant"]
    with scopes_disabled():
        # The go school records its 0-meting in 2026-2027; the aspirant gets its go.
        TrainingPathStep.objects.create(
            partnership=route.partnership, school=go, status=NUL, on=D(2026, 9, 14)
        )
        School.objects.filter(pk=go.pk).update(training_status=NUL)
        TrainingPathStep.objects.create(
            partnership=route.partnership, school=aspirant, status=GO, on=D(2026, 1, 12)
        )
        School.objects.filter(pk=aspirant.pk).update(training_status=GO)
    generate(route)

    key_of = {s.pk: k for k, s in route.schools.items()}
    found, twice = per_school(calendar(route), key_of)
    assert twice == []
    # The 0-meting of 2025-2026 is done now, and 2026-2027 has no second one; from its start
    # the school has its yearly evaluatiegesprek (R5), and its peer review with cohort 2 in
    # 2028 (not here).
    assert found["go", 2025][R4] == D(2026, 9, 14)
    assert found["go", 2026] == {R5: None}
    # The aspirant's go/no-go is done on the go's day; its start (R4) is planned from it.
    assert found["aspirant", 2025] == {
        R1: None,
        R2: D(2025, 10, 6),
        R3: D(2026, 1, 12),
        R4: None,
    }


def test_a_moment_no_longer_asked_for_is_taken_away_unless_it_was_held_or_announced(route):
    generate(route)
    os2022 = route.schools["os2022"]
    with scopes_disabled():
        review = ReviewMoment.objects.get(school=os2022, kind=K.PEERREVIEW_INTERN, schooljaar=2026)
        # Its cohort changes to 1: its peer review of 2026-2027 is no longer asked for.
        School.objects.filter(pk=os2022.pk).update(cohort=1)
        held = ReviewMoment.objects.get(school=os2022, kind=K.SCAN, schooljaar=2026)
        held.done_on = D(2026, 11, 30)
        held.save()
        School.objects.filter(pk=os2022.pk).update(training_status=STOP)
    generate(route)
    with scopes_disabled():
        assert not ReviewMoment.objects.filter(pk=review.pk).exists()
        # Held moments stay, whatever the cycle asks now.
        assert ReviewMoment.objects.filter(pk=held.pk).exists()


def test_the_demo_marks_done_only_what_the_route_does_not_contradict(route):
    """demo/cycle.py holds last year's moments and this year's past ones; a school's go/no-go
    that its route has not recorded stays open (it shows as over tijd), and only the route
    marks the route's moments done."""
    context = types.SimpleNamespace(slug="samen", partnership=route.partnership, schools={})
    with route.scope():
        demo_cycle.extend(context)
    aspirant = route.schools["aspirant"]
    with scopes_disabled():
        go_no_go = ReviewMoment.objects.get(school=aspirant, kind=K.AFSTEMMINGSGESPREK)
        verkennend = ReviewMoment.objects.get(school=aspirant, kind=K.VERKENNEND_GESPREK)
    assert go_no_go.done_on is None
    assert verkennend.done_on == D(2025, 10, 6)  # the route's own day


def test_the_traffic_light_counts_the_routes_0_meting_as_the_last_scan(route):
    """Every opleidingsschool had its 0-meting (the route's nulmeting step), years before the
    calendar; that scan is its last one until the next is held."""
    generate(route)
    with scopes_disabled():
        schools = {
            s.pk: s
            for s in traffic_light.with_quality(
                School.objects.filter(partnership=route.partnership), D(2026, 12, 2)
            )
        }
        os2019 = route.schools["os2019"]
        assert schools[os2019.pk].last_scan == D(2020, 2, 10)
        # A scan held later is the last one.
        os2021 = route.schools["os2021"]
        scan = ReviewMoment.objects.get(school=os2021, kind=K.SCAN, schooljaar=2025)
        scan.done_on = D(2025, 11, 20)
        scan.save()
        again = traffic_light.with_quality(School.objects.filter(pk=os2021.pk), D(2026, 12, 2))
        assert again.get().last_scan == D(2025, 11, 20)
        # A school without route or scan has none.
        assert schools[route.schools["unknown"].pk].last_scan is None
        # The counts beside it are not multiplied by the route's steps.
        assert (
            schools[os2019.pk].overdue
            == ReviewMoment.objects.filter(
                school=os2019, done_on__isnull=True, due_on__lt=D(2026, 12, 2)
            ).count()
        )
