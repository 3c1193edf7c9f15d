"""The placement lifecycle beyond its statuses: overstap, verlenging, VO's vakbegeleider and
coach, and the history that tells all of it."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from placements import services
from placements.models import Placement, PlacementEvent, PlacementStatus
from roles.access import access_for
from samen.errors import DomainError
from samen.permissions import OutOfReach
from tests import factories as f
from tests.fixtures import actor

# The fixture's placement runs 7 September 2026 – 29 January 2027; the move is in the past,
# so the running placement continues as a running one.
MOVE_ON = dt.date(2026, 11, 2)


def url(tenant, name, **kwargs):
    return reverse(name, kwargs={"partnership_slug": tenant.partnership.slug, **kwargs})


def running(tenant, status=PlacementStatus.LOPEND):
    """The tenant's placement, moved on to `status`."""
    with tenant.scope():
        p = tenant.placement
        for step in (
            PlacementStatus.VOORGESTELD,
            PlacementStatus.BEVESTIGD,
            PlacementStatus.LOPEND,
        ):
            if p.status == status:
                break
            p = services.transition(actor(tenant), p, step)
    return p


def person_with(tenant, role, *, school=None, name="Nieuw", user=False):
    """A person holding `role` (at `school`) this schooljaar; with `user`, an account too."""
    with scopes_disabled():
        account = f.UserFactory() if user else None
        person = f.PersonFactory(partnership=tenant.partnership, last_name=name, user=account)
        f.RoleAssignmentFactory(
            partnership=tenant.partnership, person=person, role=role, school=school
        )
    return person


@pytest.fixture
def elsewhere(samen):
    """Another school of the same board, with its own mentor."""
    with scopes_disabled():
        school = f.SchoolFactory(partnership=samen.partnership, board=samen.board, name="De Klimop")
    mentor = person_with(samen, "mentor", school=school, name="Klimopmentor", user=True)
    return school, mentor


def move(tenant, placement, school, mentor, *, who="coordinator", **overrides):
    kwargs = {"move_on": MOVE_ON, "reason": "Verhuisd naar Zwolle", **overrides}
    with tenant.scope():
        return services.overstap(
            actor(tenant, who) if isinstance(who, str) else who,
            placement,
            school=school,
            mentor=mentor,
            **kwargs,
        )


def counts(tenant):
    with scopes_disabled():
        return (
            Placement.objects.filter(partnership=tenant.partnership).count(),
            PlacementEvent.objects.filter(partnership=tenant.partnership).count(),
        )


# --- Overstap ----------------------------------------------------------------------------------


def test_an_overstap_ends_the_placement_the_day_before_and_continues_it_at_the_new_school(
    samen, elsewhere
):
    school, mentor = elsewhere
    old = running(samen)
    new = move(samen, old, school, mentor)
    with samen.scope():
        old.refresh_from_db()
        assert old.status == PlacementStatus.OVERGESTAPT
        assert old.ends_on == dt.date(2026, 11, 1)
        assert (new.school, new.mentor, new.student) == (school, mentor, samen.people["student"])
        assert (new.starts_on, new.ends_on) == (MOVE_ON, dt.date(2027, 1, 29))
        assert new.instituutsopleider == old.instituutsopleider
        assert new.previous == old and old.continued_in == new
        assert new.status == PlacementStatus.LOPEND
        # The continuation has forms of its own, on the same templates.
        assert new.forms.get(kind="start").response.status == "draft"
        left, came = old.events.latest("at"), new.events.get()
    for event in (left, came):
        assert event.kind == PlacementEvent.Kind.OVERSTAP
        assert event.by == samen.people["coordinator"] and event.reason == "Verhuisd naar Zwolle"
        assert event.details["from_school"] == samen.school.pk
        assert event.details["to_school"] == school.pk
        assert event.details["move_on"] == "2026-11-02"
    assert (left.from_status, left.to_status) == ("lopend", "overgestapt")
    assert left.details["old_ends_on"] == "2027-01-29" and left.details["next"] == new.pk
    assert came.details["previous"] == old.pk and came.details["mentor"] == mentor.pk


def test_an_overstap_may_end_on_a_new_date(samen, elsewhere):
    school, mentor = elsewhere
    new = move(samen, running(samen), school, mentor, ends_on=dt.date(2027, 2, 26))
    assert new.ends_on == dt.date(2027, 2, 26)


def test_an_overstap_needs_a_reason(samen, elsewhere):
    school, mentor = elsewhere
    placement, before = running(samen), counts(samen)
    for reason in ("", "   "):
        with pytest.raises(DomainError, match="Geef een reden op voor de overstap"):
            move(samen, placement, school, mentor, reason=reason)
    assert counts(samen) == before


@pytest.mark.parametrize(
    "move_on",
    [dt.date(2026, 9, 7), dt.date(2026, 8, 31), dt.date(2027, 1, 30), dt.date(2027, 6, 1)],
    ids=["its-first-day", "before", "after-its-last-day", "long-after"],
)
def test_a_move_date_outside_the_running_placement_is_refused(samen, elsewhere, move_on):
    school, mentor = elsewhere
    placement, before = running(samen), counts(samen)
    with pytest.raises(DomainError, match="De overstapdatum moet binnen de stage liggen"):
        move(samen, placement, school, mentor, move_on=move_on)
    assert counts(samen) == before
    with samen.scope():
        placement.refresh_from_db()
    assert (placement.status, placement.ends_on) == ("lopend", dt.date(2027, 1, 29))


def test_a_move_on_the_placements_last_day_is_inside_it(samen, elsewhere):
    school, mentor = elsewhere
    new = move(samen, running(samen), school, mentor, move_on=dt.date(2027, 1, 29))
    assert new.starts_on == new.ends_on == dt.date(2027, 1, 29)


def test_a_new_school_out_of_the_actors_reach_is_refused(samen):
    """A CoOP'er of one board moves a student of that board to another board's school."""
    with scopes_disabled():
        board = f.PartnerFactory(partnership=samen.partnership)
        foreign = f.SchoolFactory(partnership=samen.partnership, board=board)
        user = f.UserFactory()
        person = f.PersonFactory(partnership=samen.partnership, user=user)
        f.RoleAssignmentFactory(
            partnership=samen.partnership, person=person, role="cooper", partner=samen.board
        )
    mentor = person_with(samen, "mentor", school=foreign)
    placement, before = running(samen), counts(samen)
    with pytest.raises(OutOfReach):
        move(samen, placement, foreign, mentor, who=access_for(user, samen.partnership))
    assert counts(samen) == before
    with samen.scope():
        placement.refresh_from_db()
    assert placement.status == PlacementStatus.LOPEND


def test_a_new_mentor_who_does_not_work_at_the_new_school_is_refused(samen, elsewhere):
    school, _mentor = elsewhere
    placement, before = running(samen), counts(samen)
    with pytest.raises(DomainError, match="geen Mentor / werkplekbegeleider of Vakbegeleider op"):
        move(samen, placement, school, samen.people["mentor"])  # works at the old school
    assert counts(samen) == before


def test_the_same_school_is_no_overstap(samen):
    placement = running(samen)
    with pytest.raises(DomainError, match="Kies een andere school"):
        move(samen, placement, samen.school, samen.people["mentor"])


def test_an_overstap_into_the_students_next_placement_is_refused(samen, elsewhere):
    school, mentor = elsewhere
    placement = running(samen)
    with samen.scope():
        services.create_placement(
            actor(samen),
            student=samen.people["student"],
            school=samen.school,
            mentor=samen.people["mentor"],
            instituutsopleider=samen.people["io"],
            starts_on=dt.date(2027, 2, 1),
            ends_on=dt.date(2027, 6, 30),
        )
    before = counts(samen)
    with pytest.raises(DomainError, match="loopt in deze periode al stage op School Zonnebloem"):
        move(samen, placement, school, mentor, ends_on=dt.date(2027, 3, 1))
    assert counts(samen) == before


@pytest.mark.parametrize("status", ["concept", "voorgesteld"])
def test_only_a_confirmed_or_running_placement_moves(samen, elsewhere, status):
    school, mentor = elsewhere
    placement = running(samen, status)
    with pytest.raises(DomainError, match="Alleen een bevestigde of lopende stage"):
        move(samen, placement, school, mentor)


def test_a_confirmed_placement_that_moves_before_it_starts_stays_confirmed(samen, elsewhere):
    school, mentor = elsewhere
    with scopes_disabled():
        Placement.objects.filter(pk=samen.placement.pk).update(
            starts_on=dt.date(2027, 2, 1), ends_on=dt.date(2027, 6, 30)
        )
    placement = running(samen, PlacementStatus.BEVESTIGD)
    new = move(samen, placement, school, mentor, move_on=dt.date(2027, 3, 1))
    assert new.status == PlacementStatus.BEVESTIGD


def test_overgestapt_is_never_a_plain_status_change(samen, client_for):
    placement = running(samen)
    with samen.scope():
        assert PlacementStatus.OVERGESTAPT not in placement.allowed_transitions
        with pytest.raises(DomainError, match="legt u vast met ‘Overstap’"):
            services.transition(actor(samen), placement, PlacementStatus.OVERGESTAPT, "x")
    client = client_for(samen.users["coordinator"])
    page = client.get(url(samen, "placements:detail", pk=placement.pk)).content.decode()
    assert "Naar ‘Overgestapt’" not in page
    client.post(
        url(samen, "placements:transition", pk=placement.pk),
        {"status": "overgestapt", "confirm": "1", "reason": "x"},
    )
    with samen.scope():
        placement.refresh_from_db()
    assert placement.status == PlacementStatus.LOPEND


def test_a_moved_placement_is_final(samen, elsewhere):
    school, mentor = elsewhere
    old = running(samen)
    move(samen, old, school, mentor)
    with samen.scope(), pytest.raises(DomainError, match="kan niet naar"):
        services.transition(actor(samen), old, PlacementStatus.AFGEROND)
    with samen.scope(), pytest.raises(DomainError, match="Alleen een bevestigde of lopende"):
        services.extend(actor(samen), old, ends_on=dt.date(2027, 3, 1), reason="x")


def test_the_old_mentor_keeps_the_old_placement_and_its_form_and_never_reaches_the_new(
    samen, elsewhere, client_for
):
    school, mentor = elsewhere
    old = running(samen)
    new = move(samen, old, school, mentor)
    client = client_for(samen.users["mentor"])
    assert client.get(url(samen, "placements:detail", pk=old.pk)).status_code == 200
    assert (
        client.get(url(samen, "placementforms:detail", pk=old.pk, kind="start")).status_code == 200
    )
    assert client.get(url(samen, "placements:detail", pk=new.pk)).status_code == 404
    assert (
        client.get(url(samen, "placementforms:detail", pk=new.pk, kind="start")).status_code == 404
    )
    # The old placement's page names where the student went, without a link to it.
    page = client.get(url(samen, "placements:detail", pk=old.pk)).content.decode()
    assert "Overstap van School Zonnebloem naar De Klimop" in page
    assert url(samen, "placements:detail", pk=new.pk) not in page
    assert "Klimopmentor" not in page


def test_the_new_mentor_reaches_only_the_new_placement(samen, elsewhere, client_for):
    school, mentor = elsewhere
    old = running(samen)
    new = move(samen, old, school, mentor)
    client = client_for(mentor.user)
    assert client.get(url(samen, "placements:detail", pk=new.pk)).status_code == 200
    assert client.get(url(samen, "placements:detail", pk=old.pk)).status_code == 404
    assert (
        client.get(url(samen, "placementforms:detail", pk=old.pk, kind="start")).status_code == 404
    )


def test_the_overstap_events_are_append_only(samen, elsewhere):
    school, mentor = elsewhere
    old = running(samen)
    move(samen, old, school, mentor)
    with samen.scope():
        event = old.events.get(kind=PlacementEvent.Kind.OVERSTAP)
        event.reason = "Achteraf anders"
        event.details["to_school"] = samen.school.pk
        with pytest.raises(ValueError):
            event.save()
        with pytest.raises(ValueError):
            event.delete()
        event.refresh_from_db()
    assert event.reason == "Verhuisd naar Zwolle" and event.details["to_school"] == school.pk


# --- Verlenging -------------------------------------------------------------------------------


def extend(tenant, placement, ends_on, reason="Ziekte, drie weken gemist"):
    with tenant.scope():
        return services.extend(actor(tenant), placement, ends_on=ends_on, reason=reason)


def test_a_verlenging_moves_the_end_date_and_logs_the_old_and_the_new(samen):
    placement = extend(samen, running(samen), dt.date(2027, 2, 19))
    with samen.scope():
        placement.refresh_from_db()
        event = placement.events.latest("at")
    assert placement.ends_on == dt.date(2027, 2, 19)
    assert event.kind == PlacementEvent.Kind.VERLENGING
    assert event.details["old_ends_on"] == "2027-01-29"
    assert event.details["new_ends_on"] == "2027-02-19"
    assert event.reason == "Ziekte, drie weken gemist"
    assert event.by == samen.people["coordinator"]


def test_a_verlenging_needs_a_reason(samen):
    placement, before = running(samen), counts(samen)
    with pytest.raises(DomainError, match="Geef een reden op voor de verlenging"):
        extend(samen, placement, dt.date(2027, 2, 19), reason=" ")
    assert counts(samen) == before


def test_a_verlenging_must_end_later(samen):
    placement = running(samen)
    for ends_on in (dt.date(2027, 1, 29), dt.date(2026, 12, 1)):
        with pytest.raises(DomainError, match="moet na de huidige einddatum"):
            extend(samen, placement, ends_on)


def test_a_verlenging_into_the_students_next_placement_is_refused(samen):
    placement = running(samen)
    with samen.scope():
        services.create_placement(
            actor(samen),
            student=samen.people["student"],
            school=samen.school,
            mentor=samen.people["mentor"],
            instituutsopleider=samen.people["io"],
            starts_on=dt.date(2027, 2, 15),
            ends_on=dt.date(2027, 6, 30),
        )
    before = counts(samen)
    with pytest.raises(DomainError, match="begint op 15 februari 2027 aan de volgende stage"):
        extend(samen, placement, dt.date(2027, 2, 15))
    assert counts(samen) == before
    assert extend(samen, placement, dt.date(2027, 2, 14)).ends_on == dt.date(2027, 2, 14)


@pytest.mark.parametrize("status", ["concept", "voorgesteld"])
def test_only_a_confirmed_or_running_placement_is_extended(samen, status):
    placement = running(samen, status)
    with pytest.raises(DomainError, match="Alleen een bevestigde of lopende stage"):
        extend(samen, placement, dt.date(2027, 2, 19))


def test_a_verlenging_is_asked_to_confirm_and_shows_in_the_history(samen, client_for):
    placement = running(samen)
    client = client_for(samen.users["coordinator"])
    target = url(samen, "placements:extend", pk=placement.pk)
    data = {"ends_on": "2027-02-19", "reason": "Ziekte"}
    asked = client.post(target, data)
    assert asked.status_code == 200
    assert "Verlenging van de stage van" in asked.content.decode()
    with samen.scope():
        placement.refresh_from_db()
    assert placement.ends_on == dt.date(2027, 1, 29)  # nothing yet
    done = client.post(target, {**data, "confirm": "1"}, follow=True)
    page = done.content.decode()
    assert "De stage is verlengd." in page
    assert "Einddatum: 29 januari 2027 → 19 februari 2027" in page and "Ziekte" in page


def test_a_refused_verlenging_returns_to_the_form_with_the_reason(samen, client_for):
    placement = running(samen)
    client = client_for(samen.users["coordinator"])
    response = client.post(
        url(samen, "placements:extend", pk=placement.pk),
        {"ends_on": "2027-01-01", "reason": "Ziekte", "confirm": "1"},
    )
    assert response.status_code == 200
    assert "moet na de huidige einddatum" in response.content.decode()
    assert 'value="2027-01-01"' in response.content.decode()


# --- VO: vakbegeleider and coach -------------------------------------------------------------


def book_vo(tenant, *, mentor, coach, school=None):
    with tenant.scope():
        return services.create_placement(
            actor(tenant),
            student=tenant.people["student"],
            school=school or tenant.school,
            mentor=mentor,
            coach=coach,
            instituutsopleider=tenant.people["io"],
            starts_on=dt.date(2027, 2, 1),
            ends_on=dt.date(2027, 6, 30),
            group="Biologie",
        )


def test_a_vakbegeleider_and_a_coach_guide_a_vo_placement(samen):
    vak = person_with(samen, "vakbegeleider", school=samen.school, name="Vak")
    coach = person_with(samen, "coach", school=samen.school, name="Coach")
    placement = book_vo(samen, mentor=vak, coach=coach)
    assert (placement.mentor, placement.coach) == (vak, coach)
    assert placement.mentor_label == "Vakbegeleider"


def test_a_coach_without_the_coach_role_is_refused(samen):
    vak = person_with(samen, "vakbegeleider", school=samen.school, name="Vak")
    not_a_coach = person_with(samen, "mentor", school=samen.school, name="Geencoach")
    before = counts(samen)
    with pytest.raises(DomainError, match="is in 2026-2027 geen Coach op School Zonnebloem"):
        book_vo(samen, mentor=vak, coach=not_a_coach)
    assert counts(samen) == before


def test_a_coach_of_another_school_is_refused(samen, elsewhere):
    school, _mentor = elsewhere
    vak = person_with(samen, "vakbegeleider", school=samen.school, name="Vak")
    coach_there = person_with(samen, "coach", school=school, name="Elderscoach")
    with pytest.raises(DomainError, match="geen Coach op School Zonnebloem"):
        book_vo(samen, mentor=vak, coach=coach_there)


def test_a_mentor_without_mentor_or_vakbegeleider_role_is_refused(samen):
    coach = person_with(samen, "coach", school=samen.school, name="Coach")
    with pytest.raises(DomainError, match="geen Mentor / werkplekbegeleider of Vakbegeleider"):
        book_vo(samen, mentor=coach, coach=None)


def test_the_coach_is_not_the_vakbegeleider_too(samen):
    both = person_with(samen, "vakbegeleider", school=samen.school, name="Beide")
    with scopes_disabled():
        f.RoleAssignmentFactory(
            partnership=samen.partnership, person=both, role="coach", school=samen.school
        )
    with pytest.raises(DomainError, match="twee verschillende mensen"):
        book_vo(samen, mentor=both, coach=both)


def test_the_coach_reaches_the_placement_and_another_coach_does_not(samen, client_for):
    vak = person_with(samen, "vakbegeleider", school=samen.school, name="Vak", user=True)
    coach = person_with(samen, "coach", school=samen.school, name="Coach", user=True)
    other_coach = person_with(samen, "coach", school=samen.school, name="Ander", user=True)
    placement = book_vo(samen, mentor=vak, coach=coach)
    with scopes_disabled():
        placement.period = samen.period
        placement.save(update_fields=["period"])
        f.open_placement_form(placement)
    form = url(samen, "placementforms:detail", pk=placement.pk, kind="start")
    for person, expected in ((coach, 200), (vak, 200), (other_coach, 404)):
        client = client_for(person.user)
        assert client.get(url(samen, "placements:detail", pk=placement.pk)).status_code == expected
        assert client.get(form).status_code == expected
    with samen.scope():
        coach_access = access_for(coach.user, samen.partnership)
        vak_access = access_for(vak.user, samen.partnership)
        assert coach_access.can("placementform.edit", placement) is False
        assert vak_access.can("placementform.edit", placement) is True
    listed = client_for(coach.user).get(url(samen, "placements:list")).content.decode()
    assert "Vakbegeleider" in listed and str(vak) in listed


def test_the_coach_of_a_placement_is_changed_and_the_change_logged(samen, client_for):
    vak = person_with(samen, "vakbegeleider", school=samen.school, name="Vak")
    first = person_with(samen, "coach", school=samen.school, name="Eerste")
    second = person_with(samen, "coach", school=samen.school, name="Tweede")
    placement = book_vo(samen, mentor=vak, coach=first)
    client = client_for(samen.users["coordinator"])
    client.post(
        url(samen, "placements:coach", pk=placement.pk), {"coach": second.pk, "reason": "Ziek"}
    )
    with samen.scope():
        placement.refresh_from_db()
        event = placement.events.latest("at")
    assert placement.coach == second
    assert event.kind == "coach" and event.details == {"old": first.pk, "new": second.pk}
    page = client.get(url(samen, "placements:detail", pk=placement.pk)).content.decode()
    assert f"Coach: {first} → {second}" in page


# --- The history ------------------------------------------------------------------------------


def test_the_page_shows_the_chain_and_the_whole_story_on_both_placements(
    samen, elsewhere, client_for
):
    school, mentor = elsewhere
    old = running(samen)
    new = move(samen, old, school, mentor)
    extend(samen, new, dt.date(2027, 2, 12))
    client = client_for(samen.users["coordinator"])
    for placement, other in ((old, new), (new, old)):
        page = client.get(url(samen, "placements:detail", pk=placement.pk)).content.decode()
        assert "Stageverloop na overstap" in page
        assert url(samen, "placements:detail", pk=other.pk) in page  # the coordinator may open both
        assert page.count("Overstap van School Zonnebloem naar De Klimop") == 2  # both logs
        assert "Verhuisd naar Zwolle" in page
        assert "Einddatum: 29 januari 2027 → 1 november 2026" in page
        assert "Einddatum: 29 januari 2027 → 12 februari 2027" in page  # the verlenging
        assert "Bevestigd → Lopend" in page


def test_someone_outside_the_partnership_is_not_named_in_the_history(samen, client_for):
    """A platform administrator acts without being a person of the partnership."""
    with scopes_disabled():
        admin = f.UserFactory(is_superuser=True, first_name="Beheer", last_name="Geheim")
    with samen.scope():
        services.transition(access_for(admin, samen.partnership), samen.placement, "voorgesteld")
    page = client_for(samen.users["coordinator"]).get(
        url(samen, "placements:detail", pk=samen.placement.pk)
    )
    body = page.content.decode()
    assert "iemand buiten dit partnerschap" in body
    assert "Geheim" not in body and admin.email not in body


def test_the_overstap_page_asks_to_confirm_before_anything_changes(samen, elsewhere, client_for):
    school, mentor = elsewhere
    placement = running(samen)
    client = client_for(samen.users["coordinator"])
    target = url(samen, "placements:overstap", pk=placement.pk)
    data = {
        "school": school.pk,
        "mentor": mentor.pk,
        "move_on": "2026-11-02",
        "reason": "Verhuisd",
    }
    before = counts(samen)
    asked = client.post(target, data)
    assert asked.status_code == 200
    assert "Overstap van" in asked.content.decode() and "bevestigen" in asked.content.decode()
    assert counts(samen) == before
    back = client.post(target, {**data, "confirm": "1", "edit": "1"})
    assert back.status_code == 200 and counts(samen) == before
    assert 'name="move_on"' in back.content.decode()
    done = client.post(target, {**data, "confirm": "1"})
    with samen.scope():
        new = Placement.objects.get(previous=placement)
    assert done["Location"] == url(samen, "placements:detail", pk=new.pk)


def test_a_refused_overstap_keeps_the_form_and_says_why(samen, elsewhere, client_for):
    school, mentor = elsewhere
    placement = running(samen)
    client = client_for(samen.users["coordinator"])
    response = client.post(
        url(samen, "placements:overstap", pk=placement.pk),
        {
            "school": school.pk,
            "mentor": samen.people["mentor"].pk,
            "move_on": "2026-12-01",
            "reason": "Verhuisd",
            "confirm": "1",
        },
    )
    assert response.status_code == 200
    assert "geen Mentor / werkplekbegeleider of Vakbegeleider op De Klimop" in (
        response.content.decode()
    )


def test_the_coordinator_books_a_vakbegeleider_and_a_coach_through_the_form(samen, client_for):
    vak = person_with(samen, "vakbegeleider", school=samen.school, name="Vak")
    coach = person_with(samen, "coach", school=samen.school, name="Coach")
    client = client_for(samen.users["coordinator"])
    response = client.post(
        url(samen, "placements:create"),
        {
            "student": samen.people["student"].pk,
            "school": samen.school.pk,
            "group": "Biologie",
            "mentor": vak.pk,
            "coach": coach.pk,
            "instituutsopleider": samen.people["io"].pk,
            "starts_on": "2027-02-01",
            "ends_on": "2027-06-30",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "De stage is aangemaakt." in page
    assert "<dt>Vakbegeleider</dt>" in page and "<dt>Coach</dt>" in page
    with samen.scope():
        placement = Placement.objects.get(group="Biologie")
    assert (placement.mentor, placement.coach) == (vak, coach)
