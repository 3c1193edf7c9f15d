"""A startgesprek of the gouden driehoek, walked in Chromium by the three who sign it: the
student fills in her learning goals on a 375 px phone (autosave), the mentor gives the advies
and submits (confirmation) and signs after the student, the instituutsopleider gives the
judgement and signs (locked), then reopens it with a reason, which the story shows.

The form is built for the test on the demo's partnership: a period of its own (pabo deeltijd,
afstudeerfase) with a template of the tests' questions, so the walk does not depend on the
seeded templates.
"""

import datetime as dt
import re

import pytest
from django_scopes import scope, scopes_disabled
from playwright.sync_api import expect

from partnerships.models import Partner, Partnership, School
from placements import services
from placements.models import PlacementPeriod, PlacementStatus
from roles.access import access_for
from roles.models import Person
from samen.schooljaar import Schooljaar
from tests import factories as f
from tests.browser.conftest import expect_no_horizontal_scroll, login, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

NARROW = {"width": 375, "height": 812}
GOALS = "Ik wil een rekenles in groep 5/6 zelfstandig geven en differentiëren in drie niveaus."

expect.set_options(timeout=15_000)


def a_placement_with_its_startgesprek():
    """Lotte de Boer's spring placement at De Zevensprong, confirmed: its forms are open."""
    with scopes_disabled():
        partnership = Partnership.objects.get(slug="samen")
        people = {
            key: Person.objects.get(partnership=partnership, email=f"{key}@samen.example")
            for key in ("student", "mentor", "io", "coordinator")
        }
        institute = Partner.objects.filter(
            partnership=partnership, organisation__kind="institute"
        ).first()
        school = School.objects.get(partnership=partnership, name__contains="Zevensprong")
    year = Schooljaar.current().start_year
    with scope(partnership=partnership):
        period = PlacementPeriod.objects.create(
            partnership=partnership,
            institute=institute,
            schooljaar=year,
            name="Afstudeerstage deeltijd",
            programme="pabo_deeltijd",
            study_year=4,
            phase="afstudeerfase",
            starts_on=dt.date(year + 1, 2, 1),
            ends_on=dt.date(year + 1, 6, 30),
            days_per_week=3,
        )
        f.form_template(
            partnership, institute, "start", programme="pabo_deeltijd", phase="afstudeerfase"
        )
        coordinator = access_for(people["coordinator"].user, partnership)
        placement = services.create_placement(
            coordinator,
            student=people["student"],
            school=school,
            mentor=people["mentor"],
            instituutsopleider=people["io"],
            starts_on=period.starts_on,
            ends_on=period.ends_on,
            group="groep 5/6",
        )
        placement.period = period
        placement.save(update_fields=["period"])
        for status in (PlacementStatus.VOORGESTELD, PlacementStatus.BEVESTIGD):
            placement = services.transition(coordinator, placement, status)
    return placement


def open_as(new_page, live_server, email, url):
    page = new_page(phone=True)
    page.set_viewport_size(NARROW)
    login(page, live_server, email)
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Startgesprek")
    return page


def confirm_step(page, button, confirm):
    with page.expect_navigation():
        page.get_by_role("link", name=button).click()
    expect_no_horizontal_scroll(page)
    with page.expect_navigation():
        page.get_by_role("button", name=confirm).click()


def test_the_triangle_fills_submits_signs_and_the_io_reopens(live_server, demo, new_page):
    placement = a_placement_with_its_startgesprek()
    form_url = f"{live_server.url}/samen/stages/{placement.pk}/formulieren/start/"

    # The student types her learning goals on her phone: saved as she types.
    student = open_as(new_page, live_server, "student@samen.example", form_url)
    expect_no_horizontal_scroll(student)
    goals = student.get_by_label("Mijn leerdoelen")
    goals.fill(GOALS)
    expect(student.locator("#autosave-status")).to_contain_text("Opgeslagen om")
    shot(student, "student-autosaved")
    student.reload()
    expect(student.get_by_label("Mijn leerdoelen")).to_have_value(GOALS)
    expect_no_horizontal_scroll(student)

    # The mentor gives the beoordelend advies and submits, after a confirmation.
    mentor = open_as(new_page, live_server, "mentor@samen.example", form_url)
    expect(mentor.get_by_label("Mijn leerdoelen")).to_have_value(GOALS)
    advies = mentor.get_by_role("group", name="Beoordelend advies van de mentor")
    advies.get_by_role("radio", name="Voldoende", exact=True).check()
    expect(mentor.locator("#autosave-status")).to_contain_text("Opgeslagen om")
    expect_no_horizontal_scroll(mentor)
    mentor.get_by_role("link", name="Indienen").click()
    expect(mentor.get_by_role("heading", level=1)).to_have_text("Startgesprek indienen?")
    expect_no_horizontal_scroll(mentor)
    shot(mentor, "mentor-confirms-submit")
    with mentor.expect_navigation():
        mentor.get_by_role("button", name="Ja, indienen").click()
    expect(mentor.locator(".messages")).to_contain_text("Het formulier is ingediend.")
    # Not her turn yet: the student signs first.
    expect(mentor.get_by_role("link", name="Ondertekenen")).to_have_count(0)

    student.reload()
    student.get_by_role("link", name="Ondertekenen").click()
    expect(student.get_by_text("Door te ondertekenen verklaart u")).to_be_visible()
    expect_no_horizontal_scroll(student)
    shot(student, "student-confirms-signature")
    with student.expect_navigation():
        student.get_by_role("button", name="Ja, ondertekenen").click()
    expect(student.get_by_text(re.compile("Ondertekend door Lotte de Boer"))).to_be_visible()

    mentor.reload()
    confirm_step(mentor, "Ondertekenen", "Ja, ondertekenen")
    expect(mentor.get_by_text(re.compile("Ondertekend door Sanne van Dijk"))).to_be_visible()
    expect_no_horizontal_scroll(mentor)

    # The instituutsopleider gives the judgement and signs last: the form is locked.
    io = open_as(new_page, live_server, "io@samen.example", form_url)
    io.get_by_role("group", name="Eindoordeel van de instituutsopleider").get_by_role(
        "radio", name="Behaald", exact=True
    ).check()
    expect(io.locator("#autosave-status")).to_contain_text("Opgeslagen om")
    confirm_step(io, "Ondertekenen", "Ja, ondertekenen")
    expect(io.get_by_text(re.compile("Door iedereen ondertekend op"))).to_be_visible()
    expect(io.locator("textarea")).to_have_count(0)
    expect(io.get_by_text(GOALS)).to_be_visible()
    expect(io.get_by_role("button", name="PDF maken")).to_be_visible()
    expect_no_horizontal_scroll(io)
    shot(io, "locked")

    # …and reopens it with a reason, after a confirmation; the story tells it.
    io.get_by_role("link", name="Heropenen").click()
    io.get_by_label("Reden").fill("Het eindoordeel wordt na het driegesprek aangevuld.")
    io.get_by_role("button", name="Verder").click()
    expect(io.get_by_text("Deze handtekeningen vervallen:")).to_be_visible()
    expect_no_horizontal_scroll(io)
    with io.expect_navigation():
        io.get_by_role("button", name="Ja, heropenen").click()
    expect(io.locator(".messages")).to_contain_text("Het formulier is heropend")
    judgement = io.get_by_role("group", name="Eindoordeel van de instituutsopleider")
    expect(judgement.get_by_role("radio", name="Behaald", exact=True)).to_be_enabled()
    io.goto(f"{live_server.url}/samen/stages/{placement.pk}/")
    history = io.locator(".history")
    expect(history).to_contain_text("Formulier heropend: Startgesprek")
    expect(history).to_contain_text("Het eindoordeel wordt na het driegesprek aangevuld.")
    expect(history).to_contain_text("Handtekening vervallen: Erik Mulder")
    expect_no_horizontal_scroll(io)
    shot(io, "story")


def test_the_form_says_saved_only_once_its_last_change_is_saved(live_server, demo, new_page):
    """A save that answers for an earlier state does not say "Opgeslagen om": the student who
    typed on while it was under way would leave believing her last words were kept."""
    placement = a_placement_with_its_startgesprek()
    form_url = f"{live_server.url}/samen/stages/{placement.pk}/formulieren/start/"
    student = open_as(new_page, live_server, "student@samen.example", form_url)
    held = []  # the autosave requests, held until the test lets each through
    student.route("**/formulieren/start/autosave/", lambda route: held.append(route))

    def until_held(count):
        for _ in range(600):  # a wait for the browser's request, not for a fixed time
            if len(held) >= count:
                return
            student.wait_for_timeout(25)
        raise AssertionError(f"{count} autosave request(s) expected, {len(held)} sent")

    status = student.locator("#autosave-status")
    goals = student.get_by_label("Mijn leerdoelen")
    goals.fill("Een eerste versie van mijn leerdoelen.")
    expect(status).to_have_text("Wijzigingen worden opgeslagen…")
    until_held(1)
    goals.fill(GOALS)  # typed on while the first save is under way
    held[0].continue_()
    # htmx sends the second save only once the first has answered (hx-sync queue last).
    until_held(2)
    expect(status).to_have_text("Wijzigingen worden opgeslagen…")
    held[1].continue_()
    expect(status).to_contain_text("Opgeslagen om")
    student.unroute("**/formulieren/start/autosave/")
    student.reload()
    expect(student.get_by_label("Mijn leerdoelen")).to_have_value(GOALS)
