"""The placement lifecycle in Chromium, as the demo users: an overstap with its chain and
history, a verlenging, the old mentor after a move, and the leergroep at 375 px.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from playwright.sync_api import expect

from placementforms import services as forms
from placementforms.models import PlacementForm
from placements.models import Placement, PlacementStatus
from roles.access import access_for
from samen import schoolvakanties
from tests.browser.conftest import expect_no_horizontal_scroll, login, pick, shot
from tests.browser.test_form_cycle import a_placement_with_its_startgesprek

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

COORDINATOR = "coordinator@samen.example"
MENTOR2 = "mentor2@samen.example"
SCHOOLOPLEIDER = "schoolopleider@samen.example"
STUDENT = "student@samen.example"
COACH_VO = "coach@vo-groningen.example"
NARROW = {"width": 375, "height": 812}

expect.set_options(timeout=15_000)


def placement(student_last_name, school_part, slug="samen"):
    with scopes_disabled():
        return Placement.objects.select_related("school").get(
            partnership__slug=slug,
            student__last_name=student_last_name,
            school__name__contains=school_part,
        )


def day(value):
    months = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december",
    ]  # fmt: skip
    return f"{value.day} {months[value.month - 1]} {value.year}"


def narrow(new_page):
    page = new_page(phone=True)
    page.set_viewport_size(NARROW)
    return page


# --- Overstap ----------------------------------------------------------------------------------


def test_coordinator_moves_a_student_and_both_placements_tell_the_story(
    live_server, demo, page, new_page
):
    """Daan Visser moves from OBS De Windroos to Kindcentrum De Meander; his old mentor keeps
    the old placement and never opens the new one."""
    old = placement("Visser", "Windroos")
    move_on = old.starts_on + dt.timedelta(weeks=8)
    login(page, live_server, COORDINATOR)
    page.goto(f"{live_server.url}/samen/stages/{old.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stage van Daan Visser")
    # The plain status buttons never offer "Overgestapt": that is the overstap's alone.
    expect(page.get_by_role("button", name="Naar ‘Overgestapt’")).to_have_count(0)
    page.get_by_role("link", name="Overstap naar andere school").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overstap naar een andere school")
    shot(page, "overstap-form")

    pick(page, "Nieuwe school", "Meander", "Kindcentrum De Meander (Almere)")
    page.get_by_label("Groep of vak").fill("groep 3/4")
    pick(page, "Nieuwe mentor", "Fatima", "Fatima el Amrani (f.elamrani@samen.example)")
    page.get_by_label("Overstapdatum").fill(move_on.isoformat())
    page.get_by_label("Reden van de overstap").fill(
        "Daan woont sinds kort in Almere; De Meander ligt om de hoek."
    )
    page.get_by_role("button", name="Verder").click()

    # The confirmation: nothing has changed yet.
    expect(page.get_by_role("heading", level=1)).to_have_text("Overstap van Daan Visser bevestigen")
    summary = page.locator("dl.details")
    expect(summary).to_contain_text("OBS De Windroos")
    expect(summary).to_contain_text("Kindcentrum De Meander")
    expect(summary).to_contain_text(day(move_on - dt.timedelta(days=1)))
    with scopes_disabled():
        old.refresh_from_db()
    assert old.status == PlacementStatus.LOPEND
    shot(page, "overstap-confirm")
    page.get_by_role("button", name="Ja, overstap vastleggen").click()

    # The new placement: the chain and the move in its history.
    expect(page.get_by_role("status")).to_contain_text("De overstap is vastgelegd.")
    with scopes_disabled():
        new = Placement.objects.select_related("school").get(previous=old)
    expect(page).to_have_url(f"{live_server.url}/samen/stages/{new.pk}/")
    expect(page.locator("dl.details")).to_contain_text("Kindcentrum De Meander")
    expect(page.locator("dl.details")).to_contain_text("Fatima el Amrani")
    chain = page.get_by_role("region", name="Stageverloop na overstap")
    expect(chain.get_by_role("link", name="OBS De Windroos")).to_be_visible()
    history = page.get_by_role("region", name="Geschiedenis")
    moved = history.get_by_role("listitem").filter(
        has_text="Overstap van OBS De Windroos naar Kindcentrum De Meander"
    )
    expect(moved).to_have_count(2)  # the old placement's log and the new one's
    expect(moved.first).to_contain_text("De Meander ligt om de hoek")
    expect(moved.first).to_contain_text("Marieke Hoekstra")
    shot(page, "new-placement")

    # The old placement: ended the day before, final, with the same story.
    chain.get_by_role("link", name="OBS De Windroos").click()
    expect(page).to_have_url(f"{live_server.url}/samen/stages/{old.pk}/")
    expect(page.locator("dl.details .badge")).to_have_text("Overgestapt")
    expect(page.locator("dl.details")).to_contain_text(day(move_on - dt.timedelta(days=1)))
    expect(page.get_by_role("link", name="Overstap naar andere school")).to_have_count(0)
    history = page.get_by_role("region", name="Geschiedenis")
    expect(history).to_contain_text("Status: Lopend → Overgestapt")
    expect(history).to_contain_text("Bevestigd → Lopend")  # its earlier life is still there
    expect(
        page.get_by_role("region", name="Stageverloop na overstap").get_by_role(
            "link", name="Kindcentrum De Meander"
        )
    ).to_be_visible()
    shot(page, "old-placement")

    # The old mentor, on a phone: the old placement and its forms, not the new one.
    mentor = new_page(phone=True)
    login(mentor, live_server, MENTOR2)
    mentor.goto(f"{live_server.url}/samen/stages/{old.pk}/")
    expect(mentor.get_by_role("heading", level=1)).to_have_text("Stage van Daan Visser")
    expect(mentor.locator("dl.details .badge")).to_have_text("Overgestapt")
    region = mentor.get_by_role("region", name="Stageverloop na overstap")
    expect(region).to_contain_text("Kindcentrum De Meander")
    expect(region.get_by_role("link", name="Kindcentrum De Meander")).to_have_count(0)
    expect(mentor.get_by_text("Fatima el Amrani")).to_have_count(0)
    expect_no_horizontal_scroll(mentor)
    shot(mentor, "old-mentor-reads")
    # Its forms stay readable to the old mentor (the forms' own walk: test_form_cycle.py).
    expect(mentor.get_by_role("region", name="Formulieren")).to_be_visible()
    response = mentor.goto(f"{live_server.url}/samen/stages/{new.pk}/")
    assert response.status == 404
    shot(mentor, "old-mentor-new-placement-404")


# --- Verlenging --------------------------------------------------------------------------------


def test_coordinator_extends_a_placement_after_a_confirmation(live_server, demo, page):
    lotte = placement("Boer", "Zevensprong")
    longer = lotte.ends_on + dt.timedelta(days=14)
    login(page, live_server, COORDINATOR)
    page.goto(f"{live_server.url}/samen/stages/{lotte.pk}/")
    page.get_by_role("link", name="Verlengen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stage verlengen")

    # An earlier date is refused before the confirmation, on the form, with the reason.
    page.get_by_label("Nieuwe einddatum").fill((lotte.ends_on - dt.timedelta(days=3)).isoformat())
    page.get_by_label("Reden van de verlenging").fill("Ziek geweest")
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("alert")).to_contain_text("moet na de huidige einddatum")
    expect(page.get_by_role("button", name="Ja, verlengen")).to_have_count(0)
    shot(page, "refused")

    page.get_by_label("Nieuwe einddatum").fill(longer.isoformat())
    page.get_by_label("Reden van de verlenging").fill(
        "Drie weken ziek in december; de lessenserie rekenen loopt daardoor uit."
    )
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verlenging van de stage")
    expect(page.locator("dl.details")).to_contain_text(day(lotte.ends_on))
    expect(page.locator("dl.details")).to_contain_text(day(longer))
    # Which due dates move, and which forms stay late (her forms are still empty).
    due = page.locator("dl.details dd").filter(has_text="Eindbeoordeling")
    expect(due).to_contain_text(f"Eindbeoordeling: uiterlijk {day(lotte.ends_on)} →")
    expect(due).to_contain_text(
        re.compile(r"Tussentijdse beoordeling: blijft uiterlijk .* te laat")
    )
    shot(page, "confirm")
    shot(page, "verlenging_1280")
    page.set_viewport_size(NARROW)
    expect_no_horizontal_scroll(page)
    shot(page, "verlenging_375")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Ja, verlengen").click()

    expect(page.get_by_role("status")).to_contain_text("De stage is verlengd.")
    expect(page.locator("dl.details")).to_contain_text(day(longer))
    event = page.get_by_role("region", name="Geschiedenis").get_by_role("listitem").first
    expect(event).to_contain_text("Verlenging")
    expect(event).to_contain_text(f"Einddatum: {day(lotte.ends_on)} → {day(longer)}")
    expect(event).to_contain_text("lessenserie rekenen loopt daardoor uit")
    with scopes_disabled():
        lotte.refresh_from_db()
    assert lotte.ends_on == longer
    shot(page, "extended")


# --- VO: vakbegeleider and coach ----------------------------------------------------------------


def test_the_coach_opens_the_vo_placement_beside_its_vakbegeleider(live_server, demo, page):
    jesse = placement("Bosma", "Hunze", slug="vo-groningen")
    login(page, live_server, COACH_VO)
    page.goto(f"{live_server.url}/vo-groningen/stages/")
    row = page.locator("#placement-rows tbody tr").filter(has_text="Jesse Bosma")
    expect(row).to_contain_text("Vakbegeleider: Bart Hofstede")
    expect(row).to_contain_text("Coach: Anneke Veldman")
    expect(page.locator("#placement-rows tbody tr")).to_have_count(1)
    row.get_by_role("link", name="Jesse Bosma").click()
    expect(page).to_have_url(f"{live_server.url}/vo-groningen/stages/{jesse.pk}/")
    details = page.locator("dl.details")
    expect(details.get_by_text("Vakbegeleider", exact=True)).to_be_visible()
    expect(details).to_contain_text("Anneke Veldman")
    shot(page, "coach-placement")


# --- Leergroepen at 375 px ------------------------------------------------------------------------


def test_the_schoolopleider_plans_a_leergroep_meeting_at_375_px(live_server, demo, new_page):
    page = narrow(new_page)
    login(page, live_server, SCHOOLOPLEIDER)
    panel = page.get_by_role("region", name="Leergroepen")
    panel.get_by_role("link", name="Leergroep De Zevensprong").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Leergroep De Zevensprong")
    expect(page.get_by_role("region", name="2 deelnemers")).to_contain_text("Emma Koster")
    expect_no_horizontal_scroll(page)
    shot(page, "leergroep")

    page.get_by_role("link", name="Bijeenkomst toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe bijeenkomst")
    when = dt.datetime.now().replace(second=0, microsecond=0) + dt.timedelta(days=20)
    page.get_by_label("Datum en tijd").fill(when.strftime("%Y-%m-%dT15:30"))
    page.get_by_label("Onderwerp").fill("Oudergesprekken voorbereiden")
    page.get_by_label("Aantekeningen").fill("Ieder neemt een vraag van een ouder mee.")
    page.get_by_label("Lotte de Boer").check()
    expect_no_horizontal_scroll(page)
    shot(page, "meeting-form")
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("status")).to_contain_text("De bijeenkomst is opgeslagen.")
    meetings = page.get_by_role("region", name="Bijeenkomsten")
    planned = meetings.locator("li.meeting").filter(has_text="Oudergesprekken voorbereiden")
    expect(planned).to_contain_text("Ieder neemt een vraag van een ouder mee.")
    expect(planned).to_contain_text("Aanwezig: Lotte de Boer")
    expect_no_horizontal_scroll(page)
    shot(page, "meeting-saved")


def test_the_student_sees_her_leergroep_and_its_meetings_at_375_px(live_server, demo, new_page):
    page = narrow(new_page)
    login(page, live_server, STUDENT)
    panel = page.get_by_role("region", name="Leergroepen")
    expect(panel).to_contain_text(re.compile(r"Volgende bijeenkomst: \w+ \d+ \w+, 15:30"))
    expect(panel.get_by_role("link", name="Nieuwe leergroep")).to_have_count(0)
    expect_no_horizontal_scroll(page)
    shot(page, "dashboard")
    panel.get_by_role("link", name="Leergroep De Zevensprong").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Leergroep De Zevensprong")
    meetings = page.get_by_role("region", name="Bijeenkomsten")
    expect(meetings).to_contain_text("Kennismaking en leervragen")
    expect(meetings).to_contain_text("Intervisie: rust en orde bij de start van de les")
    expect(page.get_by_role("link", name="Bijeenkomst toevoegen")).to_have_count(0)
    expect(page.get_by_role("link", name="Bewerken")).to_have_count(0)
    expect(page.get_by_text("Ingrid Smit")).to_be_visible()
    expect_no_horizontal_scroll(page)
    shot(page, "leergroep")


# --- The forms an overstap leaves behind; the pickers that say why -----------------------------


def test_the_overstap_offers_the_new_schools_mentors_and_closes_the_old_forms(
    live_server, demo, page, new_page
):
    """Daan Visser to De Meander: the mentor search offers De Meander's mentors and says why
    his Windroos mentor is missing; the confirmation names the forms the move closes, and his
    old mentor reads them as closed, not late."""
    old = placement("Visser", "Windroos")
    move_on = old.starts_on + dt.timedelta(weeks=8)
    login(page, live_server, COORDINATOR)
    page.goto(f"{live_server.url}/samen/stages/{old.pk}/overstap/")
    pick(page, "Nieuwe school", "Meander", "Kindcentrum De Meander (Almere)")
    page.get_by_label("Overstapdatum").fill(move_on.isoformat())
    search = page.locator(".picker").get_by_role("combobox", name="Nieuwe mentor")
    search.fill("Brouwer")
    expect(page.locator("[data-picker-reason]")).to_contain_text(
        re.compile(r"Jeroen Brouwer is in \d{4}-\d{4} geen Mentor .* op Kindcentrum De Meander")
    )
    expect(page.locator("#id_mentor-options [data-picker-option]")).to_have_count(0)
    shot(page, "overstap_picker_1280")
    pick(page, "Nieuwe mentor", "Fatima", "Fatima el Amrani (f.elamrani@samen.example)")
    page.get_by_label("Reden van de overstap").fill("Daan woont sinds kort in Almere.")
    page.get_by_role("button", name="Verder").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Overstap van Daan Visser bevestigen")
    closing = page.locator("dl.details dd").filter(has_text="Gesloten door de overstap")
    expect(closing).to_contain_text("Eindbeoordeling")
    shot(page, "overstap_confirm_1280")
    page.set_viewport_size(NARROW)
    expect_no_horizontal_scroll(page)
    shot(page, "overstap_confirm_375")
    page.get_by_role("button", name="Ja, overstap vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("De overstap is vastgelegd.")

    mentor = narrow(new_page)
    login(mentor, live_server, MENTOR2)
    mentor.goto(f"{live_server.url}/samen/stages/{old.pk}/formulieren/eind/")
    expect(mentor.locator("[data-closed]")).to_contain_text(
        "overgestapt naar Kindcentrum De Meander"
    )
    expect(mentor.locator("[data-form-status]")).to_have_text("Gesloten (overstap)")
    expect(mentor.get_by_role("link", name="Indienen")).to_have_count(0)
    expect_no_horizontal_scroll(mentor)
    shot(mentor, "overstap_closed_form_375")
    mentor.goto(f"{live_server.url}/samen/formulieren/?state=te_laat")
    expect(mentor.get_by_role("link", name="Eindbeoordeling")).to_have_count(0)


def test_a_reopened_form_shows_its_reason_to_all_three_and_is_due_afresh(
    live_server, demo, new_page
):
    """Lotte de Boer's startgesprek, long due and signed by all three, is reopened by the
    instituutsopleider: the student, the mentor and he read the reason on the form, and it is
    due two weeks from today (outside the school holidays), not late."""
    target = a_placement_with_its_startgesprek()
    partnership = target.partnership
    today = timezone.localdate()
    with scope(partnership=partnership):
        form = PlacementForm.objects.get(placement=target, kind="start")
        form.due_on = today - dt.timedelta(days=30)
        form.save(update_fields=["due_on"])
        people = {k: getattr(target, f) for k, f in forms.ROLE_FIELDS.items()}
        act = {k: access_for(p.user, partnership) for k, p in people.items()}
        forms.save_answers(act["student"], form, {"leerdoelen": "Differentiëren."})
        forms.save_answers(act["mentor"], form, {"advies": "Voldoende"})
        form = forms.submit(act["mentor"], form)
        form = forms.sign(act["student"], form)
        form = forms.sign(act["mentor"], form)
        forms.save_answers(act["instituutsopleider"], form, {"oordeel": "Behaald"})
        forms.sign(act["instituutsopleider"], form)
    url = f"{live_server.url}/samen/stages/{target.pk}/formulieren/start/"
    reason = "De leerdoelen worden na het driegesprek concreter gemaakt."

    io = new_page()
    login(io, live_server, "io@samen.example")
    io.goto(url)
    io.get_by_role("link", name="Heropenen").click()
    io.get_by_label("Reden").fill(reason)
    io.get_by_role("button", name="Verder").click()
    with io.expect_navigation():
        io.get_by_role("button", name="Ja, heropenen").click()
    expect(io.locator("[data-reopened]")).to_contain_text(reason)
    # Two weeks from today, out of the school's holidays (the kerstvakantie, in December).
    fresh = schoolvakanties.avoid(today + dt.timedelta(days=forms.REOPEN_DAYS), earliest=today)
    expect(io.locator("[data-form-status]")).to_have_text("Concept")
    expect(io.get_by_text(f"uiterlijk {day(fresh)}")).to_be_visible()
    shot(io, "reopen_1280")
    for email in ("student@samen.example", "mentor@samen.example"):
        signer = narrow(new_page)
        login(signer, live_server, email)
        signer.goto(url)
        expect(signer.locator("[data-reopened]")).to_contain_text(reason)
        expect(signer.locator("[data-reopened]")).to_contain_text("Erik Mulder")
        expect_no_horizontal_scroll(signer)
        name = email.split("@")[0]
        shot(signer, f"reopen_{name}_375")
