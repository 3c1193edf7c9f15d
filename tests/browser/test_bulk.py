"""Browser: a coordinator ticks every school on the page at once and gives them a cohort."""

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from partnerships.models import School

from .conftest import login, shot

pytestmark = pytest.mark.django_db(transaction=True)


def test_select_all_then_one_bulk_action_sets_the_cohort_of_every_school(
    demo, live_server, new_page
):
    page = new_page()
    login(page, live_server, "coordinator@samen.example")
    page.goto(f"{live_server.url}/samen/organisatie/scholen/")
    page.get_by_label("Alle scholen op deze pagina selecteren").check()
    boxes = page.locator('input[name="bulk-school"]')
    expect(boxes).to_have_count(12)
    for i in range(12):
        expect(boxes.nth(i)).to_be_checked()
    bulk = page.locator("fieldset.bulk-actions")
    bulk.get_by_label("Actie").select_option("cohort")
    bulk.get_by_label("Cohort").select_option("3")
    shot(page, "all-selected")
    with page.expect_navigation():
        page.get_by_role("button", name="Toepassen op geselecteerde scholen").click()
    shot(page, "applied")
    with scopes_disabled():
        cohorts = set(
            School.objects.filter(partnership__slug="samen").values_list("cohort", flat=True)
        )
    assert cohorts == {3}
