"""Placements: the lifecycle rules, the coordinator's pages and the mentor's startgesprek."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from placements import services
from placements.models import Placement, PlacementStatus
from samen.errors import DomainError
from tests import factories as f
from tests.fixtures import actor
from tests.queries import assert_same_queries, page_queries


def url(tenant, name, **kwargs):
    return reverse(name, kwargs={"partnership_slug": tenant.partnership.slug, **kwargs})


# --- services --------------------------------------------------------------------------


def test_lifecycle_allows_only_the_listed_transitions(samen):
    with samen.scope():
        p = samen.placement
        services.transition(actor(samen), p, PlacementStatus.VOORGESTELD)
        services.transition(actor(samen), p, PlacementStatus.BEVESTIGD)
        with pytest.raises(DomainError, match="kan niet naar"):
            services.transition(actor(samen), p, PlacementStatus.CONCEPT)
        services.transition(actor(samen), p, PlacementStatus.LOPEND)
        # Afgerond needs the signed eindbeoordeling, or a coordinator's override with a reason.
        with pytest.raises(DomainError, match="eindbeoordeling"):
            services.transition(actor(samen), p, PlacementStatus.AFGEROND)
        services.transition(
            actor(samen), p, PlacementStatus.AFGEROND, reason="Elders beoordeeld", override=True
        )
        with pytest.raises(DomainError):
            services.transition(actor(samen), p, PlacementStatus.LOPEND)
        p.refresh_from_db()
        assert p.status == PlacementStatus.AFGEROND


def test_placement_needs_people_in_the_right_roles(samen):
    with samen.scope():
        with pytest.raises(DomainError, match="geen rol als"):
            services.create_placement(
                actor(samen),
                student=samen.people["mentor"],
                school=samen.school,
                mentor=samen.people["mentor"],
                instituutsopleider=samen.people["io"],
                starts_on=dt.date(2026, 9, 1),
                ends_on=dt.date(2027, 1, 31),
            )
        assert Placement.objects.count() == 1


# --- coordinator ---------------------------------------------------------------------------


def test_coordinator_creates_a_placement_whose_forms_wait_for_confirmation(client_for, samen):
    client = client_for(samen.users["coordinator"])
    response = client.post(
        url(samen, "placements:create"),
        {
            "student": samen.people["student"].pk,
            "school": samen.school.pk,
            "group": "groep 7",
            "mentor": samen.people["mentor"].pk,
            "instituutsopleider": samen.people["io"].pk,
            "starts_on": "2027-02-01",
            "ends_on": "2027-06-30",
        },
    )
    assert response.status_code == 302
    with samen.scope():
        placement = Placement.objects.get(group="groep 7")
        assert placement.status == PlacementStatus.CONCEPT
        assert not placement.forms.exists()  # opened when it is confirmed
    assert response["Location"] == url(samen, "placements:detail", pk=placement.pk)


def test_bad_dates_are_refused_in_dutch_and_nothing_is_saved(client_for, samen):
    client = client_for(samen.users["coordinator"])
    response = client.post(
        url(samen, "placements:create"),
        {
            "student": samen.people["student"].pk,
            "school": samen.school.pk,
            "mentor": samen.people["mentor"].pk,
            "instituutsopleider": samen.people["io"].pk,
            "starts_on": "2027-01-29",
            "ends_on": "2026-09-07",
        },
    )
    assert response.status_code == 200
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()
    with samen.scope():
        assert Placement.objects.count() == 1


def test_form_offers_only_this_partnerships_people(client_for, samen, other):
    client = client_for(samen.users["coordinator"])
    # The form searches its mentors (samen.pickers) rather than listing them.
    picker = reverse(
        "picker", kwargs={"partnership_slug": samen.partnership.slug, "picker": "placement-mentor"}
    )
    body = client.get(picker, {"picker_q": "Mentor"}).content.decode()
    assert samen.people["mentor"].last_name in body
    assert other.people["mentor"].last_name not in body
    # …and a forged id from the other partnership is refused.
    response = client.post(
        url(samen, "placements:create"),
        {
            "student": samen.people["student"].pk,
            "school": samen.school.pk,
            "mentor": other.people["mentor"].pk,
            "instituutsopleider": samen.people["io"].pk,
            "starts_on": "2027-02-01",
            "ends_on": "2027-06-30",
        },
    )
    assert response.status_code == 200
    with samen.scope():
        assert Placement.objects.count() == 1


def test_invalid_transition_shows_a_dutch_message(client_for, samen):
    client = client_for(samen.users["coordinator"])
    response = client.post(
        url(samen, "placements:transition", pk=samen.placement.pk),
        {"status": "afgerond"},
        follow=True,
    )
    assert "kan niet naar" in response.content.decode()
    with samen.scope():
        samen.placement.refresh_from_db()
    assert samen.placement.status == PlacementStatus.CONCEPT


def test_list_search_narrows_the_rows(client_for, samen):
    client = client_for(samen.users["coordinator"])
    hit = client.get(url(samen, "placements:list"), {"q": samen.people["student"].last_name})
    miss = client.get(url(samen, "placements:list"), {"q": "Onvindbaar"})
    assert samen.people["student"].last_name in hit.content.decode()
    assert samen.people["student"].last_name not in miss.content.decode()
    assert "Geen stages gevonden." in miss.content.decode()


# --- mentor -----------------------------------------------------------------------------


def test_mentor_cannot_open_another_mentors_student(client_for, samen):
    with scopes_disabled():
        foreign = f.PlacementFactory(partnership=samen.partnership, school=samen.school)
    client = client_for(samen.users["mentor"])
    assert client.get(url(samen, "placements:detail", pk=foreign.pk)).status_code == 404
    assert (
        client.get(url(samen, "placementforms:detail", pk=foreign.pk, kind="start")).status_code
        == 404
    )
    listing = client.get(url(samen, "placements:list")).content.decode()
    assert foreign.student.last_name not in listing


# --- query counts ------------------------------------------------------------------------


def add_placements(tenant, n):
    with scopes_disabled():
        for _ in range(n):
            f.PlacementFactory(
                partnership=tenant.partnership, school=tenant.school, mentor=tenant.people["mentor"]
            )


@pytest.mark.parametrize("who", ["coordinator", "mentor", "schoolopleider"])
def test_placement_list_queries_do_not_grow_with_rows(client_for, samen, who):
    client = client_for(samen.users[who])
    add_placements(samen, 9)  # 10 rows
    page_queries(client, url(samen, "placements:list"))  # warm caches (sessions, content types)
    few = page_queries(client, url(samen, "placements:list"))
    add_placements(samen, 990)  # 1,000 rows (twenty pages of 50)
    many = page_queries(client, url(samen, "placements:list"))
    assert_same_queries(few, many)
    assert len(many) <= 12


def test_dashboard_queries_do_not_grow_with_rows(client_for, samen):
    client = client_for(samen.users["mentor"])
    dashboard = reverse("dashboard", kwargs={"partnership_slug": samen.partnership.slug})
    add_placements(samen, 9)
    page_queries(client, dashboard)  # warm caches (sessions, content types)
    few = page_queries(client, dashboard)
    add_placements(samen, 990)
    assert_same_queries(few, page_queries(client, dashboard))


def test_next_page_link_keeps_the_search(client_for, samen):
    add_placements(samen, 60)
    client = client_for(samen.users["coordinator"])
    body = client.get(url(samen, "placements:list"), {"status": "concept"}).content.decode()
    assert "Pagina 1 van 2" in body
    assert "?status=concept&amp;pagina=2" in body


# --- The event log --------------------------------------------------------------------------


def test_every_move_is_logged_with_who_why_and_when(samen, client_for):
    from placements.models import PlacementEvent

    client = client_for(samen.users["coordinator"])
    p = samen.placement
    client.post(
        url(samen, "placements:transition", pk=p.pk), {"status": "voorgesteld", "reason": "Past"}
    )
    with scopes_disabled():
        event = PlacementEvent.objects.filter(placement=p).latest("at")
    assert (event.kind, event.from_status, event.to_status) == ("status", "concept", "voorgesteld")
    assert event.by == samen.people["coordinator"] and event.reason == "Past"
    page = client.get(url(samen, "placements:detail", pk=p.pk)).content.decode()
    assert "Concept → Voorgesteld" in page and "Past" in page


def test_breaking_a_placement_off_asks_for_confirmation_and_a_reason(samen, client_for):
    client = client_for(samen.users["coordinator"])
    p = samen.placement
    target = url(samen, "placements:transition", pk=p.pk)
    asked = client.post(target, {"status": "afgebroken"})
    assert asked.status_code == 200 and "Stage naar ‘Afgebroken’?" in asked.content.decode()
    without_reason = client.post(target, {"status": "afgebroken", "confirm": "1"})
    assert "Geef een reden op" in without_reason.content.decode()
    with scopes_disabled():
        p.refresh_from_db()
    assert p.status == PlacementStatus.CONCEPT
    client.post(target, {"status": "afgebroken", "confirm": "1", "reason": "Ziek"})
    with scopes_disabled():
        p.refresh_from_db()
        assert p.status == PlacementStatus.AFGEBROKEN
        assert p.events.latest("at").reason == "Ziek"


def test_the_event_log_is_append_only(samen):
    from placements.models import PlacementEvent

    with samen.scope():
        services.transition(actor(samen), samen.placement, PlacementStatus.VOORGESTELD)
        event = PlacementEvent.objects.filter(placement=samen.placement).latest("at")
        event.reason = "Achteraf anders"
        with pytest.raises(ValueError):
            event.save()
        with pytest.raises(ValueError):
            event.delete()


def _book(tenant, starts_on, ends_on):
    return services.create_placement(
        actor(tenant),
        student=tenant.people["student"],
        school=tenant.school,
        mentor=tenant.people["mentor"],
        instituutsopleider=tenant.people["io"],
        starts_on=starts_on,
        ends_on=ends_on,
    )


def test_a_student_is_not_booked_twice_over_her_running_placement(samen):
    """The fixture's placement runs 7 Sept 2026 – 29 Jan 2027: any day of it is taken."""
    with samen.scope():
        for starts_on, ends_on in [
            (dt.date(2026, 9, 7), dt.date(2027, 1, 29)),  # the same period
            (dt.date(2026, 11, 1), dt.date(2026, 11, 30)),  # inside it
            (dt.date(2027, 1, 29), dt.date(2027, 6, 30)),  # sharing its last day
            (dt.date(2026, 8, 1), dt.date(2026, 9, 7)),  # sharing its first day
        ]:
            with pytest.raises(DomainError, match="loopt in deze periode al stage op School"):
                _book(samen, starts_on, ends_on)
        assert Placement.objects.count() == 1


def test_the_next_period_and_a_broken_off_placements_days_are_free(samen):
    with samen.scope():
        after = _book(samen, dt.date(2027, 2, 1), dt.date(2027, 6, 30))
        assert after.pk
        services.transition(actor(samen), after, PlacementStatus.AFGEBROKEN, reason="ziek")
        again = _book(samen, dt.date(2027, 2, 1), dt.date(2027, 6, 30))
        assert again.pk != after.pk
        assert Placement.objects.count() == 3
