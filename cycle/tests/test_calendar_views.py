"""The calendar's month and schooljaar views (issue 18 §1, §2): a moment with a window of
months is shown at its start, not only on its last day, and what no one reads at once is
counted, with a way in to the moments themselves. The world's day is 2026-12-02."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from cycle import selectors
from cycle.models import ReviewMoment


def _add(tenant, title, due_on, *, starts_on=None, kind="evaluatiegesprek", n=1):
    with scopes_disabled():
        ReviewMoment.objects.bulk_create(
            ReviewMoment(
                partnership=tenant.partnership,
                school=tenant.school,
                kind=kind,
                schooljaar=2026,
                title=f"{title} {i}" if n > 1 else title,
                starts_on=starts_on,
                due_on=due_on,
            )
            for i in range(n)
        )


def _page(client, name, *args):
    response = client.get(reverse(f"cycle:{name}", args=args))
    assert response.status_code == 200
    return response.content.decode()


def _section(page, month):
    """The part of the schooljaar page about `month` (yyyy-mm)."""
    match = re.search(rf'<section[^>]*aria-labelledby="month-{month}">(.*?)</section>', page, re.S)
    return match.group(1) if match else ""


@pytest.fixture
def coordinator(samen, client_for):
    return client_for(samen.users["coordinator"])


def test_a_moment_with_a_window_of_months_is_shown_at_its_start(samen, coordinator):
    _add(samen, "Scan Opleiden in de School", dt.date(2027, 1, 31), starts_on=dt.date(2026, 9, 7))
    slug = samen.partnership.slug

    september = _page(coordinator, "calendar_month", slug, 2026, 9)
    assert "Scan Opleiden in de School" in september
    assert "t/m 31 januari" in september
    assert "Scan Opleiden in de School" in _page(coordinator, "calendar_month", slug, 2027, 1)

    year = _page(coordinator, "calendar_year", slug, 2026)
    assert "Scan Opleiden in de School" in _section(year, "2026-09")
    assert "Scan Opleiden in de School" not in _section(year, "2027-01")


def test_a_day_with_more_moments_than_it_shows_counts_them_with_a_way_in(samen, coordinator):
    day = dt.date(2027, 3, 10)
    _add(samen, "Evaluatiegesprek", day, n=selectors.DAY_LIMIT + 7)
    _add(samen, "Panel Vlinder", dt.date(2027, 3, 11), kind="panelgesprek")
    slug = samen.partnership.slug

    page = _page(coordinator, "calendar_month", slug, 2027, 3)
    assert "Evaluatiegesprek 0" not in page  # not every moment of the day, but their number
    [link] = re.findall(r'href="([^"]*\?dag=2027-03-10)"', page)
    assert f"{selectors.DAY_LIMIT + 7} momenten" in page
    assert "Panel Vlinder" in page  # a quiet day still shows its moment

    listed = coordinator.get(link).content.decode()
    assert "Evaluatiegesprek 0" in listed and "Panel Vlinder" not in listed
    assert f"{selectors.DAY_LIMIT + 7} momenten" in listed


def test_a_month_of_the_schooljaar_with_many_moments_counts_them_per_kind(samen, coordinator):
    _add(samen, "Evaluatiegesprek", dt.date(2027, 3, 10), n=selectors.MONTH_LIMIT + 8)
    _add(samen, "Panelgesprek", dt.date(2027, 3, 12), kind="panelgesprek", n=2)
    _add(samen, "Jaarplan", dt.date(2027, 5, 1), kind="jaarplan")
    slug = samen.partnership.slug

    page = _page(coordinator, "calendar_year", slug, 2026)
    march = _section(page, "2027-03")
    assert "Evaluatiegesprek 0" not in march
    assert f"Jaarlijks evaluatiegesprek: {selectors.MONTH_LIMIT + 8}" in march
    assert "Panelgesprek: 2" in march
    assert "Jaarplan" in _section(page, "2027-05")  # a quiet month lists its moments
    [link] = re.findall(r'href="([^"]*soort=evaluatiegesprek[^"]*)"', march)

    listed = coordinator.get(link.replace("&amp;", "&")).content.decode()
    assert "Evaluatiegesprek 0" in listed and "Panelgesprek 0" not in listed
    assert f"{selectors.MONTH_LIMIT + 8} momenten" in listed


def test_a_month_filter_that_is_no_month_finds_nothing_and_is_no_error(samen, coordinator):
    _add(samen, "Evaluatiegesprek", dt.date(2027, 3, 10))
    url = reverse("cycle:moments", args=[samen.partnership.slug])
    response = coordinator.get(url, {"maand": "maart"})
    assert response.status_code == 200
    assert "Evaluatiegesprek" not in response.content.decode()
