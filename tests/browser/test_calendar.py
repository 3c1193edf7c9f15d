"""Browser journey: the coordinator reads the kwaliteitscyclus as a calendar — the schooljaar,
a month, a generated moment — and opens a school's quality dashboard with its traffic light;
the month calendar on a 375 px phone is a list without horizontal scroll."""

import re

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from cycle.models import ReviewMoment
from samen.schooljaar import Schooljaar

from .conftest import expect_no_horizontal_scroll, login, shot

pytestmark = pytest.mark.django_db(transaction=True)

EVALUATIE = "Evaluatiegesprek – Kindcentrum De Zevensprong"


def test_coordinator_reads_the_calendar_and_a_schools_traffic_light(demo, live_server, new_page):
    year = Schooljaar.current()
    page = new_page()
    login(page, live_server, "coordinator@samen.example")
    page.goto(f"{live_server.url}/samen/")
    page.get_by_role("link", name=f"Kwaliteitskalender {year}").click()

    expect(
        page.get_by_role("heading", name=f"Kwaliteitskalender schooljaar {year}")
    ).to_be_visible()
    moment = page.get_by_role("link", name=EVALUATIE)
    expect(moment).to_be_visible()
    section = page.locator("section", has=moment)
    # The demo holds the moments whose window has passed (demo/cycle.py).
    with scopes_disabled():
        due_on = ReviewMoment.objects.get(title=EVALUATIE, schooljaar=year.start_year).due_on
    status = "Afgerond" if due_on < timezone.localdate() else "Gepland"
    expect(section.locator("li", has=moment)).to_contain_text(status, use_inner_text=True)
    shot(page, "schooljaar")

    # Its month (where its window begins): every school's evaluatiegesprek begins that day,
    # so the day counts them, and its list is the way in.
    section.get_by_role("heading").get_by_role("link").click()
    expect(page.get_by_role("heading", name=re.compile("^Kwaliteitskalender: "))).to_be_visible()
    with scopes_disabled():
        moment_row = ReviewMoment.objects.get(title=EVALUATIE, schooljaar=year.start_year)
    day = page.locator(
        ".month-grid .day", has=page.locator(f'time[datetime="{moment_row.window_start:%Y-%m-%d}"]')
    )
    expect(day.get_by_role("link", name=re.compile(r"^\d+ momenten"))).to_be_visible()
    shot(page, "month")

    day.get_by_role("link", name=re.compile(r"^\d+ momenten")).click()
    expect(page.get_by_role("heading", name="Evaluatiemomenten")).to_be_visible()
    page.get_by_role("link", name=EVALUATIE).click()
    expect(page.get_by_role("heading", name=EVALUATIE)).to_be_visible()
    expect(page.locator(".details")).to_contain_text("Gesprekskader", use_inner_text=True)
    page.locator(".details").get_by_role("link", name=re.compile("De Zevensprong")).click()

    expect(
        page.get_by_role("heading", name=re.compile("Kwaliteit: Kindcentrum De Zevensprong"))
    ).to_be_visible()
    light = page.locator(".lead .light")
    # The colour is said in words, not by the dot alone.
    expect(light).to_have_text(re.compile(r"^(Groen|Oranje|Rood): "), use_inner_text=True)
    expect(page.get_by_text("Laatste evaluatiegesprek")).to_be_visible()
    shot(page, "school")

    # The partnership's table: every school with its light; one of them is red.
    page.get_by_role("link", name="Kwaliteit per school").click()
    rows = page.locator("tbody tr")
    expect(rows.nth(9)).to_be_attached()  # at least ten
    expect(page.locator("tbody .light-red").first).to_be_attached()  # at least one
    expect(page.locator("tbody tr", has=page.locator(".light-red")).first).to_contain_text(
        "over tijd", use_inner_text=True
    )
    shot(page, "schools")


def test_the_month_calendar_on_a_phone_is_a_list_without_horizontal_scroll(
    demo, live_server, new_page
):
    page = new_page(phone=True)
    page.set_viewport_size({"width": 375, "height": 812})
    login(page, live_server, "coordinator@samen.example")
    year = Schooljaar.current()
    # May: every school's evaluatiegesprek ends then, counted on its day.
    page.goto(f"{live_server.url}/samen/kwaliteit/kalender/{year.start_year + 1}/5/")
    expect(page.locator(".day-count").first).to_be_visible()
    # The weekday header and the empty days are gone: a list of the days with moments.
    expect(page.locator(".month-weekdays")).to_be_hidden()
    expect(page.locator(".day-empty").first).to_be_hidden()
    expect(page.locator(".day:not(.day-empty) .day-long").first).to_be_visible()
    shot(page, "month-phone")
    expect_no_horizontal_scroll(page, 375)
