"""Browser journey: the coordinator finds the reminder that failed, has it tried again after
confirming, and reads the delivery log; the mentor chooses the weekly digest on a phone."""

import pytest
from playwright.sync_api import expect

from .conftest import login, shot

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_retries_a_failed_reminder_and_reads_the_delivery_log(
    demo, live_server, new_page
):
    page = new_page()
    login(page, live_server, "coordinator@samen.example")
    page.goto(f"{live_server.url}/samen/")
    panel = page.locator("section", has=page.get_by_role("heading", name="Herinneringen"))
    assert "1 mislukt" in panel.inner_text()
    panel.get_by_role("link", name="Mislukte herinneringen").click()

    assert page.get_by_role("heading", name="Mislukte herinneringen").is_visible()
    row = page.locator("tr", has_text="Schoolscan OBS De Windroos")
    assert "directie@windroos.example" in row.inner_text()
    assert "Mailbox unavailable" in row.inner_text()
    shot(page, "failed")
    row.get_by_role("link", name="Opnieuw proberen").click()

    assert page.get_by_role("heading", name="Herinnering opnieuw proberen?").is_visible()
    shot(page, "confirm")
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, opnieuw proberen").click()
    assert "staat weer klaar" in page.locator(".message-success").inner_text()
    assert page.locator("tr", has_text="Schoolscan OBS De Windroos").count() == 0

    page.get_by_role("link", name="Verzonden herinneringen").click()
    expect(page.locator("tbody tr", has_text="De Zevensprong (voorjaar)")).to_have_count(2)
    page.get_by_label("Zoeken").fill("schoolopleider")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_url("**q=schoolopleider**")
    # The rows arrive as an htmx fragment after the URL changes: wait for them.
    expect(page.locator("tbody tr", has_text="De Zevensprong (voorjaar)")).to_have_count(1)
    shot(page, "deliveries")


def test_a_mentor_chooses_the_weekly_digest_on_a_phone(demo, live_server, new_page):
    page = new_page(phone=True)
    login(page, live_server, "mentor@samen.example")
    page.goto(f"{live_server.url}/samen/")
    page.get_by_role("link", name="Wijzigen").click()
    assert page.get_by_role("heading", name="Herinneringen per e-mail").is_visible()
    assert page.get_by_label("Elke herinnering direct per e-mail").is_checked()
    page.get_by_label("Eén wekelijks overzicht (op maandag)").check()
    shot(page, "preference")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert "Uw keuze is opgeslagen." in page.locator(".message-success").inner_text()
    assert page.get_by_label("Eén wekelijks overzicht (op maandag)").is_checked()
    # Nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
