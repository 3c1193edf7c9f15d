"""Browser journey through the quality cycle: the projectgroep (here the projectcoördinator,
who drafts with it) drafts next year's jaarplan and submits it; the stuurgroep finds it "te
vast te stellen" on the dashboard and adopts it after confirming; a dialogue session records
a finding on a Gesprekskader item and an action from it; the per-waarborg page shows the
action — also on a 375 px wide screen, without scrolling sideways."""

import re

import pytest

from samen.schooljaar import Schooljaar

from .conftest import login, pick, shot

pytestmark = pytest.mark.django_db(transaction=True)


def test_jaarplan_adopted_and_a_dialogue_leads_to_an_action(demo, live_server, new_page):
    base = f"{live_server.url}/samen/kwaliteit"
    next_year = Schooljaar.current().start_year + 1
    title = f"Jaarplan SAMEN {Schooljaar(next_year)}"

    # Plan: draft, a goal, an activity with an owner, submit.
    page = new_page()
    login(page, live_server, "coordinator@samen.example")
    page.goto(f"{base}/jaarplannen/")
    page.get_by_role("link", name="Nieuw jaarplan").click()
    page.get_by_label("Schooljaar").select_option(str(next_year))
    page.get_by_label("Titel").fill(title)
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_role("heading", name=title).is_visible()
    page.locator(
        "section", has=page.get_by_role("heading", name="Waarborg 4: Kwaliteitscultuur")
    ).get_by_role("link", name="Doel toevoegen").click()
    assert page.get_by_label("Waarborg").input_value() == "4"
    page.get_by_label("Doel").fill("Websites tonen dat we opleidingsschool zijn")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    page.get_by_role(
        "link", name="Activiteit toevoegen aan ‘Websites tonen dat we opleidingsschool zijn’"
    ).click()
    page.get_by_label("Activiteit").fill("Websitecheck van alle opleidingsscholen")
    pick(page, "Eigenaar", "Smit", "Ingrid Smit (schoolopleider@samen.example)")
    page.get_by_label("Start").fill(f"{next_year + 1}-05-01")
    page.get_by_label("Klaar op").fill(f"{next_year + 1}-06-30")
    shot(page, "activity")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert "Websitecheck van alle opleidingsscholen" in page.content()
    with page.expect_navigation():
        page.get_by_role("button", name="Ter vaststelling aanbieden").click()
    assert "ter vaststelling bij de stuurgroep" in page.locator(".message-success").inner_text()
    shot(page, "submitted")

    # The stuurgroep adopts it from the dashboard, after confirming.
    board = new_page()
    login(board, live_server, "stuurgroep@samen.example")
    board.goto(f"{live_server.url}/samen/")
    panel = board.locator("section", has=board.get_by_role("heading", name="Kwaliteitscyclus"))
    assert "Te vast te stellen" in panel.inner_text()
    panel.get_by_role("link", name=title).click()
    board.get_by_role("link", name="Vaststellen").click()
    assert board.get_by_role("heading", name=f"‘{title}’ vaststellen?").is_visible()
    shot(board, "confirm")
    with board.expect_navigation():
        board.get_by_role("button", name="Ja, vaststellen").click()
    assert "Het jaarplan is vastgesteld." in board.locator(".message-success").inner_text()
    assert board.locator(".badge", has_text="Vastgesteld").first.is_visible()
    board.goto(f"{live_server.url}/samen/")
    assert "Te vast te stellen" not in board.locator("main").inner_text()

    # Check: a dialogue session on a Gesprekskader item, a finding, an action from it.
    page.goto(f"{base}/dialogen/")
    page.get_by_role("link", name="Sessie vastleggen").click()
    page.get_by_label("Titel").fill("Netwerkbijeenkomst instituutsopleiders")
    page.get_by_label("Soort bijeenkomst").select_option("netwerkbijeenkomst")
    pick(page, "Deelnemers", "Mulder", "Erik Mulder (io@samen.example)")
    page.get_by_label(re.compile("Er is voldoende afstemming tussen de praktijkplaats")).check()
    shot(page, "session")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_text("Hoe wordt het geborgd?").is_visible()
    finding = page.locator("section", has=page.get_by_role("heading", name="Opbrengst vastleggen"))
    finding.get_by_label("Item").select_option(index=1)
    finding.get_by_label("Opbrengst").fill("Afstemming over beoordelen verschilt per school.")
    with page.expect_navigation():
        finding.get_by_role("button", name="Opbrengst opslaan").click()
    page.get_by_role("link", name="Vervolgactie toevoegen").last.click()
    page.get_by_label("Actie").fill("Beoordelingsformulier samen met de scholen herzien")
    pick(page, "Eigenaar", "Timmer", "Gerard Timmer (g.timmer@samen.example)")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert "De vervolgactie is vastgelegd." in page.locator(".message-success").inner_text()
    assert "Beoordelingsformulier samen met de scholen herzien" in page.content()
    shot(page, "session-with-action")

    # Act: the per-waarborg page shows it under waarborg 2, on a 375 px wide screen too.
    page.goto(f"{base}/pdca/")
    card = page.locator("section", has=page.get_by_role("heading", name="Waarborg 2: Leeromgeving"))
    assert "Beoordelingsformulier samen met de scholen herzien" in card.inner_text()
    shot(page, "overview")
    page.get_by_role("link", name="Terugblik: hebben we de stappen gezet?").click()
    assert "Beoordelingsformulier samen met de scholen herzien" in page.content()
    shot(page, "look-back")
    phone = new_page(phone=True)
    phone.set_viewport_size({"width": 375, "height": 812})
    login(phone, live_server, "stuurgroep@samen.example")
    phone.goto(f"{base}/pdca/")
    assert "Beoordelingsformulier samen met de scholen herzien" in phone.content()
    shot(phone, "overview-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
