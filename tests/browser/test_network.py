"""The network journey, in headless Chromium as the demo users.

The SAMEN coordinator records this year's mentorentraining for two mentors in one go and
sees "Zijn onze mentoren getraind?" count two more trained mentors; then a mentor, on a phone,
looks up a colleague who knows about rekenen in the expertise directory.

Every step saves a screenshot in test-artifacts/screenshots/ (see conftest.shot).
"""

import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from network.models import Certificate
from tests.browser.conftest import expect_no_horizontal_scroll, login, pick, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

COORDINATOR = "coordinator@samen.example"
MENTOR = "mentor@samen.example"

expect.set_options(timeout=15_000)


def trained_of(page):
    """(trained, active) from the overview's total line for mentors ("1 van 3 (33%)")."""
    total = page.get_by_test_id("total-mentors")
    expect(total).to_have_text(re.compile(r"^\s*\d+ van \d+"), use_inner_text=True)
    match = re.match(r"\s*(\d+) van (\d+)", total.inner_text())
    return int(match[1]), int(match[2])


def test_coordinator_records_a_training_for_several_mentors_and_a_mentor_finds_an_expert(
    live_server, demo, page, new_page
):
    login(page, live_server, COORDINATOR)

    # The overview before: Sanne van Dijk holds a valid mentorentraining, Fatima el Amrani's
    # has expired and Jeroen Brouwer has none (other demo mentors may be listed too).
    page.goto(f"{live_server.url}/samen/professionalisering/overzicht/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zijn onze mentoren getraind?")
    trained, active = trained_of(page)
    assert trained < active
    shot(page, "overview-before")

    # Record the training for a group: filter on mentors, tick the two untrained ones.
    page.get_by_role("link", name="Training vastleggen voor een groep").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Training vastleggen voor een groep")
    page.get_by_label("Rol").select_option("mentor")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_label("Jeroen Brouwer")).to_be_visible()
    expect(page.get_by_label("Erik Mulder")).to_have_count(0)  # an instituutsopleider
    shot(page, "mentors-listed")
    page.get_by_label("Jeroen Brouwer").check()
    page.get_by_label("Fatima el Amrani").check()
    page.locator("#id_kind").select_option("mentorentraining")
    page.get_by_label("Naam van de training").fill("Mentorentraining SAMEN najaar")
    shot(page, "mentors-ticked")
    page.get_by_role("button", name="Training vastleggen").click()
    expect(page.get_by_text("De training is vastgelegd voor 2 personen.")).to_be_visible()
    expect(page.get_by_role("cell", name="Jeroen Brouwer", exact=True)).to_be_visible()
    shot(page, "certificates-recorded")
    with scopes_disabled():
        assert (
            Certificate.objects.filter(
                partnership__slug="samen", name="Mentorentraining SAMEN najaar"
            ).count()
            == 2
        )

    # The overview after: all three mentors are trained.
    page.get_by_role("link", name="Zijn onze mentoren getraind?").click()
    expect(page.get_by_test_id("total-mentors")).to_contain_text(f"{trained + 2} van {active}")
    page.get_by_role("link", name="Mentoren getraind").click()  # sort by percentage
    shot(page, "overview-after")

    # A mentor, on a phone, looks for a colleague who knows about rekenen.
    phone = new_page(phone=True)
    login(phone, live_server, MENTOR)
    phone.goto(f"{live_server.url}/samen/expertise/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Expertise in beeld")
    shot(phone, "expertise-directory")
    phone.get_by_label("Naam of expertise").fill("rekenen")
    expect(phone.get_by_text("1 persoon", exact=True)).to_be_visible()
    expect(phone.locator("#expertise-rows")).to_contain_text("Jeroen Brouwer")
    expect(phone.locator("#expertise-rows")).to_contain_text("OBS De Windroos")
    expect_no_horizontal_scroll(phone)
    shot(phone, "expertise-found")
    # A mentor may not manage areas: the link is absent and the page answers 404.
    expect(phone.get_by_role("link", name="Expertisegebieden beheren")).to_have_count(0)
    response = phone.goto(f"{live_server.url}/samen/expertise/gebieden/")
    assert response.status == 404


def test_a_mentor_reads_the_overlegstructuur_and_a_coordinator_plans_a_meeting(
    live_server, demo, page, new_page
):
    phone = new_page(phone=True)
    login(phone, live_server, MENTOR)
    phone.goto(f"{live_server.url}/samen/overleg/")
    expect(phone.get_by_role("heading", level=2, name="Stuurgroep")).to_be_visible()
    expect_no_horizontal_scroll(phone)
    shot(phone, "bodies-on-phone")
    phone.get_by_role("link", name="Kenniskring Jonge kind").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Kenniskring Jonge kind")
    expect(phone.get_by_role("link", name="Lid toevoegen")).to_have_count(0)
    shot(phone, "body-on-phone")

    login(page, live_server, COORDINATOR)
    page.goto(f"{live_server.url}/samen/overleg/")
    page.get_by_role("link", name="Projectgroep SAMEN").click()
    page.get_by_role("link", name="Vergadering toevoegen").click()
    page.locator("#id_starts_at").fill("2030-03-04T15:30")
    page.get_by_label("Locatie").fill("Harderwijk, Stichting Ante")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De vergadering is opgeslagen.")).to_be_visible()
    expect(page.get_by_text("Harderwijk, Stichting Ante")).to_be_visible()
    page.get_by_role("link", name="Lid toevoegen").click()
    pick(page, "Persoon", "Anouk", "Anouk Bos (cooper@samen.example)")
    page.get_by_role("button", name="Opslaan").click()
    refusal = "Anouk Bos is al lid van Projectgroep SAMEN"
    expect(page.locator(".form-errors")).to_contain_text(refusal)
    shot(page, "duplicate-member-refused")
    page.goto(f"{live_server.url}/samen/overleg/")
    shot(page, "bodies")
