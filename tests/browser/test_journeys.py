"""The three journeys of Samen, walked in headless Chromium as the demo users.

1. The projectcoördinator arranges a placement (stage) and proposes it.
2. The startgesprek, filled in, submitted and signed by student, mentor and instituutsopleider
   at 375 px: tests/browser/test_form_cycle.py.
3. A stuurgroep member has the kritische reflectie rendered as PDF and downloads it.

Every step saves a screenshot in test-artifacts/screenshots/ (see conftest.shot).
"""

import datetime as dt
import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from placements.models import Placement, PlacementStatus
from samen.schooljaar import Schooljaar
from tests.browser.conftest import login, pick, shot

pytestmark = [
    pytest.mark.browser,
    # Whitenoise warns that collectstatic has not run; the live server serves static itself.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

COORDINATOR = "coordinator@samen.example"
MENTOR = "mentor@samen.example"
STUURGROEP = "stuurgroep@samen.example"
VO_COORDINATOR = "coordinator@vo-groningen.example"

expect.set_options(timeout=15_000)


def samen_placements():
    with scopes_disabled():
        return Placement.objects.filter(partnership__slug="samen")


def assert_not_found(page, response):
    assert response is not None
    assert response.status == 404, f"{page.url} gave {response.status}, not 404"
    # Django's plain 404 page, or the project's own once it has a 404.html.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"not found|niet gevonden", re.IGNORECASE)
    )


# --- 1. The coordinator arranges a placement ------------------------------------------------


def test_coordinator_arranges_a_placement(live_server, demo, page):
    login(page, live_server, COORDINATOR)
    expect(page).to_have_url(f"{live_server.url}/samen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom bij Partnerschap SAMEN")
    shot(page, "dashboard")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Stages").click()
    expect(page).to_have_url(f"{live_server.url}/samen/stages/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stages")
    rows = page.locator("#placement-rows tbody tr")
    expect(rows.filter(has_text="Lotte de Boer")).to_have_count(1)
    expect(rows.filter(has_text="Noor Jansen")).to_have_count(1)
    shot(page, "placement-list")

    # The search box filters the rows through htmx, without a page load.
    page.evaluate("window.__samenNoReload = true")
    with page.expect_response(lambda r: "/samen/stages/?" in r.url and "q=Lotte" in r.url):
        page.get_by_role("searchbox", name="Zoeken").fill("Lotte")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Lotte de Boer")
    expect(rows.first).to_contain_text("Kindcentrum De Zevensprong")
    expect(page).to_have_url(re.compile(r"/samen/stages/\?.*q=Lotte"))
    assert page.evaluate("window.__samenNoReload") is True, "the search reloaded the page"
    shot(page, "placement-search")

    with page.expect_response(lambda r: "q=Zeppelin" in r.url):
        page.get_by_role("searchbox", name="Zoeken").fill("Zeppelin")
    expect(page.locator("#placement-rows")).to_contain_text("Geen stages gevonden.")

    count_before = samen_placements().count()
    page.get_by_role("link", name="Nieuwe stage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe stage")

    year = Schooljaar.current().start_year
    starts_on, ends_on = dt.date(year + 1, 2, 1), dt.date(year + 1, 6, 30)

    def fill_form(starts, ends, school="Kindcentrum De Zevensprong (Lelystad)"):
        pick(page, "Aankomende leraar", "Thijs", "Thijs van der Meer (t.vandermeer@samen.example)")
        pick(page, "School", school.split(" (")[0], school)
        page.get_by_label("Groep of vak").fill("groep 6")
        pick(page, "Mentor", "Sanne", "Sanne van Dijk (mentor@samen.example)")
        pick(page, "Instituutsopleider", "Erik", "Erik Mulder (io@samen.example)")
        page.get_by_label("Begindatum").fill(starts.isoformat())
        page.get_by_label("Einddatum").fill(ends.isoformat())

    # First with the dates the wrong way round: a Dutch error, and nothing is created.
    fill_form(ends_on, starts_on)
    shot(page, "form-wrong-dates")
    page.get_by_role("button", name="Stage aanmaken").click()
    error = page.locator(".field-error .error")
    expect(error).to_have_text("De einddatum ligt vóór de begindatum.")
    expect(page.get_by_label("Einddatum")).to_have_attribute("aria-invalid", "true")
    assert samen_placements().count() == count_before
    shot(page, "form-error")

    # Then at a school where the mentor does not work: refused, with the reason.
    fill_form(starts_on, ends_on, school="Basisschool De Lichtboei (Dronten)")
    page.get_by_role("button", name="Stage aanmaken").click()
    expect(page.get_by_text(re.compile(r"Sanne van Dijk is in \S+ geen Mentor"))).to_be_visible()
    assert samen_placements().count() == count_before
    shot(page, "form-mentor-elsewhere")

    # Thijs already has a placement (at OBS De Windroos) from February: a double booking.
    fill_form(starts_on, ends_on)
    page.get_by_role("button", name="Stage aanmaken").click()
    expect(
        page.get_by_text(re.compile(r"Thijs van der Meer loopt in deze periode al stage op OBS"))
    ).to_be_visible()
    assert samen_placements().count() == count_before
    shot(page, "form-double-booking")

    # In the autumn he is free.
    starts_on, ends_on = dt.date(year, 12, 1), dt.date(year + 1, 1, 29)
    fill_form(starts_on, ends_on)
    page.get_by_role("button", name="Stage aanmaken").click()
    expect(page.get_by_role("status")).to_contain_text("De stage is aangemaakt.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stage van Thijs van der Meer")
    status = page.locator("dl.details .badge")
    expect(status).to_have_text("Concept")
    assert samen_placements().count() == count_before + 1
    shot(page, "created")

    page.get_by_role("button", name="Naar ‘Voorgesteld’").click()
    expect(page.get_by_role("status")).to_contain_text("Status gewijzigd naar ‘Voorgesteld’.")
    expect(status).to_have_text("Voorgesteld")
    expect(page.get_by_role("button", name="Naar ‘Bevestigd’")).to_be_visible()
    with scopes_disabled():
        placement = Placement.objects.get(
            partnership__slug="samen", student__last_name="Meer", school__name__contains="Zeven"
        )
    assert placement.status == PlacementStatus.VOORGESTELD
    assert (placement.starts_on, placement.ends_on) == (starts_on, ends_on)
    shot(page, "proposed")


def test_coordinator_sees_every_placement_of_the_partnership(live_server, demo, page):
    """The projectcoördinator is also CoOP'er of one board (SKO): the wider role counts.

    Regression: PartnershipAccess.filter() once OR-ed the partnership-wide Q() with the board's
    Q(...), which is just the board's Q, so only SKO's placements were listed.
    """
    login(page, live_server, COORDINATOR)
    page.goto(f"{live_server.url}/samen/stages/")
    rows = page.locator("#placement-rows tbody tr")
    expect(rows).to_have_count(samen_placements().count())
    windroos = rows.filter(has_text="OBS De Windroos")  # a school of board SchOOL, not SKO
    at_windroos = samen_placements().filter(school__name="OBS De Windroos").count()
    assert at_windroos >= 2
    expect(windroos).to_have_count(at_windroos)
    shot(page, "placement-list")

    windroos.filter(has_text="Thijs van der Meer").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stage van Thijs van der Meer")
    expect(page.get_by_role("button", name="Naar ‘Bevestigd’")).to_be_visible()
    shot(page, "other-board-placement")


# --- 2. The startgesprek: tests/browser/test_form_cycle.py ---------------------------------


# --- 3. A stuurgroep member downloads the kritische reflectie ---------------------------------


@pytest.mark.celery
def test_stuurgroep_downloads_the_reflectie_pdf(live_server, demo, celery_worker, new_page):
    page = new_page()
    login(page, live_server, STUURGROEP)
    expect(page).to_have_url(f"{live_server.url}/samen/")
    shot(page, "dashboard")

    quality = page.get_by_role("region", name="Kwaliteit")
    quality.get_by_role("link", name="Kritische reflectie beoordelende peer review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kritische reflectie beoordelende peer review"
    )
    shot(page, "dossier")

    polls = []
    page.on("request", lambda r: polls.append(r.url) if "/status/" in r.url else None)
    with page.expect_response(lambda r: r.request.method == "POST" and "/pdf/" in r.url) as post:
        page.get_by_role("button", name="PDF maken").click()
    assert 'data-status="queued"' in post.value.text(), "the first fragment is not 'queued'"

    download_link = page.get_by_role("link", name="PDF downloaden")
    expect(download_link).to_be_visible(timeout=60_000)
    expect(page.locator("#render-status .badge")).to_have_text("Klaar")
    assert polls, "the status fragment never polled"
    shot(page, "pdf-ready")

    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == "kritische-reflectie-beoordelende-peer-review.pdf"
    with open(download.path(), "rb") as pdf:
        content = pdf.read()
    assert content.startswith(b"%PDF-")
    assert len(content) > 10_000, f"the PDF is only {len(content)} bytes"
    download_url = download.url

    # A mentor of the same partnership: no dossier on the dashboard, and no download. (Their
    # quality panel holds only the calendar of their school's moments: they take part in its
    # evaluatiegesprek, scan and peer review.)
    mentor = new_page()
    login(mentor, live_server, MENTOR)
    expect(mentor).to_have_url(f"{live_server.url}/samen/")
    panel = mentor.locator("section", has=mentor.get_by_role("heading", name="Kwaliteit"))
    expect(panel.get_by_role("link", name="Kwaliteitskalender: deze maand")).to_be_visible()
    expect(panel.get_by_role("link", name="De kwaliteitscyclus")).to_have_count(0)
    expect(mentor.get_by_role("link", name="Kritische reflectie")).to_have_count(0)
    shot(mentor, "mentor-dashboard")
    assert_not_found(mentor, mentor.goto(download_url))
    shot(mentor, "mentor-download-404")


# --- Tenants -------------------------------------------------------------------------------


def test_coordinator_of_another_partnership_gets_not_found(live_server, demo, page):
    login(page, live_server, VO_COORDINATOR)
    expect(page).to_have_url(f"{live_server.url}/vo-groningen/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Welkom bij Onderwijsregio VO Groningen"
    )
    assert_not_found(page, page.goto(f"{live_server.url}/samen/stages/"))
    shot(page, "samen-stages-404")


def test_anonymous_visitor_is_sent_to_the_login_form(live_server, demo, page):
    page.goto(f"{live_server.url}/samen/stages/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/samen/stages/"))
    expect(page.locator("input[name=login]")).to_be_visible()
    shot(page, "login")
