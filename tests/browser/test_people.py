"""People and roles in headless Chromium: the SAMEN coordinator imports people, fixes the file
after the preview shows two bad rows, and gives an imported person two roles.

Every step saves a screenshot in test-artifacts/screenshots/ (see conftest.shot).
"""

import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from roles.models import Person
from samen.schooljaar import Schooljaar
from tests.browser.conftest import expect_no_horizontal_scroll, login, pick, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

COORDINATOR = "coordinator@samen.example"
HEADER = "voornaam;tussenvoegsel;achternaam;e-mail;rol;school;schooljaar"
FIRST_NAMES = ["Anna", "Bram", "Chaima", "Daan", "Eva", "Finn", "Gijs", "Hanna", "Ilse", "Jesse"]
SCHOOLS = ["14KZ", "Basisschool De Lichtboei", "OBS De Windroos", ""]

expect.set_options(timeout=15_000)


def people_csv(bad):
    """50 people; with `bad`, row 8 has an unknown role and row 23 an unknown school."""
    year = str(Schooljaar.current())
    lines = [
        f"{FIRST_NAMES[i % 10]};{'van' if i % 7 == 0 else ''};Nieuwkomer{i:02d};"
        f"nieuwkomer{i:02d}@samen.example;{['mentor', 'Aankomende leraar'][i % 2]};"
        f"{SCHOOLS[i % 4]};{year if i % 3 else ''}"
        for i in range(50)
    ]
    if bad:
        lines[6] = "Gijs;;Nieuwkomer06;nieuwkomer06@samen.example;toverfee;14KZ;"
        lines[21] = (
            f"Bram;;Nieuwkomer21;nieuwkomer21@samen.example;mentor;Basisschool Nergens;{year}"
        )
    return "\n".join([HEADER, *lines]) + "\n"


@pytest.mark.celery
def test_coordinator_imports_people_and_gives_one_of_them_two_roles(
    live_server, demo, celery_worker, page, tmp_path
):
    login(page, live_server, COORDINATOR)
    page.goto(f"{live_server.url}/samen/mensen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mensen")
    rows = page.locator("#person-rows tbody tr")
    expect(rows.filter(has_text="Marieke Hoekstra")).to_have_count(1)
    shot(page, "people-list")

    # 1. A file with two bad rows: the preview names exactly those rows, nothing is saved.
    page.get_by_role("link", name="Importeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mensen importeren")
    shot(page, "import-form")
    bad = tmp_path / "mensen.csv"
    bad.write_text(people_csv(bad=True), encoding="utf-8")
    page.get_by_label("Bestand (CSV of Excel)").set_input_files(str(bad))
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("2 rijen bevatten fouten.")
    expect(alert.locator("li")).to_have_text(
        ["Rij 8: Onbekende rol ‘toverfee’.", "Rij 23: Onbekende school ‘Basisschool Nergens’."]
    )
    expect(page.get_by_role("button", name="Importeren")).to_have_count(0)
    shot(page, "import-preview-errors")
    with scopes_disabled():
        assert not Person.objects.filter(last_name__startswith="Nieuwkomer").exists()

    # 2. The fixed file: all 50 rows are in order, and confirming imports them.
    good = tmp_path / "mensen-verbeterd.csv"
    good.write_text(people_csv(bad=False), encoding="utf-8")
    page.get_by_label("Bestand (CSV of Excel)").set_input_files(str(good))
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    expect(page.get_by_text("Alle 50 rijen zijn in orde.")).to_be_visible()
    shot(page, "import-preview-ok")
    # Confirming hands the import to a worker; its page follows it until the rows are in.
    page.get_by_role("button", name="Importeren").click()
    expect(page).to_have_url(re.compile(rf"{live_server.url}/samen/taken/\d+/$"))
    expect(page.locator("#job-status")).to_have_attribute("data-status", "done", timeout=60_000)
    expect(page.get_by_text("50 rijen zijn geïmporteerd.")).to_be_visible()
    shot(page, "import-done")
    page.get_by_role("link", name="Terug naar de lijst").click()
    expect(page).to_have_url(f"{live_server.url}/samen/mensen/")
    with scopes_disabled():
        assert Person.objects.filter(last_name__startswith="Nieuwkomer").count() == 50

    # 3. Find one of the newcomers with the search box (htmx) and open the person page.
    with page.expect_response(lambda r: "/samen/mensen/?" in r.url and "q=Nieuwkomer13" in r.url):
        page.get_by_role("searchbox", name="Zoeken").fill("Nieuwkomer13")
    expect(rows).to_have_count(1)
    shot(page, "people-search")
    rows.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Daan Nieuwkomer13")
    shot(page, "person-page")

    # 4. Schoolopleider at De Zevensprong, four hours a week.
    page.get_by_role("link", name="Rol toevoegen").click()
    page.get_by_label("Rol:", exact=True).select_option(label="Schoolopleider")
    page.get_by_label("Reikwijdte").select_option(label="School")
    pick(page, "School", "Zevensprong", "Kindcentrum De Zevensprong (Lelystad)")
    page.get_by_label("Gefaciliteerde uren per week").fill("4")
    shot(page, "add-schoolopleider")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Daan Nieuwkomer13 is nu Schoolopleider")).to_be_visible()

    # 5. And mentor for the whole board SKO.
    page.get_by_role("link", name="Rol toevoegen").click()
    page.get_by_label("Rol:", exact=True).select_option(label="Mentor / werkplekbegeleider")
    page.get_by_label("Reikwijdte").select_option(label="Bestuur of instituut")
    page.get_by_label("Bestuur of instituut:", exact=True).select_option(label="SKO")
    page.get_by_role("button", name="Opslaan").click()

    roles = page.get_by_role("table", name="Rollen van Daan Nieuwkomer13").locator("tbody tr")
    schoolopleider = roles.filter(has_text="Schoolopleider")
    expect(schoolopleider).to_contain_text("Kindcentrum De Zevensprong")
    expect(schoolopleider).to_contain_text(f"{Schooljaar.current()} – heden")
    expect(schoolopleider).to_contain_text("4,0 uur per week")
    expect(
        roles.filter(has_text="Mentor / werkplekbegeleider").filter(has_text="SKO")
    ).to_have_count(1)
    expect(page.get_by_role("heading", name="Wijzigingen")).to_be_visible()
    shot(page, "person-with-roles")

    # 6. The people list on a phone: one card per person, no sideways scrolling.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/samen/mensen/?rol=schoolopleider")
    expect(rows.filter(has_text="Daan Nieuwkomer13")).to_have_count(1)
    expect_no_horizontal_scroll(page)
    shot(page, "people-list-phone")

    # 7. The role catalogue with the partnership's descriptions from seed 000.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/samen/rollen/")
    expect(page.locator("#rol-cooper")).to_contain_text(re.compile("schakel tussen de scholen"))
    shot(page, "role-catalogue")
