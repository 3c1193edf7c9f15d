"""Browser journey through the quality cycle: the projectgroep (here the projectcoördinator,
who drafts with it) drafts next year's jaarplan and submits it; the stuurgroep finds it "te
vast te stellen" on the dashboard and adopts it after confirming; a dialogue session records
a finding on a Gesprekskader item and an action from it; the per-waarborg page shows the
action — also on a 375 px wide screen, without scrolling sideways."""

import re

import pytest
from playwright.sync_api import expect

from samen.schooljaar import Schooljaar

from .conftest import expect_no_horizontal_scroll, login, pick, shot

pytestmark = pytest.mark.django_db(transaction=True)

ACTION = "Beoordelingsformulier samen met de scholen herzien"


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
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    page.locator(
        "section", has=page.get_by_role("heading", name="Waarborg 4: Kwaliteitscultuur")
    ).get_by_role("link", name="Doel toevoegen").click()
    expect(page.get_by_label("Waarborg")).to_have_value("4")
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
    expect(page.locator("body")).to_contain_text("Websitecheck van alle opleidingsscholen")
    # Submitting asks first, and warns for the waarborgen that have no goal yet.
    page.get_by_role("link", name="Ter vaststelling aanbieden").click()
    expect(page.locator(".message-warning")).to_contain_text("staat nog geen doel")
    shot(page, "submit-confirm")
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, ter vaststelling aanbieden").click()
    expect(page.locator(".message-success")).to_contain_text(
        "ter vaststelling bij de stuurgroep", use_inner_text=True
    )
    shot(page, "submitted")

    # The stuurgroep adopts it from the dashboard, after confirming.
    board = new_page()
    login(board, live_server, "stuurgroep@samen.example")
    board.goto(f"{live_server.url}/samen/")
    panel = board.locator("section", has=board.get_by_role("heading", name="Kwaliteitscyclus"))
    expect(panel).to_contain_text("Te vast te stellen", use_inner_text=True)
    panel.get_by_role("link", name=title).click()
    board.get_by_role("link", name="Vaststellen").click()
    expect(board.get_by_role("heading", name=f"‘{title}’ vaststellen?")).to_be_visible()
    # The adoption names the stuurgroep meeting where it was decided.
    meeting = board.locator(".picker").get_by_role("combobox", name="Vergadering van de stuurgroep")
    meeting.wait_for()
    board.wait_for_load_state("load")
    meeting.fill("Stuurgroep")
    board.get_by_role("option", name=re.compile(r"^Stuurgroep SAMEN, ")).first.click()
    shot(board, "confirm")
    with board.expect_navigation():
        board.get_by_role("button", name="Ja, vaststellen").click()
    expect(board.locator(".message-success")).to_contain_text(
        "Het jaarplan is vastgesteld.", use_inner_text=True
    )
    expect(board.locator(".badge", has_text="Vastgesteld").first).to_be_visible()
    expect(board.locator("main")).to_contain_text("Vastgesteld in de vergadering: Stuurgroep SAMEN")
    board.goto(f"{live_server.url}/samen/")
    expect(board.locator("main")).not_to_contain_text("Te vast te stellen", use_inner_text=True)

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
    expect(page.get_by_text("Hoe wordt het geborgd?")).to_be_visible()
    finding = page.locator("section", has=page.get_by_role("heading", name="Opbrengst vastleggen"))
    finding.get_by_label("Item").select_option(index=1)
    finding.get_by_label("Opbrengst").fill("Afstemming over beoordelen verschilt per school.")
    with page.expect_navigation():
        finding.get_by_role("button", name="Opbrengst opslaan").click()
    page.get_by_role("link", name="Vervolgactie toevoegen").last.click()
    page.get_by_label("Actie").fill(ACTION)
    pick(page, "Eigenaar", "Timmer", "Gerard Timmer (g.timmer@samen.example)")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".message-success")).to_contain_text(
        "De vervolgactie is vastgelegd.", use_inner_text=True
    )
    expect(page.locator("body")).to_contain_text(ACTION)
    shot(page, "session-with-action")

    # Act: the per-waarborg page shows it under waarborg 2, on a 375 px wide screen too.
    page.goto(f"{base}/pdca/")
    card = page.locator("section", has=page.get_by_role("heading", name="Waarborg 2: Leeromgeving"))
    expect(card).to_contain_text(ACTION, use_inner_text=True)
    shot(page, "overview")
    page.get_by_role("link", name="Terugblik: hebben we de stappen gezet?").click()
    expect(page.locator("body")).to_contain_text(ACTION)
    shot(page, "look-back")
    phone = new_page(phone=True)
    phone.set_viewport_size({"width": 375, "height": 812})
    login(phone, live_server, "stuurgroep@samen.example")
    phone.goto(f"{base}/pdca/")
    expect(phone.locator("body")).to_contain_text(ACTION)
    shot(phone, "overview-phone")
    expect_no_horizontal_scroll(phone, 375)
