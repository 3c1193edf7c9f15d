"""Browser journey: the coordinator reads the kwaliteitscyclus as a calendar — the schooljaar,
a month, a generated moment — and opens a school's quality dashboard with its traffic light;
the month calendar on a 375 px phone is a list without horizontal scroll."""

import re

import pytest

from samen.schooljaar import Schooljaar

from .conftest import login, shot

pytestmark = pytest.mark.django_db(transaction=True)

EVALUATIE = "Evaluatiegesprek – Kindcentrum De Zevensprong"


def test_coordinator_reads_the_calendar_and_a_schools_traffic_light(demo, live_server, new_page):
    year = Schooljaar.current()
    page = new_page()
    login(page, live_server, "coordinator@samen.example")
    page.goto(f"{live_server.url}/samen/")
    page.get_by_role("link", name=f"Kwaliteitskalender {year}").click()

    assert page.get_by_role("heading", name=f"Kwaliteitskalender schooljaar {year}").is_visible()
    moment = page.get_by_role("link", name=EVALUATIE)
    assert moment.is_visible()
    section = page.locator("section", has=moment)
    assert "Gepland" in section.locator("li", has=moment).inner_text()
    shot(page, "schooljaar")

    # Its month: the same moment on its last day in the grid.
    section.get_by_role("heading").get_by_role("link").click()
    assert page.get_by_role("heading", name=re.compile("^Kwaliteitskalender: ")).is_visible()
    assert page.locator(".month-grid").get_by_role("link", name=EVALUATIE).is_visible()
    shot(page, "month")

    page.locator(".month-grid").get_by_role("link", name=EVALUATIE).click()
    assert page.get_by_role("heading", name=EVALUATIE).is_visible()
    assert "Gesprekskader" in page.locator(".details").inner_text()
    page.locator(".details").get_by_role("link", name=re.compile("De Zevensprong")).click()

    assert page.get_by_role("heading", name=re.compile("Kwaliteit: Kindcentrum De Zevensprong"))
    light = page.locator(".lead .light")
    # The colour is said in words, not by the dot alone.
    assert re.match(r"(Groen|Oranje|Rood): ", light.inner_text())
    assert page.get_by_text("Laatste evaluatiegesprek").is_visible()
    shot(page, "school")

    # The partnership's table: every school with its light; one of them is red.
    page.get_by_role("link", name="Kwaliteit per school").click()
    rows = page.locator("tbody tr")
    assert rows.count() >= 10
    assert page.locator("tbody .light-red").count() >= 1
    assert (
        "over tijd" in page.locator("tbody tr", has=page.locator(".light-red")).first.inner_text()
    )
    shot(page, "schools")


def test_the_month_calendar_on_a_phone_is_a_list_without_horizontal_scroll(
    demo, live_server, new_page
):
    page = new_page(phone=True)
    page.set_viewport_size({"width": 375, "height": 812})
    login(page, live_server, "coordinator@samen.example")
    year = Schooljaar.current()
    # May: every school's evaluatiegesprek ends then.
    page.goto(f"{live_server.url}/samen/kwaliteit/kalender/{year.start_year + 1}/5/")
    assert page.get_by_role("link", name=EVALUATIE).is_visible()
    # The weekday header and the empty days are gone: a list of the days with moments.
    assert not page.locator(".month-weekdays").is_visible()
    assert page.locator(".day-empty").first.is_hidden()
    assert page.locator(".day:not(.day-empty) .day-long").first.is_visible()
    shot(page, "month-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
