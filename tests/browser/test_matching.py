"""Capacity and the matching board in Chromium, as the demo users: the coordinator matches an
unmatched student from the board's suggestions and sees a place that was taken meanwhile
refused in Dutch; the schoolopleider enters her school's capacity at 375 px.
"""

import dataclasses

import pytest
from django_scopes import scope, scopes_disabled
from playwright.sync_api import expect

from matching import services as matching
from matching.models import PlacementRequest
from partnerships.models import School
from placements.models import Placement, PlacementPeriod
from roles.models import Person
from samen.permissions import Access
from tests.browser.conftest import expect_no_horizontal_scroll, login, pick, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

COORDINATOR = "coordinator@samen.example"
SCHOOLOPLEIDER = "schoolopleider@samen.example"
NARROW = {"width": 375, "height": 812}

expect.set_options(timeout=15_000)


def demo_period():
    with scopes_disabled():
        return PlacementPeriod.objects.get(
            partnership__slug="samen", name="Pabo voltijd jaar 2 – semester 2"
        )


def test_coordinator_matches_an_unmatched_student_and_sees_a_full_school_refused(
    live_server, demo, page
):
    period = demo_period()
    login(page, live_server, COORDINATOR)
    page.goto(f"{live_server.url}/samen/stages/")
    page.get_by_role("link", name="Matching").click()
    page.get_by_role("link", name=period.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Matching: {period.name}")
    shot(page, "board")

    # Unmatched first: Tim de Graaf (groep 7, Lelystad, Dalton) heads the list, with reasons.
    first = page.locator(".request-card").first
    expect(first.get_by_role("heading", level=3)).to_have_text("Tim de Graaf")
    expect(first).to_contain_text("biedt ‘groep 7’ aan")
    expect(first).to_contain_text("in de voorkeursregio (Lelystad)")
    expect(first).to_contain_text("past bij ‘Dalton’")
    first.get_by_role("link", name="Toewijzen aan Kindcentrum De Zevensprong").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tim de Graaf toewijzen")
    # The mentor picker offers the mentors of the chosen school with room (htmx sends it).
    pick(page, "Mentor", "Sanne", "Sanne van Dijk (mentor@samen.example)")
    expect(page.get_by_label("Groep of vak")).to_have_value("groep 7")
    page.get_by_role("button", name="Verder").click()
    expect(page.locator(".details")).to_contain_text("Kindcentrum De Zevensprong")
    shot(page, "assign-confirm")
    page.get_by_role("button", name="Ja, toewijzen").click()
    expect(page.locator(".messages")).to_contain_text(
        "Tim de Graaf is voorgesteld bij Kindcentrum De Zevensprong."
    )
    with scopes_disabled():
        tim = PlacementRequest.objects.get(period=period, student__last_name="de Graaf")
        assert tim.status == "matched" and tim.placement.status == "voorgesteld"

    # Jesse Kok to De Kameleon's one place in groep 1/2 — but meanwhile another coordinator
    # gives that place to Lieke Prins. Confirming is refused, in Dutch, and nothing is saved.
    jesse = page.locator(".request-card", has_text="Jesse Kok")
    jesse.get_by_role("link", name="Toewijzen aan OBS De Kameleon").click()
    pick(page, "Mentor", "Lisa", "Lisa de Wit (lisa.wit@samen.example)")
    page.get_by_role("button", name="Verder").click()
    with scopes_disabled():
        kameleon = School.objects.get(partnership=period.partnership, name="OBS De Kameleon")
        lieke = PlacementRequest.objects.get(period=period, student__last_name="Prins")
        colleague = dataclasses.replace(
            Access.for_system(period.partnership),
            person=Person.objects.get(partnership=period.partnership, email=COORDINATOR),
        )
    with scope(partnership=period.partnership):
        matching.assign(
            colleague,
            lieke,
            school=kameleon,
            mentor=Person.objects.get(email="lisa.wit@samen.example"),
            instituutsopleider=lieke.instituutsopleider,
            group="groep 1/2",
        )
    page.get_by_role("button", name="Ja, toewijzen").click()
    expect(page.get_by_role("alert")).to_contain_text(
        f"OBS De Kameleon zit vol in {period.name}: de 1 plaats is al vergeven."
    )
    shot(page, "refused-full")
    with scopes_disabled():
        assert not Placement.objects.filter(student__last_name="Kok").exists()


def test_schoolopleider_enters_capacity_on_a_phone(live_server, demo, new_page):
    page = new_page(phone=True)
    page.set_viewport_size(NARROW)
    login(page, live_server, SCHOOLOPLEIDER)
    page.goto(f"{live_server.url}/samen/stages/capaciteit/")
    page.get_by_role("link", name="Kindcentrum De Zevensprong").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kindcentrum De Zevensprong")
    shot(page, "capacity")
    # A new group in the first empty row: groep 8, one place, a tekortvak for the school.
    row = page.locator("fieldset.row-card").nth(2)  # rows 1–2 hold groep 3/4 and groep 7
    row.get_by_label("Groep of vak").fill("groep 8")
    row.get_by_label("Plaatsen").fill("1")
    expect_no_horizontal_scroll(page)
    page.get_by_role("button", name="Capaciteit opslaan").click()
    expect(page.locator("body")).to_contain_text("De capaciteit is opgeslagen.")
    shot(page, "capacity-saved")
    with scopes_disabled():
        groups = list(
            PlacementPeriod.objects.get(pk=demo_period().pk)
            .capacities.get(school__name="Kindcentrum De Zevensprong")
            .places.values_list("group", flat=True)
        )
    assert "groep 8" in groups
