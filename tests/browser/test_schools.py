"""Browser journey: a coordinator adds a school, walks it to opleidingsschool and publishes its
profile; then an anonymous visitor finds it in the public index."""

import pytest

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
    assert page.locator(".message-success").count() == 1, page.locator(".messages").inner_text()


def test_coordinator_makes_a_school_an_opleidingsschool_and_a_visitor_finds_it(
    demo, live_server, new_page
):
    page = new_page()
    login(page, live_server, "coordinator@samen.example")
    page.goto(f"{live_server.url}/samen/organisatie/scholen/")
    assert page.get_by_role("heading", name="Scholen", exact=True).is_visible()
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
    assert page.get_by_role("heading", name=SCHOOL).is_visible()
    assert "Geen opleidingsschool" in page.locator(".lead").inner_text()
    shot(page, "school-detail")

    record_step(page, "Verkennend gesprek", "2025-09-08", "Schoolleider en schoolopleider")
    # After a verkennend gesprek only a go or a no-go of the board may follow.
    options = page.get_by_label("Volgende stap").locator("option").all_inner_texts()
    assert options == ["Go van het bestuur", "No-go van het bestuur"]
    shot(page, "after-verkennend")
    record_step(page, "Go van het bestuur", "2025-10-13", "Bestuurder SKO en CoOP'er")
    record_step(page, "Gestart met nulmeting", "2025-11-17", "Team en CoOP'er")
    record_step(page, "Actieve opleidingsschool", "2026-01-05", "Stuurgroep SAMEN")
    timeline = page.locator("ol.timeline li")
    assert timeline.count() == 4
    assert "Bestuurder SKO en CoOP'er" in timeline.nth(1).inner_text()
    assert "Actieve opleidingsschool" in page.locator(".lead").inner_text()
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
    assert page.locator(".message-success").is_visible()
    shot(page, "profile-published")

    visitor = new_page()  # a new browser context: not logged in
    visitor.goto(f"{live_server.url}/samen/scholen/")
    assert visitor.get_by_role(
        "heading", name="Opleidingsscholen van Partnerschap SAMEN"
    ).is_visible()
    shot(visitor, "public-index")
    visitor.get_by_label("Zoeken").fill("regenboog")
    visitor.get_by_role("button", name="Zoeken").click()
    visitor.wait_for_url("**q=regenboog**")
    cards = visitor.locator(".school-cards > li")
    cards.first.wait_for()
    assert cards.count() == 1
    assert SCHOOL in cards.first.inner_text()
    shot(visitor, "public-search")
    visitor.get_by_role("link", name=SCHOOL).click()
    visitor.wait_for_url("**/samen/scholen/*/")
    assert visitor.get_by_role("heading", name=SCHOOL).is_visible()
    assert "Onze leergroep" in visitor.locator("main").inner_text()
    assert "Muziekonderwijs in alle groepen." in visitor.locator("main").inner_text()
    assert "Inloggen" in visitor.locator("header").inner_text()
    shot(visitor, "public-profile")


def test_public_index_on_a_phone(demo, live_server, phone):
    phone.goto(f"{live_server.url}/samen/scholen/")
    assert phone.locator(".school-cards > li").count() >= 8
    shot(phone, "public-index-phone")
