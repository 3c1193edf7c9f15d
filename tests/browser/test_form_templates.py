"""The form-template editor in Chromium, as the demo coordinator: a new version of the KPZ
startgesprek, a question added, published after confirmation; the editor at 375 px."""

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from formtemplates.models import FormTemplate
from questionnaires.models import Question, VersionStatus
from tests.browser.conftest import expect_no_horizontal_scroll, login, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

COORDINATOR = "coordinator@samen.example"
NARROW = {"width": 375, "height": 812}

expect.set_options(timeout=15_000)


def kpz_startgesprek():
    with scopes_disabled():
        return FormTemplate.objects.select_related("questionnaire").get(
            partnership__slug="samen",
            institute__organisation__short_name="KPZ",
            kind="start",
            programme="",
        )


def test_the_coordinator_adds_a_question_and_publishes_after_confirming(
    demo, live_server, new_page
):
    template = kpz_startgesprek()
    page = new_page()
    login(page, live_server, COORDINATOR)
    page.goto(f"{live_server.url}/samen/stages/")
    page.get_by_role("link", name="Formuliersjablonen").click()
    page.get_by_role("link", name=template.questionnaire.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(template.questionnaire.name)
    page.get_by_role("button", name="Nieuwe versie maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Concept versie 2")
    shot(page, "editor")

    page.get_by_role("link", name="Vraag toevoegen aan Afspraken").click()
    page.get_by_label("Soort vraag").select_option("single")
    page.locator("#id_text").fill("Wil je een duo-stage?")
    page.get_by_label("Keuzes of niveaus").fill("Ja\nNee\nWeet ik nog niet")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De vraag is toegevoegd.")).to_be_visible()
    expect(page.locator("#editor")).to_contain_text("Wil je een duo-stage?")

    page.get_by_role("link", name="Publiceren…").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Versie 2 publiceren?")
    shot(page, "confirm")
    page.get_by_role("button", name="Ja, versie 2 publiceren").click()
    expect(page.get_by_text("Versie 2 is gepubliceerd.")).to_be_visible()
    expect(page.get_by_role("button", name="Nieuwe versie maken")).to_be_visible()
    shot(page, "published")

    with scopes_disabled():
        versions = {v.number: v.status for v in template.questionnaire.versions.all()}
        assert versions == {1: VersionStatus.RETIRED, 2: VersionStatus.PUBLISHED}
        assert Question.objects.get(
            version__questionnaire=template.questionnaire,
            version__number=2,
            text="Wil je een duo-stage?",
        ).options == ["Ja", "Nee", "Weet ik nog niet"]
        assert not Question.objects.filter(
            version__questionnaire=template.questionnaire, version__number=1, text__contains="duo"
        ).exists()


def test_the_editor_fits_a_phone(demo, live_server, new_page):
    template = kpz_startgesprek()
    page = new_page(phone=True)
    page.set_viewport_size(NARROW)
    login(page, live_server, COORDINATOR)
    base = f"{live_server.url}/samen/stages/formulieren/sjablonen/{template.pk}"
    page.goto(f"{base}/")
    page.get_by_role("button", name="Nieuwe versie maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Concept versie 2")
    expect_no_horizontal_scroll(page)
    shot(page, "editor-375")
    # Moving a question down works (htmx swaps the editor in place) and stays within 375 px.
    goals = page.locator(".editor-section").nth(1).locator(".editor-questions > li")
    text = goals.first.locator(".editor-question-text").inner_text()
    goals.first.get_by_role("button", name="omlaag").click()
    expect(goals.nth(1)).to_contain_text(text.strip())
    expect_no_horizontal_scroll(page)
    for path in ("/", "/publiceren/", "/versies/1/", "/verschil/"):
        page.goto(f"{base}{path}")
        expect_no_horizontal_scroll(page)
