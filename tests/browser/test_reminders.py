"""Browser journey: the coordinator finds the reminder that failed, has it tried again after
confirming, and reads the delivery log; the mentor chooses the weekly digest on a phone."""

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from cycle.models import ReviewMoment
from samen.schooljaar import Schooljaar

from .conftest import expect_no_horizontal_scroll, login, shot

pytestmark = pytest.mark.django_db(transaction=True)

EVALUATIE = "Evaluatiegesprek – Kindcentrum De Zevensprong"


def test_coordinator_retries_a_failed_reminder_and_reads_the_delivery_log(
    demo, live_server, new_page
):
    page = new_page()
    login(page, live_server, "coordinator@samen.example")
    page.goto(f"{live_server.url}/samen/")
    panel = page.locator("section", has=page.get_by_role("heading", name="Herinneringen"))
    expect(panel).to_contain_text("1 mislukt", use_inner_text=True)
    panel.get_by_role("link", name="Mislukte herinneringen").click()

    expect(page.get_by_role("heading", name="Mislukte herinneringen")).to_be_visible()
    # The next moment of De Windroos's calendar (demo/reminders.py).
    row = page.locator("tr", has_text="OBS De Windroos")
    expect(row).to_contain_text("directie@windroos.example", use_inner_text=True)
    expect(row).to_contain_text("Mailbox unavailable", use_inner_text=True)
    shot(page, "failed")
    row.get_by_role("link", name="Opnieuw proberen").click()

    expect(page.get_by_role("heading", name="Herinnering opnieuw proberen?")).to_be_visible()
    shot(page, "confirm")
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, opnieuw proberen").click()
    expect(page.locator(".message-success")).to_contain_text(
        "staat weer klaar", use_inner_text=True
    )
    expect(page.locator("tr", has_text="OBS De Windroos")).to_have_count(0)

    page.get_by_role("link", name="Verzonden herinneringen").click()
    # Last schooljaar's evaluatiegesprek of De Zevensprong: its reminder went to two people.
    with scopes_disabled():
        held = ReviewMoment.objects.get(
            title=EVALUATIE, schooljaar=Schooljaar.current().start_year - 1
        )
    sent = f"{EVALUATIE} uiterlijk op {held.due_on:%d-%m-%Y}"
    expect(page.locator("tbody tr", has_text=sent)).to_have_count(2)
    page.get_by_label("Zoeken").fill("schoolopleider")
    page.get_by_role("button", name="Filteren").click()
    page.wait_for_url("**q=schoolopleider**")
    # The rows arrive as an htmx fragment after the URL changes: wait for them.
    expect(page.locator("tbody tr", has_text=sent)).to_have_count(1)
    shot(page, "deliveries")


def test_a_mentor_chooses_the_weekly_digest_on_a_phone(demo, live_server, new_page):
    page = new_page(phone=True)
    login(page, live_server, "mentor@samen.example")
    page.goto(f"{live_server.url}/samen/")
    page.get_by_role("link", name="Wijzigen").click()
    expect(page.get_by_role("heading", name="Herinneringen per e-mail")).to_be_visible()
    expect(page.get_by_label("Elke herinnering direct per e-mail")).to_be_checked()
    page.get_by_label("Eén wekelijks overzicht (op maandag)").check()
    shot(page, "preference")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".message-success")).to_contain_text(
        "Uw keuze is opgeslagen.", use_inner_text=True
    )
    expect(page.get_by_label("Eén wekelijks overzicht (op maandag)")).to_be_checked()
    # Nothing wider than the phone's screen.
    expect_no_horizontal_scroll(page, 390)
