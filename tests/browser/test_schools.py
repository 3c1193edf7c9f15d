"""Browser journey: a coordinator adds a school, walks it to opleidingsschool and publishes its
profile; then an anonymous visitor finds it in the public index."""

import pytest
from playwright.sync_api import expect

from .conftest import login, shot

pytestmark = pytest.mark.django_db(transaction=True)

SCHOOL = "OBS De Regenboog"


def record_step(page, status, on, decided_by):
    form = page.locator("form", has=page.get_by_role("button", name="Stap vastleggen"))
    form.get_by_label("Volgende stap").select_option(status)
    form.get_by_label("Datum").fill(on)
    form.get_by_label("Besloten door").fill(decided_by)
    with page.expect_navigation():
        form.get_by_role("button", name="Stap vastleggen").click()
    expect(page.locator(".message-success")).to_have_count(1)


def test_coordinator_makes_a_school_an_opleidingsschool_and_a_visitor_finds_it(
    demo, live_server, new_page
):
    page = new_page()
    login(page, live_server, "coordinator@samen.example")
    page.goto(f"{live_server.url}/samen/organisatie/scholen/")
    expect(page.get_by_role("heading", name="Scholen", exact=True)).to_be_visible()
    shot(page, "school-list")

    page.get_by_role("link", name="Nieuwe school").click()
    page.get_by_label("Naam").fill(SCHOOL)
    page.get_by_label("Bestuur").select_option(label="SKO")
    page.get_by_label("Adres").fill("Regenboogpad 3")
    page.get_by_label("Postcode").fill("8232 RB")
    page.get_by_label("Plaats").fill("Lelystad")
    page.get_by_label("BRIN / registratienummer").fill("14RB")
    page.get_by_label("Aantal leerlingen").fill("280")
    shot(page, "new-school")
    with page.expect_navigation():
        page.get_by_role("button", name="School toevoegen").click()
    expect(page.get_by_role("heading", name=SCHOOL)).to_be_visible()
    expect(page.locator(".lead")).to_contain_text("Geen opleidingsschool", use_inner_text=True)
    shot(page, "school-detail")

    record_step(page, "Verkennend gesprek", "2025-09-08", "Schoolleider en schoolopleider")
    # After a verkennend gesprek only a go or a no-go of the board may follow.
    expect(page.get_by_label("Volgende stap").locator("option")).to_have_text(
        ["Go van het bestuur", "No-go van het bestuur"]
    )
    shot(page, "after-verkennend")
    record_step(page, "Go van het bestuur", "2025-10-13", "Bestuurder SKO en CoOP'er")
    record_step(page, "Gestart met nulmeting", "2025-11-17", "Team en CoOP'er")
    record_step(page, "Actieve opleidingsschool", "2026-01-05", "Stuurgroep SAMEN")
    timeline = page.locator("ol.timeline li")
    expect(timeline).to_have_count(4)
    expect(timeline.nth(1)).to_contain_text("Bestuurder SKO en CoOP'er", use_inner_text=True)
    expect(page.locator(".lead")).to_contain_text("Actieve opleidingsschool", use_inner_text=True)
    shot(page, "active-opleidingsschool")

    page.get_by_role("link", name="Profiel bewerken").click()
    page.get_by_label("Waar wij trots op zijn").fill(
        "Onze leergroep: aankomende leraren leren samen met het team."
    )
    page.get_by_label("Speerpunten").fill("Muziekonderwijs in alle groepen.\nBegrijpend lezen.")
    page.get_by_label("Expertise").fill("Muziek en cultuureducatie.")
    page.get_by_label("Onderwijsconcept").fill("Daltononderwijs")
    page.locator("#id_contact_name").fill("Marieke Hoekstra")
    page.get_by_label("Gepubliceerd").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Profiel opslaan").click()
    expect(page.locator(".message-success")).to_be_visible()
    shot(page, "profile-published")

    visitor = new_page()  # a new browser context: not logged in
    visitor.goto(f"{live_server.url}/samen/scholen/")
    expect(
        visitor.get_by_role("heading", name="Opleidingsscholen van Partnerschap SAMEN")
    ).to_be_visible()
    shot(visitor, "public-index")
    visitor.get_by_label("Zoeken").fill("regenboog")
    visitor.get_by_role("button", name="Zoeken").click()
    visitor.wait_for_url("**q=regenboog**")
    cards = visitor.locator(".school-cards > li")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text(SCHOOL, use_inner_text=True)
    shot(visitor, "public-search")
    visitor.get_by_role("link", name=SCHOOL).click()
    visitor.wait_for_url("**/samen/scholen/*/")
    expect(visitor.get_by_role("heading", name=SCHOOL)).to_be_visible()
    expect(visitor.locator("main")).to_contain_text("Onze leergroep", use_inner_text=True)
    expect(visitor.locator("main")).to_contain_text(
        "Muziekonderwijs in alle groepen.", use_inner_text=True
    )
    expect(visitor.locator("header")).to_contain_text("Inloggen", use_inner_text=True)
    shot(visitor, "public-profile")


def test_public_index_on_a_phone(demo, live_server, phone):
    phone.goto(f"{live_server.url}/samen/scholen/")
    expect(phone.locator(".school-cards > li").nth(7)).to_be_attached()  # at least eight
    shot(phone, "public-index-phone")
