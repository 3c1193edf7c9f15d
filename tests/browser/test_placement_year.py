"""A placement year in Chromium, end to end, as the demo users (issue 13's "Done means").

On the demo's matching period (Hogeschool KPZ, "Pabo voltijd jaar 2 – semester 2"):

1. the schoolopleider of De Zevensprong adds groep 8 (two places, duo possible) to her
   school's capacity and gives mentor Sanne van Dijk one more place, on a 375 px phone;
2. Lotte de Boer (the demo student) asks for a place in groep 8 on her phone;
3. the coordinator opens the matching board: an open request heads it, with its reasons; she
   assigns Lotte to De Zevensprong with mentor Sanne van Dijk (after a confirmation), lets
   Tim de Graaf join Lotte as a duo-stage, and sees Noor Jansen refused — she already has a
   placement in that period (a double booking) — with nothing saved;
4. the coordinator confirms Lotte's placement (voorgesteld → bevestigd → lopend): its forms
   open;
5. the gouden driehoek at 375 px: Lotte fills in the startgesprek (autosave), Sanne submits it
   after a confirmation, all three sign in turn (locked); the instituutsopleider reopens it
   with a reason and the placement's story tells it; then the eindbeoordeling is filled in and
   signed by all three, so the coordinator sets the placement to afgerond — no override;
6. the coordinator moves Tim (the duo partner) to another school (overstap): both placements
   keep the story.

Every 375 px page is checked for horizontal scroll.
"""

import datetime as dt
import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from matching.models import PlacementRequest
from placements.models import Placement, PlacementPeriod
from samen.schooljaar import Schooljaar
from tests.browser.conftest import expect_no_horizontal_scroll, login, pick, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

COORDINATOR = "coordinator@samen.example"
SCHOOLOPLEIDER = "schoolopleider@samen.example"
STUDENT = "student@samen.example"  # Lotte de Boer
MENTOR = "mentor@samen.example"  # Sanne van Dijk, De Zevensprong
IO = "io@samen.example"  # Erik Mulder, Hogeschool KPZ
NARROW = {"width": 375, "height": 812}
ZEVENSPRONG = "Kindcentrum De Zevensprong"
LICHTBOEI = "Basisschool De Lichtboei"
REOPEN_REASON = "De leerdoelen worden na het eerste lesbezoek concreter gemaakt."

expect.set_options(timeout=15_000)


def demo_period():
    with scopes_disabled():
        return PlacementPeriod.objects.get(
            partnership__slug="samen", name="Pabo voltijd jaar 2 – semester 2"
        )


def on_a_phone(new_page, live_server, email):
    page = new_page(phone=True)
    page.set_viewport_size(NARROW)
    login(page, live_server, email)
    return page


def the_placement(student_last_name, period, **filters):
    with scopes_disabled():
        return Placement.objects.get(student__last_name=student_last_name, period=period, **filters)


# --- 1. The schoolopleider: capacity ---------------------------------------------------------


def schoolopleider_adds_groep_8(page, live_server, period):
    """Ingrid Smit adds groep 8 (two places, duo-stage possible) for De Zevensprong and gives
    Sanne van Dijk room for one more student."""
    page.goto(f"{live_server.url}/samen/stages/capaciteit/")
    row = page.locator("tr", has_text=period.name).filter(has_text=ZEVENSPRONG)
    row.get_by_role("link", name=ZEVENSPRONG).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(ZEVENSPRONG)
    expect_no_horizontal_scroll(page, 390)
    empty = page.locator("fieldset.row-card").nth(2)  # rows 1–2: groep 3/4 and groep 7
    empty.get_by_label("Groep of vak").fill("groep 8")
    empty.get_by_label("Plaatsen").fill("2")
    empty.get_by_label("Duo-stage mogelijk").check()
    # …and Sanne van Dijk takes one more student this semester (a duo counts as one).
    sanne = page.get_by_role("group", name="Mentor 1")
    expect(sanne.get_by_role("combobox", name="Mentor")).to_have_value(re.compile("Sanne van Dijk"))
    sanne.get_by_label("Aantal aankomende leraren").fill("3")
    expect_no_horizontal_scroll(page, 390)
    shot(page, "schoolopleider-capacity")
    page.get_by_role("button", name="Capaciteit opslaan").click()
    expect(page.locator("body")).to_contain_text("De capaciteit is opgeslagen.")
    expect_no_horizontal_scroll(page, 390)


# --- 2. The student: her request -------------------------------------------------------------


def student_asks_for_a_place(page, live_server, period):
    """Lotte asks for a place in groep 8 in Lelystad, on her phone."""
    page.goto(f"{live_server.url}/samen/stages/aanvragen/")
    page.get_by_role("link", name="Nieuwe aanvraag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stageaanvraag")
    expect_no_horizontal_scroll(page, 390)
    pick(page, "Stageperiode", "semester 2", f"{period.name} ({Schooljaar(period.schooljaar)})")
    page.get_by_label("Groep of vak").fill("groep 8")
    page.get_by_label("Voorkeursregio").fill("Lelystad")
    page.get_by_label("Leerwensen").fill(
        "Klassenmanagement in een bovenbouwgroep en het voorbereiden van de eindtoets."
    )
    page.get_by_label("Beschikbare dagen").fill("dinsdag en donderdag")
    expect_no_horizontal_scroll(page, 390)
    shot(page, "student-request")
    page.get_by_role("button", name="Aanvraag indienen").click()
    expect(page.locator(".messages")).to_contain_text("De aanvraag is ingediend.")
    expect_no_horizontal_scroll(page, 390)


# --- 3. The coordinator: the matching board --------------------------------------------------


def coordinator_opens_the_board(page, live_server, period):
    page.goto(f"{live_server.url}/samen/stages/")
    page.get_by_role("link", name="Matching").click()
    page.get_by_role("link", name=period.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Matching: {period.name}")


def coordinator_matches(page, live_server, period):
    coordinator_opens_the_board(page, live_server, period)
    # Open requests first, each with the reasons of its suggested schools.
    first = page.locator(".request-card").first
    expect(first.locator(".badge")).to_have_text("Open")
    expect(first.locator(".reasons li").first).to_be_visible()
    shot(page, "board")

    # Lotte to De Zevensprong's new groep 8, with Sanne van Dijk as her mentor.
    lotte = page.locator(".request-card", has_text="Lotte de Boer")
    expect(lotte).to_contain_text("biedt ‘groep 8’ aan")
    expect(lotte).to_contain_text("in de voorkeursregio (Lelystad)")
    lotte.get_by_role("link", name=f"Toewijzen aan {ZEVENSPRONG}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lotte de Boer toewijzen")
    pick(page, "Mentor", "Sanne", f"Sanne van Dijk ({MENTOR})")
    expect(page.get_by_label("Groep of vak")).to_have_value("groep 8")
    page.get_by_role("button", name="Verder").click()
    shot(page, "assign-confirm")
    details = page.locator("dl.details")
    expect(details).to_contain_text(ZEVENSPRONG)
    expect(details).to_contain_text("Sanne van Dijk")
    expect(details).to_contain_text("Erik Mulder")  # her instituutsopleider of last semester
    page.get_by_role("button", name="Ja, toewijzen").click()
    expect(page.locator(".messages")).to_contain_text(
        f"Lotte de Boer is voorgesteld bij {ZEVENSPRONG}."
    )

    # Tim de Graaf joins Lotte in groep 8 as a duo-stage (groep 8 allows one).
    tim = page.locator(".request-card", has_text="Tim de Graaf")
    tim.get_by_role("link", name=f"Toewijzen aan {ZEVENSPRONG}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tim de Graaf toewijzen")
    page.get_by_label("Duo-stage met").select_option(
        label="Lotte de Boer, groep 8 (mentor Sanne van Dijk)"
    )
    page.get_by_role("button", name="Verder").click()
    details = page.locator("dl.details")
    expect(details).to_contain_text("Duo-stage met")
    expect(details).to_contain_text("Lotte de Boer")
    expect(details).to_contain_text("groep 8")
    shot(page, "duo-confirm")
    page.get_by_role("button", name="Ja, toewijzen").click()
    expect(page.locator(".messages")).to_contain_text(
        f"Tim de Graaf is voorgesteld bij {ZEVENSPRONG}."
    )
    lotte_placement = the_placement("Boer", period)
    tim_placement = the_placement("de Graaf", period)
    assert tim_placement.duo_with_id == lotte_placement.pk
    assert tim_placement.mentor_id == lotte_placement.mentor_id

    # Noor Jansen already has a placement at De Meander this semester. The coordinator enters
    # a request for her anyway, and assigning it is refused: a double booking.
    page.goto(f"{live_server.url}/samen/stages/aanvragen/nieuw/")
    pick(page, "Aankomende leraar", "Noor", "Noor Jansen (n.jansen@samen.example)")
    pick(page, "Stageperiode", "semester 2", f"{period.name} ({Schooljaar(period.schooljaar)})")
    page.get_by_label("Groep of vak").fill("groep 6")
    page.get_by_role("button", name="Aanvraag indienen").click()
    expect(page.locator(".messages")).to_contain_text("De aanvraag is ingediend.")
    coordinator_opens_the_board(page, live_server, period)
    noor = page.locator(".request-card", has_text="Noor Jansen")
    noor.get_by_role("link", name="Andere school kiezen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Noor Jansen toewijzen")
    pick(page, "School", "Lichtboei", f"{LICHTBOEI} (Dronten)")
    pick(page, "Mentor", "Bram", "Bram Hendriks (bram.hendriks@samen.example)")
    pick(page, "Instituutsopleider", "Erik", f"Erik Mulder ({IO})")
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("button", name="Ja, toewijzen").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Noor Jansen loopt in deze periode al stage op Kindcentrum De Meander"
    )
    expect(page.get_by_role("alert")).to_contain_text(
        "Eén aankomende leraar loopt niet twee stages tegelijk."
    )
    shot(page, "refused-double-booking")
    with scopes_disabled():
        assert not Placement.objects.filter(student__last_name="Jansen", period=period).exists()
        assert PlacementRequest.objects.get(student__last_name="Jansen", period=period).status == (
            "open"
        )
    return lotte_placement, tim_placement


# --- 4. The coordinator: confirming ----------------------------------------------------------


def coordinator_moves_status(page, live_server, placement, *labels):
    page.goto(f"{live_server.url}/samen/stages/{placement.pk}/")
    for label in labels:
        page.get_by_role("button", name=f"Naar ‘{label}’").click()
        expect(page.locator(".messages")).to_contain_text(f"Status gewijzigd naar ‘{label}’.")
        expect(page.locator("dl.details .badge")).to_have_text(label)


# --- 5. The gouden driehoek: forms at 375 px -------------------------------------------------


def open_form(page, url, title):
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect_no_horizontal_scroll(page, 390)


def answer_my_questions(page, text, choose="Voldoende"):
    """Answers every question this person may still change, as she would: text in each empty
    box, `choose` (else the first option) in each open choice, two days where days are asked.
    Then waits for the autosave."""
    form = page.locator("#placement-form")
    boxes = form.locator("textarea:enabled, input[type=text]:enabled")
    for i in range(boxes.count()):
        if not boxes.nth(i).input_value():
            boxes.nth(i).fill(text)
    groups = form.locator("fieldset.field-choices:not(.field-readonly)")
    for i in range(groups.count()):
        group = groups.nth(i)
        if group.get_by_role("radio").count():
            if group.locator("input[type=radio]:checked").count():
                continue
            preferred = group.get_by_role("radio", name=choose, exact=True)
            (preferred if preferred.count() else group.get_by_role("radio").first).check()
        elif not group.locator("input[type=checkbox]:checked").count():
            group.get_by_role("checkbox", name="Dinsdag").check()  # the days she is at school
            group.get_by_role("checkbox", name="Donderdag").check()
    expect(page.locator("#autosave-status")).to_contain_text("Opgeslagen om")
    expect_no_horizontal_scroll(page, 390)


def submit(page, title):
    page.get_by_role("link", name="Indienen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{title} indienen?")
    expect_no_horizontal_scroll(page, 390)
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, indienen").click()
    expect(page.locator(".messages")).to_contain_text("Het formulier is ingediend.")


def sign(page, name):
    page.reload()
    page.get_by_role("link", name="Ondertekenen").click()
    expect_no_horizontal_scroll(page, 390)
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, ondertekenen").click()
    expect(page.get_by_text(re.compile(f"Ondertekend door {name}"))).to_be_visible()
    expect_no_horizontal_scroll(page, 390)


def the_triangle_walks_a_form(student, mentor, io, url, title, texts, choices):
    """Student fills in her part, the mentor his and submits; student, mentor and IO sign in
    turn (the IO answers her own questions first); the form is then locked."""
    open_form(student, url, title)
    answer_my_questions(student, texts["student"])
    shot(student, f"{title}-student")
    student.reload()
    expect_no_horizontal_scroll(student, 390)

    open_form(mentor, url, title)
    answer_my_questions(mentor, texts["mentor"], choices["mentor"])
    submit(mentor, title)
    # Not the mentor's turn yet: the student signs first.
    expect(mentor.get_by_role("link", name="Ondertekenen")).to_have_count(0)

    sign(student, "Lotte de Boer")
    sign(mentor, "Sanne van Dijk")

    open_form(io, url, title)
    if io.locator("#placement-form").count():
        answer_my_questions(io, texts["io"], choices["io"])
    sign(io, "Erik Mulder")
    expect(io.get_by_text(re.compile("Door iedereen ondertekend op"))).to_be_visible()
    expect(io.locator("textarea")).to_have_count(0)
    shot(io, f"{title}-locked")


def io_reopens(io, live_server, placement, url):
    io.goto(url)
    io.get_by_role("link", name="Heropenen").click()
    io.get_by_label("Reden").fill(REOPEN_REASON)
    io.get_by_role("button", name="Verder").click()
    expect(io.get_by_text("Deze handtekeningen vervallen:")).to_be_visible()
    expect_no_horizontal_scroll(io, 390)
    with io.expect_navigation():
        io.get_by_role("button", name="Ja, heropenen").click()
    expect(io.locator(".messages")).to_contain_text("Het formulier is heropend")
    # The placement's story tells who reopened it, and why.
    io.goto(f"{live_server.url}/samen/stages/{placement.pk}/")
    history = io.locator(".history")
    expect(history).to_contain_text("Formulier heropend: Startgesprek")
    expect(history).to_contain_text(REOPEN_REASON)
    expect_no_horizontal_scroll(io, 390)
    shot(io, "story-reopened")


# --- 6. The coordinator: an overstap ---------------------------------------------------------


def coordinator_moves_tim_to_de_lichtboei(page, live_server, tim):
    move_on = tim.starts_on + dt.timedelta(weeks=6)
    page.goto(f"{live_server.url}/samen/stages/{tim.pk}/")
    page.get_by_role("link", name="Overstap naar andere school").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overstap naar een andere school")
    pick(page, "Nieuwe school", "Lichtboei", f"{LICHTBOEI} (Dronten)")
    page.get_by_label("Groep of vak").fill("groep 6")
    pick(page, "Nieuwe mentor", "Bram", "Bram Hendriks (bram.hendriks@samen.example)")
    page.get_by_label("Overstapdatum").fill(move_on.isoformat())
    page.get_by_label("Reden van de overstap").fill(
        "Tim krijgt in groep 6 van De Lichtboei een eigen groep; de duo-stage stopt."
    )
    page.get_by_role("button", name="Verder").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Overstap van Tim de Graaf bevestigen")
    shot(page, "overstap-confirm")
    page.get_by_role("button", name="Ja, overstap vastleggen").click()

    expect(page.get_by_role("status")).to_contain_text("De overstap is vastgelegd.")
    with scopes_disabled():
        new = Placement.objects.get(previous=tim)
    expect(page).to_have_url(f"{live_server.url}/samen/stages/{new.pk}/")
    expect(page.locator("dl.details")).to_contain_text(LICHTBOEI)
    expect(page.locator("dl.details")).to_contain_text("Bram Hendriks")
    moved = (
        page.get_by_role("region", name="Geschiedenis")
        .get_by_role("listitem")
        .filter(has_text=f"Overstap van {ZEVENSPRONG} naar {LICHTBOEI}")
    )
    expect(moved).to_have_count(2)  # the old placement's log and the new one's
    shot(page, "overstap-new")

    # The old placement keeps its story: the assignment, the confirmation, the move.
    chain = page.get_by_role("region", name="Stageverloop na overstap")
    chain.get_by_role("link", name=ZEVENSPRONG).click()
    expect(page).to_have_url(f"{live_server.url}/samen/stages/{tim.pk}/")
    expect(page.locator("dl.details .badge")).to_have_text("Overgestapt")
    history = page.get_by_role("region", name="Geschiedenis")
    expect(history).to_contain_text("Bevestigd → Overgestapt")
    expect(history).to_contain_text("Voorgesteld → Bevestigd")
    shot(page, "overstap-old")


# --- The year --------------------------------------------------------------------------------


def test_a_placement_year_from_capacity_to_afgerond(live_server, demo, new_page):
    period = demo_period()

    # 1. The schoolopleider extends her school's capacity on her phone.
    schoolopleider = on_a_phone(new_page, live_server, SCHOOLOPLEIDER)
    schoolopleider_adds_groep_8(schoolopleider, live_server, period)

    # 2. Lotte asks for a place on her phone.
    student = on_a_phone(new_page, live_server, STUDENT)
    student_asks_for_a_place(student, live_server, period)

    # 3. The coordinator matches: Lotte, Tim as her duo, and Noor refused.
    coordinator = new_page()
    login(coordinator, live_server, COORDINATOR)
    lotte, tim = coordinator_matches(coordinator, live_server, period)
    assert lotte.status == "voorgesteld"

    # 4. The coordinator confirms Lotte's placement; it starts, and its forms open.
    coordinator_moves_status(coordinator, live_server, lotte, "Bevestigd", "Lopend")
    details = coordinator.locator("dl.details")
    expect(details).to_contain_text("Duo-stage met")
    expect(details.get_by_role("link", name="Tim de Graaf")).to_be_visible()
    forms = coordinator.get_by_role("region", name="Formulieren")
    expect(forms).to_contain_text("Startgesprek")
    expect(forms).to_contain_text("Eindbeoordeling")
    shot(coordinator, "placement-lopend")

    # 5. The gouden driehoek on their phones: the startgesprek, reopened, then the eind.
    mentor = on_a_phone(new_page, live_server, MENTOR)
    io = on_a_phone(new_page, live_server, IO)
    forms_url = f"{live_server.url}/samen/stages/{lotte.pk}/formulieren"
    the_triangle_walks_a_form(
        student,
        mentor,
        io,
        f"{forms_url}/start/",
        "Startgesprek",
        texts={
            "student": "Ik wil een rustige start van de les neerzetten in groep 8.",
            "mentor": "Lotte geeft elke dinsdag de rekenles; we bespreken die na.",
            "io": "De leerdoelen passen bij de hoofdfase.",
        },
        choices={"mentor": "Voldoende", "io": "Voldoende"},
    )
    io_reopens(io, live_server, lotte, f"{forms_url}/start/")
    the_triangle_walks_a_form(
        student,
        mentor,
        io,
        f"{forms_url}/eind/",
        "Eindbeoordeling",
        texts={
            "student": "Ik bereid mijn lessen zelfstandig voor en stem ze af op de groep.",
            "mentor": "Lotte stemt haar lessen goed af; de klas loopt rustig.",
            "io": "De bekwaamheidseisen van de hoofdfase zijn aangetoond.",
        },
        choices={"mentor": "Voldoende", "io": "Behaald"},
    )

    # The coordinator closes the placement: the eindbeoordeling is signed, no override.
    coordinator.goto(f"{live_server.url}/samen/stages/{lotte.pk}/")
    coordinator.get_by_role("button", name="Naar ‘Afgerond’").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Stage naar ‘Afgerond’?")
    coordinator.get_by_role("button", name="Ja, naar ‘Afgerond’").click()
    expect(coordinator.locator(".messages")).to_contain_text("Status gewijzigd naar ‘Afgerond’.")
    expect(coordinator.locator("dl.details .badge")).to_have_text("Afgerond")
    shot(coordinator, "afgerond")
    with scopes_disabled():
        lotte.refresh_from_db()
        assert lotte.status == "afgerond"
        assert not lotte.events.filter(details__override=True).exists()

    # 6. Tim, the duo partner, moves to another school; both placements keep the story.
    coordinator_moves_status(coordinator, live_server, tim, "Bevestigd")
    coordinator_moves_tim_to_de_lichtboei(coordinator, live_server, tim)
