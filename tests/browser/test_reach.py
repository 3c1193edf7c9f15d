"""Reach, tried in Chromium as the demo people who have only part of the partnership:
the CoOP'er of one board, an external reviewer with a grant on one dossier, and a mentor
whose placement of last schooljaar is finished.
"""

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from placements.models import Placement
from tests.browser.conftest import expect_no_horizontal_scroll, login, pick, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

BOARD_COOPER = "cooper@samen.example"
REVIEWER = "reviewer@samen.example"
MENTOR = "mentor@samen.example"
SCHOOL_SCHOOLS = ["OBS De Windroos", "OBS Het Polderpalet", "OBS De Kameleon"]

expect.set_options(timeout=15_000)


def menu(page):
    return page.get_by_role("navigation", name="Hoofdmenu")


def test_the_cooper_of_one_board_arranges_a_placement_in_that_board_only(live_server, demo, page):
    login(page, live_server, BOARD_COOPER)
    expect(page).to_have_url(f"{live_server.url}/samen/")
    expect(menu(page).get_by_role("link", name="Stages")).to_be_visible()
    # Review moments of the board's schools, yes; the partnership's dossier, no.
    expect(
        page.get_by_role("link", name="Kritische reflectie beoordelende peer review")
    ).to_have_count(0)
    shot(page, "dashboard")

    menu(page).get_by_role("link", name="Organisatie").click()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(len(SCHOOL_SCHOOLS))
    for name in SCHOOL_SCHOOLS:
        expect(rows.filter(has_text=name)).to_have_count(1)
    expect(page.get_by_text("Kindcentrum De Zevensprong")).to_have_count(0)
    shot(page, "schools-of-the-board")

    page.goto(f"{live_server.url}/samen/stages/nieuw/")
    # The school search finds only the board's schools: searching an SKO school finds nothing.
    page.locator(".picker").get_by_role("combobox", name="School").fill("Zevensprong")
    expect(page.get_by_role("option", name="Niets gevonden.")).to_be_visible()
    pick(page, "Aankomende leraar", "Lotte", "Lotte de Boer (student@samen.example)")
    pick(page, "School", "Windroos", "OBS De Windroos (Lelystad)")
    page.get_by_label("Groep of vak").fill("groep 6")
    pick(page, "Mentor", "Jeroen", "Jeroen Brouwer (mentor2@samen.example)")
    pick(page, "Instituutsopleider", "Erik", "Erik Mulder (io@samen.example)")
    page.get_by_label("Begindatum").fill("2027-02-01")
    page.get_by_label("Einddatum").fill("2027-06-25")
    shot(page, "new-placement")
    page.get_by_role("button", name="Stage aanmaken").click()
    expect(page.get_by_text("De stage is aangemaakt.")).to_be_visible()
    shot(page, "placement-created")
    with scopes_disabled():
        assert Placement.objects.filter(
            partnership__slug="samen", school__name="OBS De Windroos", group="groep 6"
        ).exists()

    # Another board's school, typed into the address bar: not found.
    with scopes_disabled():
        sko_placement = Placement.objects.filter(
            partnership__slug="samen", school__name="Kindcentrum De Zevensprong"
        ).first()
    response = page.goto(f"{live_server.url}/samen/stages/{sko_placement.pk}/")
    assert response.status == 404
    shot(page, "other-board-not-found")


def test_the_cooper_of_one_board_sees_its_people_on_a_phone(live_server, demo, phone):
    login(phone, live_server, BOARD_COOPER)
    phone.goto(f"{live_server.url}/samen/mensen/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Mensen")
    expect(phone.get_by_text("Jeroen Brouwer")).to_be_visible()  # mentor at De Windroos
    expect(phone.get_by_text("Sanne van Dijk")).to_have_count(0)  # mentor at an SKO school
    expect(phone.get_by_text("Marieke Hoekstra")).to_have_count(0)  # the projectcoördinator
    shot(phone, "people-of-the-board")
    expect_no_horizontal_scroll(phone)


def test_the_external_reviewer_reads_one_dossier_and_nothing_else(live_server, demo, page):
    login(page, live_server, REVIEWER)
    expect(page).to_have_url(f"{live_server.url}/samen/")
    nav = menu(page)
    expect(nav.get_by_role("link")).to_have_count(2)  # Overzicht, Kwaliteit
    link = page.get_by_role("link", name="Kritische reflectie beoordelende peer review")
    expect(link).to_be_visible()
    shot(page, "dashboard")
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kritische reflectie beoordelende peer review"
    )
    expect(page.get_by_role("button", name="PDF maken")).to_have_count(0)
    expect(page.get_by_role("link", name="PDF downloaden")).to_have_count(0)
    shot(page, "dossier")
    for path in ("stages/", "organisatie/scholen/", "mensen/", "kwaliteit/momenten/"):
        assert page.goto(f"{live_server.url}/samen/{path}").status == 404, path
    assert page.goto(f"{live_server.url}/vo-groningen/").status == 404


def test_the_mentor_still_opens_last_years_finished_placement(live_server, demo, phone):
    login(phone, live_server, MENTOR)
    old = phone.locator("li", has_text="Daan Visser")
    expect(old.get_by_role("link", name="Daan Visser")).to_be_visible()
    shot(phone, "dashboard")
    old.get_by_role("link", name="Daan Visser").click()
    expect(phone.locator("dl.details .badge")).to_have_text("Afgerond")
    expect(phone.get_by_text("Lopend → Afgerond")).to_be_visible()  # from its event log
    # Finished before the forms were in the portal: the coordinator's recorded override.
    expect(phone.get_by_text("Afgerond zonder ondertekende eindbeoordeling")).to_be_visible()
    shot(phone, "last-years-placement")
