"""The kwaliteitscyclus as a calendar: SAMEN's cycle (seed 000) generated for six schooljaren.

The expectations are read from seed 000's Kwaliteitscyclus table, not from quality/cycle.py:
yearly moments every year, the panel conversations every other year, every school's scan
and internal peer review once in each four years, each cohort in its own year (cohorts from
2023-2024), the national peer review once in six years.
"""

import datetime as dt
from collections import Counter, defaultdict

import pytest
from django_scopes import scopes_disabled

from partnerships.models import TrainingPathStep
from quality import cycle
from quality.models import CycleActivity, ReviewMoment
from tests import factories as f

YEARS = range(2023, 2029)  # 2023-2024 … 2028-2029
K = ReviewMoment.Kind


@pytest.fixture
def world(samen):
    """SAMEN as the seed describes it: four boards, twelve opleidingsscholen in four cohorts
    (three each), the cycle seeded. The test tenant's own school has no cohort yet."""
    with scopes_disabled():
        boards = [samen.board] + [f.PartnerFactory(partnership=samen.partnership) for _ in "abc"]
        schools = []
        for i in range(12):
            schools.append(
                f.SchoolFactory(
                    partnership=samen.partnership,
                    board=boards[i % 4],
                    name=f"Opleidingsschool {i}",
                    cohort=i % 4 + 1,
                )
            )
    with samen.scope():
        cycle.seed_cycle(samen.partnership)
    samen.boards = boards
    samen.schools = schools
    return samen


def generate(tenant, years=YEARS):
    with tenant.scope():
        return [m for year in years for m in cycle.generate_schooljaar(tenant.partnership, year)]


def moments(tenant, **filters):
    with scopes_disabled():
        return list(
            ReviewMoment.objects.filter(partnership=tenant.partnership, **filters).select_related(
                "cycle_activity"
            )
        )


def years_of(rows):
    return sorted(m.schooljaar for m in rows)


def once_in_every_four_years(years):
    """Exactly one in each run of four consecutive schooljaren of YEARS."""
    return all(
        sum(1 for y in years if start <= y < start + 4) == 1
        for start in range(YEARS[0], YEARS[-1] - 2)
    )


# --- The calendar test ------------------------------------------------------------------------


def test_seeding_gives_the_partnership_the_whole_table_of_seed_000(world):
    with scopes_disabled():
        rows = list(CycleActivity.objects.filter(partnership=world.partnership))
    by_moment = Counter(r.moment for r in rows)
    # Voor de start: scan/perspectief, verkennend gesprek, go/no-go; start: nulmeting;
    # jaarlijks: evaluatiegesprek, HRM-gesprek, enquête, two jaarplan rows, netwerkbijeenkomst;
    # om het jaar: two panel conversations; elke vier jaar: scan, peer review; zes: landelijk.
    assert by_moment == {
        "voor_de_start": 3,
        "start": 1,
        "jaarlijks": 6,
        "om_het_jaar": 2,
        "vier_jaar": 2,
        "zes_jaar": 1,
    }
    evaluatie = next(r for r in rows if r.kind == K.EVALUATIEGESPREK)
    assert set(evaluatie.participants) == {
        "schoolleider",
        "schoolopleider",
        "cooper",
        "instituutsopleider",
        "mentor",
    }
    assert "Gesprekskader" in evaluatie.activity
    # Seeding again adds nothing.
    with world.scope():
        assert cycle.seed_cycle(world.partnership) == []


def test_samens_calendar_2023_to_2029_follows_the_cycle_of_seed_000(world):
    generate(world)
    every_year = list(YEARS)

    # Yearly: every school's evaluatiegesprek, every year, once. The test tenant's own school
    # is an active opleidingsschool too.
    evaluaties = moments(world, kind=K.EVALUATIEGESPREK)
    per_school = defaultdict(list)
    for m in evaluaties:
        per_school[m.school_id].append(m.schooljaar)
    assert set(per_school) == {s.pk for s in world.schools} | {world.school.pk}
    assert all(sorted(y) == every_year for y in per_school.values())

    # Yearly for the partnership: the survey, the HRM conversation, the two jaarplan steps.
    assert years_of(moments(world, kind=K.ENQUETE)) == every_year
    assert years_of(moments(world, kind=K.HRM_GESPREK)) == every_year
    assert years_of(moments(world, kind=K.JAARPLAN)) == sorted(every_year * 2)
    # Yearly per board: the netwerkbijeenkomst of each of the four boards.
    netwerk = moments(world, kind=K.NETWERKBIJEENKOMST)
    assert Counter(m.partner_id for m in netwerk) == {b.pk: 6 for b in world.boards}
    assert all(m.school_id is None for m in netwerk)

    # Every other year: each of the two panel conversations in three of the six years, never
    # two years running.
    panels = defaultdict(list)
    for m in moments(world, kind=K.PANELGESPREK):
        panels[m.cycle_activity.name].append(m.schooljaar)
    assert len(panels) == 2
    for years in panels.values():
        assert len(years) == 3
        assert all(b - a == 2 for a, b in zip(sorted(years), sorted(years)[1:], strict=False))

    # Every four years per school: its scan, once in each four schooljaren.
    scans = defaultdict(list)
    for m in moments(world, kind=K.SCAN):
        scans[m.school_id].append(m.schooljaar)
    assert set(scans) >= {s.pk for s in world.schools}
    assert all(once_in_every_four_years(y) for y in scans.values())
    # … spread over the years, not all schools in the same one.
    assert len({min(y) for y in scans.values()}) > 1

    # The internal peer review: every school once in each four years, each cohort in its own
    # year, cohort 1 in 2023-2024 (seed: "per '23-'24 in cohorten ingedeeld").
    reviews = moments(world, kind=K.PEERREVIEW_INTERN)
    by_school = defaultdict(list)
    by_year = defaultdict(set)
    for m in reviews:
        by_school[m.school_id].append(m.schooljaar)
        by_year[m.schooljaar].add(m.school.cohort)
    assert set(by_school) == {s.pk for s in world.schools}  # not the school without cohort
    assert all(once_in_every_four_years(y) for y in by_school.values())
    assert all(len(cohorts) == 1 for cohorts in by_year.values())
    assert {y: c.pop() for y, c in by_year.items()} == {
        2023: 1,
        2024: 2,
        2025: 3,
        2026: 4,
        2027: 1,
        2028: 2,
    }

    # The national peer review: once in the six years, for the whole partnership.
    [landelijk] = moments(world, kind=K.PEERREVIEW_LANDELIJK)
    assert landelijk.school_id is None and landelijk.partner_id is None

    # Every moment has a window inside its schooljaar, ending on its due date.
    for m in moments(world):
        assert m.starts_on <= m.due_on
        assert dt.date(m.schooljaar, 8, 1) <= m.starts_on
        assert m.due_on <= dt.date(m.schooljaar + 1, 7, 31)


def test_generating_again_creates_nothing_new(world):
    first = generate(world)
    count = len(moments(world))
    assert len(first) == count > 0
    assert generate(world) == []
    assert len(moments(world)) == count


def test_a_school_entering_the_path_gets_its_voor_de_start_and_start_moments(world):
    with scopes_disabled():
        newcomer = f.SchoolFactory(
            partnership=world.partnership,
            board=world.board,
            name="Basisschool De Nieuwkomer",
            training_status="nulmeting",
            cohort=3,
        )
        for status, on in (
            ("verkennend", dt.date(2025, 10, 6)),
            ("nulmeting", dt.date(2026, 9, 1)),
        ):
            TrainingPathStep.objects.create(
                partnership=world.partnership, school=newcomer, status=status, on=on
            )
    generate(world)

    mine = moments(world, school=newcomer)
    kinds = {(m.schooljaar, m.kind) for m in mine}
    # Voor de start, in the schooljaar of the verkennend gesprek (2025-2026), and its window
    # starts no earlier than the day the school entered.
    assert {k for y, k in kinds if y == 2025} == {
        K.SCAN,
        K.VERKENNEND_GESPREK,
        K.AFSTEMMINGSGESPREK,
    }
    assert all(m.starts_on >= dt.date(2025, 10, 6) for m in mine if m.schooljaar == 2025)
    # Start: the nulmeting in 2026-2027; from then on, a yearly evaluatiegesprek; its next
    # scan four years after the nulmeting (after 2028-2029), its peer review with cohort 3.
    assert (2026, K.NULMETING) in kinds
    assert sorted(y for y, k in kinds if k == K.EVALUATIEGESPREK) == [2026, 2027, 2028]
    assert not [y for y, k in kinds if k == K.SCAN and y > 2025]
    assert not [y for y, k in kinds if k == K.PEERREVIEW_INTERN]  # cohort 3: 2025, then 2029
    assert not [y for y, _k in kinds if y < 2025]
