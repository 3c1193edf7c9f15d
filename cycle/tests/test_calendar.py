"""The kwaliteitscyclus as a calendar: SAMEN's cycle (seed 000) generated for six schooljaren.

The expectations are read from seed 000's Kwaliteitscyclus table, not from cycle/generation.py:
yearly moments every year, the panel conversations every other year (both from 2022-2023),
every school's scan and internal peer review once in each four years, each cohort in its own
year (cohorts from 2023-2024), the national peer review once in six years. test_seed_000.py
works the table through by hand, school by school, for 2025-2026 and 2026-2027.
"""

import datetime as dt
import io
import re
from collections import Counter, defaultdict

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.formats import date_format
from django_scopes import scopes_disabled
from icalendar import Calendar

from cycle import generation, services
from cycle.models import CycleActivity, ReviewMoment
from notifications import services as notifications
from notifications.models import Notification
from partnerships.models import TrainingPathStep
from roles.models import RoleAssignment
from samen import calendar as agenda
from samen.errors import DomainError
from samen.permissions import OutOfReach
from samen.schooljaar import Schooljaar
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
        generation.seed_cycle(samen.partnership)
    samen.boards = boards
    samen.schools = schools
    return samen


def generate(tenant, years=YEARS):
    with tenant.scope():
        return [
            m for year in years for m in generation.generate_schooljaar(tenant.partnership, year)
        ]


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
        assert generation.seed_cycle(world.partnership) == []


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

    # Every other year ("om het jaar"), both panel conversations, counted from 2022-2023 (the
    # cycle "wordt per schooljaar '22-'23 in zijn geheel doorlopen"): 2024, 2026, 2028.
    panels = defaultdict(list)
    for m in moments(world, kind=K.PANELGESPREK):
        panels[m.cycle_activity.name].append(m.schooljaar)
    assert len(panels) == 2
    assert all(sorted(years) == [2024, 2026, 2028] for years in panels.values())

    # Every four years per school: its scan, once in each four schooljaren. These schools'
    # 0-meting is unknown: the scan comes in their cohort's year; the test tenant's own school
    # has no cohort either, so no scan.
    scans = defaultdict(list)
    for m in moments(world, kind=K.SCAN):
        scans[m.school_id].append(m.schooljaar)
    assert set(scans) == {s.pk for s in world.schools}
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


# --- Status: planned, overdue, done -------------------------------------------------------------


def test_a_moment_is_overdue_after_its_last_day_until_someone_marks_it_done(samen):
    from tests.fixtures import actor

    today = dt.date.today()
    with samen.scope():
        moment = services.plan_review_moment(
            partnership=samen.partnership,
            school=samen.school,
            due_on=today - dt.timedelta(days=1),
            title="Evaluatiegesprek Zonnebloem",
        )
        assert moment.status_on(today) == "overdue"
        assert moment.status_on(today - dt.timedelta(days=1)) == "planned"

        with pytest.raises(OutOfReach):
            services.mark_done(actor(samen, "mentor"), moment, note="Gehouden")
        moment.refresh_from_db()
        assert moment.done_on is None

        services.mark_done(actor(samen), moment, note="Gehouden; verslag in Teams.")
        moment.refresh_from_db()
        assert moment.status_on(today) == "done"
        assert moment.done_on == today
        assert moment.outcome_note == "Gehouden; verslag in Teams."

        with pytest.raises(DomainError):
            services.mark_done(actor(samen), moment, note="Nog eens")
        moment.refresh_from_db()
        assert moment.outcome_note == "Gehouden; verslag in Teams."


def test_marking_done_is_asked_first_and_then_shown(samen, client_for):
    with samen.scope():
        moment = services.plan_review_moment(
            partnership=samen.partnership,
            school=samen.school,
            due_on=dt.date.today() + dt.timedelta(days=20),
            title="Evaluatiegesprek Zonnebloem",
        )
    client = client_for(samen.users["schoolopleider"])
    url = reverse("cycle:moment_done", args=[samen.partnership.slug, moment.pk])

    page = client.get(url).content.decode()
    assert "niet ongedaan maken" in page
    response = client.post(url, {"outcome_note": ""})
    assert response.status_code == 200
    assert "Dit veld is verplicht" in response.content.decode()

    # The outcome is asked on the confirmation itself, which posts confirm=1.
    assert 'name="confirm" value="1"' in page and 'name="outcome_note"' in page
    response = client.post(
        url, {"outcome_note": "Goed gesprek, drie acties.", "confirm": "1"}, follow=True
    )
    page = response.content.decode()
    assert "Afgerond" in page and "Goed gesprek, drie acties." in page
    # A mentor sees the moment but may not mark it done.
    mentor = client_for(samen.users["mentor"])
    assert (
        mentor.get(reverse("cycle:moment", args=[samen.partnership.slug, moment.pk])).status_code
        == 200
    )
    assert mentor.get(url).status_code == 404


# --- Beat and the command -----------------------------------------------------------------------


def test_beat_generates_this_schooljaar_and_from_1_june_the_next(world):
    with scopes_disabled():
        assert generation.generate_due(today=dt.date(2026, 5, 31)) > 0
        years = set(
            ReviewMoment.objects.filter(partnership=world.partnership).values_list(
                "schooljaar", flat=True
            )
        )
        assert years == {2025}
        assert generation.generate_due(today=dt.date(2026, 6, 1)) > 0
        years = set(
            ReviewMoment.objects.filter(partnership=world.partnership).values_list(
                "schooljaar", flat=True
            )
        )
        assert years == {2025, 2026}
        assert generation.generate_due(today=dt.date(2026, 6, 2)) == 0


def test_the_command_generates_a_schooljaar(world):
    out = io.StringIO()
    call_command("generate_cycle", world.partnership.slug, "2027-2028", stdout=out)
    assert "nieuwe momenten" in out.getvalue()
    assert {m.schooljaar for m in moments(world)} == {2027}
    with pytest.raises(CommandError):
        call_command("generate_cycle", world.partnership.slug, "2027-2029")


# --- Reminders of generated moments --------------------------------------------------------------


def test_generated_moments_remind_30_and_7_days_before_and_when_overdue_whoever_is_involved_then(
    world, smtp_server
):
    year = 2030  # all of its reminders lie ahead
    with world.scope():
        generation.generate_schooljaar(world.partnership, year, today=dt.date(2030, 7, 1))
    [moment] = moments(world, school=world.school, kind=K.EVALUATIEGESPREK)
    with scopes_disabled():
        days = sorted(
            (n.kind, n.send_on) for n in Notification.objects.filter(review_moment=moment)
        )
    assert days == [
        ("reviewmoment.overdue", moment.due_on + dt.timedelta(days=1)),
        ("reviewmoment.upcoming", moment.due_on - dt.timedelta(days=30)),
        ("reviewmoment.upcoming", moment.due_on - dt.timedelta(days=7)),
    ]

    # Who is involved is decided on the day: a schoolleider appointed after the moment was
    # generated is reminded, the schoolopleider whose role ended before that year is not.
    with scopes_disabled():
        leider = f.PersonFactory(partnership=world.partnership, email="leider@zonnebloem.test")
        f.RoleAssignmentFactory(
            partnership=world.partnership,
            person=leider,
            role="schoolleider",
            school=world.school,
            schooljaar_from=year,
        )
        RoleAssignment.objects.filter(person=world.people["schoolopleider"]).update(
            schooljaar_to=year - 1
        )

    notifications.send_due(today=moment.due_on - dt.timedelta(days=30))
    about = [m for m in smtp_server.inbox.received if moment.title in " ".join(m.subject.split())]
    received = {m.rcpt_tos[0] for m in about}
    assert "leider@zonnebloem.test" in received
    assert world.people["schoolopleider"].email not in received
    assert world.people["mentor"].email in received  # the seed: the mentor takes part
    for mail in about:
        assert mail.subject.strip().startswith("Herinnering: Evaluatiegesprek")
        assert "uiterlijk " + date_format(moment.due_on, "l j F Y") in " ".join(mail.body.split())
        link = settings.SAMEN_BASE_URL + reverse(
            "cycle:moment", args=[world.partnership.slug, moment.pk]
        )
        assert link in mail.body


# --- The calendar pages --------------------------------------------------------------------------


def _generate_current(tenant):
    year = Schooljaar.current().start_year
    with tenant.scope():
        generation.generate_schooljaar(tenant.partnership, year)
    return year


def test_the_month_and_schooljaar_views_show_what_the_viewer_may_see(world, client_for):
    year = _generate_current(world)
    [zonnebloem] = moments(world, school=world.school, kind=K.EVALUATIEGESPREK)
    [elsewhere] = moments(world, school=world.schools[1], kind=K.EVALUATIEGESPREK)
    month = zonnebloem.due_on

    coordinator = client_for(world.users["coordinator"])
    page = coordinator.get(
        reverse("cycle:calendar_month", args=[world.partnership.slug, month.year, month.month])
    ).content.decode()
    # Thirteen schools' evaluatiegesprek on one day: counted, with the day's list as a way in.
    [day] = re.findall(rf'href="([^"]*\?dag={month:%Y-%m-%d})"', page)
    listed = coordinator.get(day).content.decode()
    assert zonnebloem.title in listed and elsewhere.title in listed

    schoolopleider = client_for(world.users["schoolopleider"])
    page = schoolopleider.get(
        reverse("cycle:calendar_month", args=[world.partnership.slug, month.year, month.month])
    ).content.decode()
    assert zonnebloem.title in page
    assert elsewhere.title not in page

    page = schoolopleider.get(
        reverse("cycle:calendar_year", args=[world.partnership.slug, year])
    ).content.decode()
    assert zonnebloem.title in page and elsewhere.title not in page
    assert "Gepland" in page

    assert (
        schoolopleider.get(
            reverse("cycle:moment", args=[world.partnership.slug, elsewhere.pk])
        ).status_code
        == 404
    )


@pytest.mark.parametrize("route", ["month", "year"])
def test_the_calendar_takes_as_many_queries_for_many_moments_as_for_few(world, client_for, route):
    year = Schooljaar.current().start_year
    due = dt.date(year + 1, 3, 16)
    client = client_for(world.users["coordinator"])
    if route == "month":
        url = reverse("cycle:calendar_month", args=[world.partnership.slug, due.year, due.month])
    else:
        url = reverse("cycle:calendar_year", args=[world.partnership.slug, year])

    def add(n):
        with scopes_disabled():
            ReviewMoment.objects.bulk_create(
                ReviewMoment(
                    partnership=world.partnership,
                    school=world.schools[i % 12],
                    kind="evaluatiegesprek",
                    schooljaar=year,
                    title=f"Moment {i}",
                    due_on=due + dt.timedelta(days=i % 10),
                )
                for i in range(n)
            )

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add(5)
    client.get(url)
    few = count()
    add(95)
    assert count() <= few  # a day or month that is counted needs no moments read


def test_a_schools_dashboard_shows_its_traffic_light_in_words(world, client_for):
    today = dt.date.today()
    school = world.schools[0]
    with scopes_disabled():
        for kind, days, done in (
            (K.SCAN, -300, True),
            (K.EVALUATIEGESPREK, -2, False),
            (K.PEERREVIEW_INTERN, 60, False),
        ):
            ReviewMoment.objects.create(
                partnership=world.partnership,
                school=school,
                kind=kind,
                schooljaar=Schooljaar.of(today + dt.timedelta(days=days)).start_year,
                title=f"{kind} {school.name}",
                due_on=today + dt.timedelta(days=days),
                done_on=today + dt.timedelta(days=days) if done else None,
            )
    client = client_for(world.users["coordinator"])
    page = client.get(
        reverse("cycle:school_quality", args=[world.partnership.slug, school.pk])
    ).content.decode()
    assert "light-red" in page
    assert "Rood</strong>: 1 moment over tijd" in page
    assert (today - dt.timedelta(days=300)).strftime("%Y") in page  # the last scan

    table = client.get(
        reverse("cycle:school_quality_list", args=[world.partnership.slug])
    ).content.decode()
    assert "Rood</strong>: 1 moment over tijd" in table
    assert "Groen</strong>: alles op schema" in table  # the other schools

    # Marked done: no longer red; the peer review is two months out: green.
    with scopes_disabled():
        ReviewMoment.objects.filter(school=school, kind=K.EVALUATIEGESPREK).update(done_on=today)
    page = client.get(
        reverse("cycle:school_quality", args=[world.partnership.slug, school.pk])
    ).content.decode()
    assert "Groen</strong>: alles op schema" in page

    # A mentor of the school does not open its quality dashboard.
    mentor = client_for(world.users["mentor"])
    assert (
        mentor.get(
            reverse("cycle:school_quality", args=[world.partnership.slug, world.school.pk])
        ).status_code
        == 404
    )


def test_a_coordinator_edits_the_cycle_and_generates_a_schooljaar_from_it(world, client_for):
    client = client_for(world.users["coordinator"])
    with scopes_disabled():
        activity = CycleActivity.objects.get(partnership=world.partnership, kind=K.ENQUETE)
    url = reverse("cycle:cycle_edit", args=[world.partnership.slug, activity.pk])
    data = {
        "name": "Enquête aankomende leraren",
        "moment": "jaarlijks",
        "goal": activity.goal,
        "activity": activity.activity,
        "kind": "enquete",
        "scope": "partnership",
        "participants": ["student", "projectcoordinator"],
        "participants_note": "Aankomende leraren",
        "month_from": 5,
        "month_to": 2,  # before May in the schooljaar: refused
        "order": 7,
        "is_active": "on",
    }
    response = client.post(url, data)
    assert "vóór de eerste" in response.content.decode()
    data["month_to"] = 6
    assert client.post(url, data).status_code == 302
    activity.refresh_from_db()
    assert activity.name == "Enquête aankomende leraren"
    assert activity.participants == ["student", "projectcoordinator"]

    year = Schooljaar.current().start_year
    response = client.post(
        reverse("cycle:cycle_generate", args=[world.partnership.slug]), {"schooljaar": year}
    )
    assert response.status_code == 302
    [enquete] = moments(world, kind=K.ENQUETE)
    assert enquete.title == "Enquête aankomende leraren"
    assert enquete.due_on == dt.date(year + 1, 6, 30)
    # A year outside this and next: refused, nothing made.
    client.post(
        reverse("cycle:cycle_generate", args=[world.partnership.slug]), {"schooljaar": 1999}
    )
    assert not moments(world, schooljaar=1999)

    # The schoolopleider (scoped) reads nothing of the cycle.
    other = client_for(world.users["schoolopleider"])
    assert other.get(reverse("cycle:cycle", args=[world.partnership.slug])).status_code == 404


# --- The agenda feed (ICS) ----------------------------------------------------------------------


def _feed_url(client, tenant):
    """The person's feed address as the agenda page shows it, without the host."""
    page = client.get(reverse("cycle:agenda", args=[tenant.partnership.slug])).content.decode()
    [url] = re.findall(r'value="([^"]+\.ics)"', page)
    assert url.startswith(settings.SAMEN_BASE_URL)
    return url.removeprefix(settings.SAMEN_BASE_URL)


def _events(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    parsed = Calendar.from_ical(response.content)
    return {str(e["UID"]): e for e in parsed.walk("VEVENT")}


def test_the_feed_holds_the_persons_own_moments_and_no_one_elses(world, client_for, client):
    _generate_current(world)
    url = _feed_url(client_for(world.users["schoolopleider"]), world)
    client.logout()  # a calendar app: no session, only the secret

    events = _events(client, url)
    mine = [
        m
        for m in moments(world)
        if world.people["schoolopleider"].pk in {p.pk for p in _involved(world, m)}
    ]
    assert mine
    assert set(events) == {f"reviewmoment-{m.pk}@{world.partnership.slug}.samen" for m in mine}
    [evaluatie] = [m for m in mine if m.kind == K.EVALUATIEGESPREK]
    event = events[f"reviewmoment-{evaluatie.pk}@{world.partnership.slug}.samen"]
    assert str(event["SUMMARY"]) == evaluatie.title
    assert event.decoded("DTSTART") == evaluatie.window_start  # over its window
    assert event.decoded("DTEND") == evaluatie.due_on + dt.timedelta(days=1)
    assert str(event["URL"]).endswith(f"/kwaliteit/momenten/{evaluatie.pk}/")
    assert "Periode:" in str(event["DESCRIPTION"])
    # Every link opens for the person: their school's moments and their board's.
    person = client_for(world.users["schoolopleider"])
    assert any(m.partner_id for m in mine)  # the board's netwerkbijeenkomst
    for e in events.values():
        path = str(e["URL"]).removeprefix(settings.SAMEN_BASE_URL)
        assert person.get(path).status_code == 200, path
    client.logout()
    # Never another school's moment, nor the partnership's stuurgroep jaarplan.
    titles = {str(e["SUMMARY"]) for e in events.values()}
    assert not any(s.name in t for s in world.schools for t in titles)
    assert not any("stuurgroep" in t for t in titles)


def _involved(tenant, moment):
    with tenant.scope():
        return services.people_involved(moment)


def test_resetting_the_feed_address_kills_the_old_one(world, client_for, client):
    person_client = client_for(world.users["schoolopleider"])
    old = _feed_url(person_client, world)
    assert person_client.get(old).status_code == 200

    confirm = person_client.get(reverse("cycle:agenda_reset", args=[world.partnership.slug]))
    assert "niet ongedaan maken" in confirm.content.decode()
    person_client.post(
        reverse("cycle:agenda_reset", args=[world.partnership.slug]), {"confirm": "1"}
    )
    new = _feed_url(person_client, world)

    assert new != old
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_a_feed_secret_works_only_in_its_own_partnership(world, other, client_for, client):
    theirs = _feed_url(client_for(other.users["schoolopleider"]), other)
    mine = _feed_url(client_for(world.users["schoolopleider"]), world)
    client.logout()
    # The other partnership's secret under this partnership's address, and the reverse.
    token = theirs.rsplit("/", 1)[1]
    assert (
        client.get(reverse("cycle:feed", args=[world.partnership.slug, token[:-4]])).status_code
        == 404
    )
    token = mine.rsplit("/", 1)[1]
    assert (
        client.get(reverse("cycle:feed", args=[other.partnership.slug, token[:-4]])).status_code
        == 404
    )
    assert (
        client.get(reverse("cycle:feed", args=[world.partnership.slug, "raden"])).status_code == 404
    )


def test_another_app_adds_events_to_the_feed_through_the_ground_floor_registry(
    world, client_for, client
):
    def deadlines(person, *, today):
        yield agenda.Event(
            uid=f"form-1-{person.pk}@test",
            title="Tussentijdse beoordeling invullen",
            start=today,
            end=today,
        )

    agenda.register("test.deadlines", deadlines)
    try:
        url = _feed_url(client_for(world.users["mentor"]), world)
        client.logout()
        titles = {str(e["SUMMARY"]) for e in _events(client, url).values()}
    finally:
        agenda.unregister("test.deadlines")
    assert "Tussentijdse beoordeling invullen" in titles


def test_only_a_coordinator_for_the_whole_partnership_edits_or_generates_the_cycle(world):
    from roles.access import access_for
    from tests.fixtures import actor

    with scopes_disabled():
        user = f.UserFactory()
        person = f.PersonFactory(partnership=world.partnership, user=user)
        f.RoleAssignmentFactory(
            partnership=world.partnership, person=person, role="cooper", partner=world.board
        )
        activity = CycleActivity.objects.filter(partnership=world.partnership).first()
    year = Schooljaar.current().start_year
    with world.scope():
        board_cooper = access_for(user, world.partnership)
        with pytest.raises(OutOfReach):
            generation.generate(board_cooper, year)
        activity.name = "Anders"
        with pytest.raises(OutOfReach):
            generation.save_activity(board_cooper, activity)
        assert moments(world) == []
        assert CycleActivity.objects.get(pk=activity.pk).name != "Anders"

        assert generation.generate(actor(world), year)
        generation.save_activity(actor(world), activity)
        assert CycleActivity.objects.get(pk=activity.pk).name == "Anders"
