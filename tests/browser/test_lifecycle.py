"""The placement lifecycle in Chromium, as the demo users: an overstap with its chain and
history, a verlenging, the old mentor after a move, and the leergroep at 375 px.
"""

import datetime as dt
import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from placements.models import Placement, PlacementStatus
from tests.browser.conftest import expect_no_horizontal_scroll, login, pick, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

COORDINATOR = "coordinator@samen.example"
MENTOR2 = "mentor2@samen.example"
SCHOOLOPLEIDER = "schoolopleider@samen.example"
STUDENT = "student@samen.example"
COACH_VO = "coach@vo-groningen.example"
NARROW = {"width": 375, "height": 812}

expect.set_options(timeout=15_000)


def placement(student_last_name, school_part, slug="samen"):
    with scopes_disabled():
        return Placement.objects.select_related("school").get(
            partnership__slug=slug,
            student__last_name=student_last_name,
            school__name__contains=school_part,
        )


def day(value):
    months = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december",
    ]  # fmt: skip
    return f"{value.day} {months[value.month - 1]} {value.year}"


def narrow(new_page):
    page = new_page(phone=True)
    page.set_viewport_size(NARROW)
    return page


# --- Overstap ----------------------------------------------------------------------------------


def test_coordinator_moves_a_student_and_both_placements_tell_the_story(
    live_server, demo, page, new_page
):
    """Daan Visser moves from OBS De Windroos to Kindcentrum De Meander; his old mentor keeps
    the old placement and never opens the new one."""
    old = placement("Visser", "Windroos")
    move_on = old.starts_on + dt.timedelta(weeks=8)
    login(page, live_server, COORDINATOR)
    page.goto(f"{live_server.url}/samen/stages/{old.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stage van Daan Visser")
    # The plain status buttons never offer "Overgestapt": that is the overstap's alone.
    expect(page.get_by_role("button", name="Naar ‘Overgestapt’")).to_have_count(0)
    page.get_by_role("link", name="Overstap naar andere school").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overstap naar een andere school")
    shot(page, "overstap-form")

    pick(page, "Nieuwe school", "Meander", "Kindcentrum De Meander (Almere)")
    page.get_by_label("Groep of vak").fill("groep 3/4")
    pick(page, "Nieuwe mentor", "Fatima", "Fatima el Amrani (f.elamrani@samen.example)")
    page.get_by_label("Overstapdatum").fill(move_on.isoformat())
    page.get_by_label("Reden van de overstap").fill(
        "Daan woont sinds kort in Almere; De Meander ligt om de hoek."
    )
    page.get_by_role("button", name="Verder").click()

    # The confirmation: nothing has changed yet.
    expect(page.get_by_role("heading", level=1)).to_have_text("Overstap van Daan Visser bevestigen")
    summary = page.locator("dl.details")
    expect(summary).to_contain_text("OBS De Windroos")
    expect(summary).to_contain_text("Kindcentrum De Meander")
    expect(summary).to_contain_text(day(move_on - dt.timedelta(days=1)))
    with scopes_disabled():
        old.refresh_from_db()
    assert old.status == PlacementStatus.LOPEND
    shot(page, "overstap-confirm")
    page.get_by_role("button", name="Ja, overstap vastleggen").click()

    # The new placement: the chain and the move in its history.
    expect(page.get_by_role("status")).to_contain_text("De overstap is vastgelegd.")
    with scopes_disabled():
        new = Placement.objects.select_related("school").get(previous=old)
    expect(page).to_have_url(f"{live_server.url}/samen/stages/{new.pk}/")
    expect(page.locator("dl.details")).to_contain_text("Kindcentrum De Meander")
    expect(page.locator("dl.details")).to_contain_text("Fatima el Amrani")
    chain = page.get_by_role("region", name="Stageverloop na overstap")
    expect(chain.get_by_role("link", name="OBS De Windroos")).to_be_visible()
    history = page.get_by_role("region", name="Geschiedenis")
    moved = history.get_by_role("listitem").filter(
        has_text="Overstap van OBS De Windroos naar Kindcentrum De Meander"
    )
    expect(moved).to_have_count(2)  # the old placement's log and the new one's
    expect(moved.first).to_contain_text("De Meander ligt om de hoek")
    expect(moved.first).to_contain_text("Marieke Hoekstra")
    shot(page, "new-placement")

    # The old placement: ended the day before, final, with the same story.
    chain.get_by_role("link", name="OBS De Windroos").click()
    expect(page).to_have_url(f"{live_server.url}/samen/stages/{old.pk}/")
    expect(page.locator("dl.details .badge")).to_have_text("Overgestapt")
    expect(page.locator("dl.details")).to_contain_text(day(move_on - dt.timedelta(days=1)))
    expect(page.get_by_role("link", name="Overstap naar andere school")).to_have_count(0)
    history = page.get_by_role("region", name="Geschiedenis")
    expect(history).to_contain_text("Status: Lopend → Overgestapt")
    expect(history).to_contain_text("Bevestigd → Lopend")  # its earlier life is still there
    expect(
        page.get_by_role("region", name="Stageverloop na overstap").get_by_role(
            "link", name="Kindcentrum De Meander"
        )
    ).to_be_visible()
    shot(page, "old-placement")

    # The old mentor, on a phone: the old placement and its forms, not the new one.
    mentor = new_page(phone=True)
    login(mentor, live_server, MENTOR2)
    mentor.goto(f"{live_server.url}/samen/stages/{old.pk}/")
    expect(mentor.get_by_role("heading", level=1)).to_have_text("Stage van Daan Visser")
    expect(mentor.locator("dl.details .badge")).to_have_text("Overgestapt")
    region = mentor.get_by_role("region", name="Stageverloop na overstap")
    expect(region).to_contain_text("Kindcentrum De Meander")
    expect(region.get_by_role("link", name="Kindcentrum De Meander")).to_have_count(0)
    expect(mentor.get_by_text("Fatima el Amrani")).to_have_count(0)
    expect_no_horizontal_scroll(mentor)
    shot(mentor, "old-mentor-reads")
    # Its forms stay readable to the old mentor (the forms' own walk: test_form_cycle.py).
    expect(mentor.get_by_role("region", name="Formulieren")).to_be_visible()
    response = mentor.goto(f"{live_server.url}/samen/stages/{new.pk}/")
    assert response.status == 404
    shot(mentor, "old-mentor-new-placement-404")


# --- Verlenging --------------------------------------------------------------------------------


def test_coordinator_extends_a_placement_after_a_confirmation(live_server, demo, page):
    lotte = placement("Boer", "Zevensprong")
    longer = lotte.ends_on + dt.timedelta(days=14)
    login(page, live_server, COORDINATOR)
    page.goto(f"{live_server.url}/samen/stages/{lotte.pk}/")
    page.get_by_role("link", name="Verlengen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stage verlengen")

    # An earlier date is refused, after the confirmation, with the reason.
    page.get_by_label("Nieuwe einddatum").fill((lotte.ends_on - dt.timedelta(days=3)).isoformat())
    page.get_by_label("Reden van de verlenging").fill("Ziek geweest")
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("button", name="Ja, verlengen").click()
    expect(page.get_by_role("alert")).to_contain_text("moet na de huidige einddatum")
    shot(page, "refused")

    page.get_by_label("Nieuwe einddatum").fill(longer.isoformat())
    page.get_by_label("Reden van de verlenging").fill(
        "Drie weken ziek in december; de lessenserie rekenen loopt daardoor uit."
    )
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verlenging van de stage")
    expect(page.locator("dl.details")).to_contain_text(day(lotte.ends_on))
    expect(page.locator("dl.details")).to_contain_text(day(longer))
    shot(page, "confirm")
    page.get_by_role("button", name="Ja, verlengen").click()

    expect(page.get_by_role("status")).to_contain_text("De stage is verlengd.")
    expect(page.locator("dl.details")).to_contain_text(day(longer))
    event = page.get_by_role("region", name="Geschiedenis").get_by_role("listitem").first
    expect(event).to_contain_text("Verlenging")
    expect(event).to_contain_text(f"Einddatum: {day(lotte.ends_on)} → {day(longer)}")
    expect(event).to_contain_text("lessenserie rekenen loopt daardoor uit")
    with scopes_disabled():
        lotte.refresh_from_db()
    assert lotte.ends_on == longer
    shot(page, "extended")


# --- VO: vakbegeleider and coach ----------------------------------------------------------------


def test_the_coach_opens_the_vo_placement_beside_its_vakbegeleider(live_server, demo, page):
    jesse = placement("Bosma", "Hunze", slug="vo-groningen")
    login(page, live_server, COACH_VO)
    page.goto(f"{live_server.url}/vo-groningen/stages/")
    row = page.locator("#placement-rows tbody tr").filter(has_text="Jesse Bosma")
    expect(row).to_contain_text("Vakbegeleider: Bart Hofstede")
    expect(row).to_contain_text("Coach: Anneke Veldman")
    expect(page.locator("#placement-rows tbody tr")).to_have_count(1)
    row.get_by_role("link", name="Jesse Bosma").click()
    expect(page).to_have_url(f"{live_server.url}/vo-groningen/stages/{jesse.pk}/")
    details = page.locator("dl.details")
    expect(details.get_by_text("Vakbegeleider", exact=True)).to_be_visible()
    expect(details).to_contain_text("Anneke Veldman")
    shot(page, "coach-placement")


# --- Leergroepen at 375 px ------------------------------------------------------------------------


def test_the_schoolopleider_plans_a_leergroep_meeting_at_375_px(live_server, demo, new_page):
    page = narrow(new_page)
    login(page, live_server, SCHOOLOPLEIDER)
    panel = page.get_by_role("region", name="Leergroepen")
    panel.get_by_role("link", name="Leergroep De Zevensprong").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leergroep De Zevensprong")
    expect(page.get_by_role("region", name="2 deelnemers")).to_contain_text("Emma Koster")
    expect_no_horizontal_scroll(page)
    shot(page, "leergroep")

    page.get_by_role("link", name="Bijeenkomst toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe bijeenkomst")
    when = dt.datetime.now().replace(second=0, microsecond=0) + dt.timedelta(days=20)
    page.get_by_label("Datum en tijd").fill(when.strftime("%Y-%m-%dT15:30"))
    page.get_by_label("Onderwerp").fill("Oudergesprekken voorbereiden")
    page.get_by_label("Aantekeningen").fill("Ieder neemt een vraag van een ouder mee.")
    page.get_by_label("Lotte de Boer").check()
    expect_no_horizontal_scroll(page)
    shot(page, "meeting-form")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("status")).to_contain_text("De bijeenkomst is opgeslagen.")
    meetings = page.get_by_role("region", name="Bijeenkomsten")
    planned = meetings.locator("li.meeting").filter(has_text="Oudergesprekken voorbereiden")
    expect(planned).to_contain_text("Ieder neemt een vraag van een ouder mee.")
    expect(planned).to_contain_text("Aanwezig: Lotte de Boer")
    expect_no_horizontal_scroll(page)
    shot(page, "meeting-saved")


def test_the_student_sees_her_leergroep_and_its_meetings_at_375_px(live_server, demo, new_page):
    page = narrow(new_page)
    login(page, live_server, STUDENT)
    panel = page.get_by_role("region", name="Leergroepen")
    expect(panel).to_contain_text(re.compile(r"Volgende bijeenkomst: \w+ \d+ \w+, 15:30"))
    expect(panel.get_by_role("link", name="Nieuwe leergroep")).to_have_count(0)
    expect_no_horizontal_scroll(page)
    shot(page, "dashboard")
    panel.get_by_role("link", name="Leergroep De Zevensprong").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Leergroep De Zevensprong")
    meetings = page.get_by_role("region", name="Bijeenkomsten")
    expect(meetings).to_contain_text("Kennismaking en leervragen")
    expect(meetings).to_contain_text("Intervisie: rust en orde bij de start van de les")
    expect(page.get_by_role("link", name="Bijeenkomst toevoegen")).to_have_count(0)
    expect(page.get_by_role("link", name="Bewerken")).to_have_count(0)
    expect(page.get_by_text("Ingrid Smit")).to_be_visible()
    expect_no_horizontal_scroll(page)
    shot(page, "leergroep")
