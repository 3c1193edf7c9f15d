"""The portal on a 375 px phone, and the header's partnership switcher (issue 18 §5).

- The beoordeling's radio buttons and checkboxes are targets of at least 24×24 px (WCAG 2.2
  target size), their labels part of the target.
- The public school profile, and every page the mentor reaches from the menu and the
  dashboard, scroll only vertically at 375 px.
- The mentor's dashboard links straight to the forms that wait, and shows the current
  placements first with their status and period, the past ones apart.
- Someone in two partnerships sees which one they are in and switches in one step from the
  header, with the keyboard too.
"""

import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from partnerships.models import School
from tests.browser.conftest import expect_no_horizontal_scroll, login, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

NARROW = {"width": 375, "height": 812}
MENTOR = "mentor@samen.example"
MULTI = "multi@samen.example"
#: WCAG 2.2 success criterion 2.5.8, target size (minimum), in CSS pixels.
TARGET = 24

expect.set_options(timeout=15_000)


def on_phone(new_page):
    page = new_page(phone=True)
    page.set_viewport_size(NARROW)
    return page


def target_sizes(page, selector):
    """For each input matching `selector`: its own box, and the box of its clickable label
    (the label around it, or the one pointing at it)."""
    return page.locator(selector).evaluate_all(
        """inputs => inputs.map(input => {
          const box = input.getBoundingClientRect();
          const label = input.closest("label") || (input.labels && input.labels[0]);
          const area = label ? label.getBoundingClientRect() : box;
          return {name: `${input.name}=${input.value}`, width: box.width, height: box.height,
                  labelWidth: area.width, labelHeight: area.height};
        })"""
    )


def test_the_beoordeling_at_375_px_has_targets_of_24_px(live_server, demo, new_page):
    page = on_phone(new_page)
    login(page, live_server, MENTOR)
    page.goto(f"{live_server.url}/samen/stages/1/formulieren/tussentijds/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tussentijdse beoordeling")
    radios = page.locator("#placement-form input[type=radio]")
    # The eight indicators of the bekwaamheden, four levels each, and the advies: all there.
    expect(radios.nth(35)).to_be_attached()
    expect(page.get_by_role("radio", name="Voldoende").first).to_be_visible()
    sizes = target_sizes(page, "input[type=radio], input[type=checkbox]")
    small = [
        s for s in sizes if min(s["width"], s["height"], s["labelWidth"], s["labelHeight"]) < TARGET
    ]
    assert len(sizes) >= 36 and not small, f"targets under {TARGET} px: {small[:5]}"
    # Clicking the label (the larger part of the target) chooses the level.
    page.locator("label", has_text="Goed").first.click()
    expect(page.get_by_role("radio", name="Goed").first).to_be_checked()
    expect_no_horizontal_scroll(page, 375)
    shot(page, "beoordeling-375")


def test_the_public_school_profile_and_the_mentors_pages_fit_375_px(live_server, demo, new_page):
    with scopes_disabled():
        school = School.objects.get(partnership__slug="samen", name__contains="Zevensprong")
    visitor = on_phone(new_page)
    visitor.goto(f"{live_server.url}/samen/scholen/{school.pk}/")
    contact = visitor.locator("section", has=visitor.get_by_role("heading", name="Contact"))
    expect(contact.get_by_role("link", name=re.compile("@"))).to_be_visible()
    expect_no_horizontal_scroll(visitor, 375)
    box = contact.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375, f"contact card: {box}"
    shot(visitor, "public-profile-375")

    # The sweep: every page of the menu and the dashboard, as the mentor on a phone.
    page = on_phone(new_page)
    login(page, live_server, MENTOR)
    links = page.locator("header nav a, main a").evaluate_all(
        "links => [...new Set(links.map(a => a.href.split('#')[0]))]"
    )
    pages = [
        url
        for url in links
        if url.startswith(live_server.url) and "export=" not in url and "/accounts/" not in url
    ]
    assert len(pages) >= 10, pages
    for url in pages:
        response = page.goto(url)
        assert response.status == 200, f"{url}: {response.status}"
        expect_no_horizontal_scroll(page, 375)


def test_the_mentors_dashboard_leads_to_the_waiting_form(live_server, demo, new_page):
    page = on_phone(new_page)
    login(page, live_server, MENTOR)
    placements = page.locator("section", has=page.get_by_role("heading", name="Stages", level=2))
    current = placements.get_by_role("list", name="Huidige stages")
    # Current placements first, each with its status and period; last year's apart.
    expect(current.get_by_role("listitem").first).to_contain_text("Lopend")
    expect(current).to_contain_text("Lotte de Boer")
    expect(current).to_contain_text("2026")
    expect(current).not_to_contain_text("Daan Visser")
    earlier = placements.get_by_role("list", name="Eerdere stages")
    expect(earlier).to_contain_text("Daan Visser")
    expect(earlier).to_contain_text("Afgerond")
    shot(page, "mentor-dashboard-375")

    forms = page.locator("section", has=page.get_by_role("heading", name="Mijn formulieren"))
    with page.expect_navigation():
        forms.get_by_role("link", name="Tussentijdse beoordeling – Lotte de Boer").click()
    expect(page).to_have_url(re.compile(r"/samen/stages/\d+/formulieren/tussentijds/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tussentijdse beoordeling")


def test_someone_in_two_partnerships_switches_from_the_header(live_server, demo, new_page):
    page = on_phone(new_page)
    login(page, live_server, MULTI)
    page.goto(f"{live_server.url}/samen/stages/")
    switcher = page.get_by_role("navigation", name="Partnerschap")
    toggle = switcher.locator("summary")
    expect(toggle).to_have_text(re.compile(r"Partnerschap SAMEN$"))
    box = toggle.bounding_box()
    assert box["width"] >= TARGET and box["height"] >= TARGET, box
    # With the keyboard: open the menu, go to the other partnership.
    toggle.focus()
    page.keyboard.press("Enter")
    other = switcher.get_by_role("link", name="Onderwijsregio VO Groningen")
    expect(other).to_be_visible()
    expect(switcher.get_by_role("link", name="Partnerschap SAMEN")).to_have_attribute(
        "aria-current", "true"
    )
    box = other.bounding_box()
    assert box["height"] >= TARGET, box
    expect_no_horizontal_scroll(page, 375)
    shot(page, "switcher-375")
    other.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The same kind of page, in the other partnership.
    expect(page).to_have_url(f"{live_server.url}/vo-groningen/stages/")
    expect(toggle).to_have_text(re.compile(r"Onderwijsregio VO Groningen$"))

    # Someone in one partnership has no switcher.
    mentor = new_page()
    login(mentor, live_server, MENTOR)
    expect(mentor.get_by_role("heading", level=1)).to_be_visible()
    expect(mentor.get_by_role("navigation", name="Partnerschap")).to_have_count(0)
