"""Leergroepen: the students at one school in one period, led by the schoolopleider."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from placements import services
from placements.models import Leergroep, LeergroepMeeting, PlacementStatus
from samen.errors import DomainError
from samen.permissions import OutOfReach
from tests import factories as f
from tests.fixtures import actor


def url(tenant, name, **kwargs):
    return reverse(name, kwargs={"partnership_slug": tenant.partnership.slug, **kwargs})


def placed(tenant, *, school=None, starts_on=dt.date(2026, 9, 7), ends_on=dt.date(2027, 1, 29)):
    """Another student with a placement at `school` (default: the tenant's) then."""
    with scopes_disabled():
        return f.PlacementFactory(
            partnership=tenant.partnership,
            school=school or tenant.school,
            mentor=tenant.people["mentor"],
            starts_on=starts_on,
            ends_on=ends_on,
        )


@pytest.fixture
def period(samen):
    with scopes_disabled():
        return f.PlacementPeriodFactory(
            partnership=samen.partnership,
            institute=samen.institute,
            schooljaar=2026,
            starts_on=dt.date(2026, 9, 7),
            ends_on=dt.date(2027, 1, 29),
        )


def create(tenant, who="schoolopleider", **kwargs):
    data = {
        "school": tenant.school,
        "name": "Leergroep najaar",
        "leader": tenant.people["schoolopleider"],
        "schooljaar": 2026,
        **kwargs,
    }
    with tenant.scope():
        return services.create_leergroep(actor(tenant, who), **data)


def test_a_new_leergroep_holds_the_students_placed_at_the_school_then(samen, period):
    second = placed(samen)
    later = placed(samen, starts_on=dt.date(2027, 2, 1), ends_on=dt.date(2027, 6, 30))
    with scopes_disabled():
        other_school = f.SchoolFactory(partnership=samen.partnership, board=samen.board)
    placed(samen, school=other_school)
    broken = placed(samen)
    with scopes_disabled():
        broken.status = PlacementStatus.AFGEBROKEN
        broken.save()
    group = create(samen, period=period)
    with samen.scope():
        assert set(group.members.all()) == {samen.placement, second}
        assert group.schooljaar == 2026
    whole_year = create(samen)
    with samen.scope():
        assert set(whole_year.members.all()) == {samen.placement, second, later}


def test_the_leader_is_a_schoolopleider_of_that_school(samen):
    with pytest.raises(DomainError, match="geen Schoolopleider op School Zonnebloem"):
        create(samen, leader=samen.people["mentor"])
    with scopes_disabled():
        assert not Leergroep.objects.filter(name="Leergroep najaar").exists()


def test_a_schoolopleider_of_another_school_cannot_start_one_here(samen):
    with scopes_disabled():
        there = f.SchoolFactory(partnership=samen.partnership, board=samen.board)
        leader = f.PersonFactory(partnership=samen.partnership)
        f.RoleAssignmentFactory(
            partnership=samen.partnership, person=leader, role="schoolopleider", school=there
        )
    with pytest.raises(OutOfReach):
        create(samen, school=there, leader=leader)
    with scopes_disabled():
        assert not Leergroep.objects.filter(school=there).exists()


def test_members_are_chosen_among_the_placements_at_the_school(samen):
    group = create(samen)
    with scopes_disabled():
        elsewhere = f.SchoolFactory(partnership=samen.partnership, board=samen.board)
    stranger = placed(samen, school=elsewhere)
    with samen.scope():
        with pytest.raises(DomainError, match="Alleen aankomende leraren met een stage op deze"):
            services.update_leergroep(
                actor(samen, "schoolopleider"),
                group,
                name="X",
                leader=samen.people["schoolopleider"],
                members=[samen.placement, stranger],
            )
        group.refresh_from_db()
        assert group.name == "Leergroep najaar"
        assert list(group.members.all()) == [samen.placement]
        services.update_leergroep(
            actor(samen, "schoolopleider"),
            group,
            name="Leergroep Zonnebloem",
            leader=samen.people["schoolopleider"],
            members=[],
        )
        assert group.members.count() == 0


def test_only_members_attend_a_meeting(samen):
    outsider = placed(samen)  # at the school, but not in this leergroep
    group = samen.leergroep
    with samen.scope():
        meeting = LeergroepMeeting(
            leergroep=group,
            starts_at=dt.datetime(2026, 12, 3, 14, tzinfo=dt.UTC),
            topic="Intervisie",
        )
        with pytest.raises(DomainError, match="Alleen deelnemers"):
            services.save_meeting(actor(samen, "schoolopleider"), meeting, attendees=[outsider])
        services.save_meeting(actor(samen, "schoolopleider"), meeting, attendees=[samen.placement])
        assert list(meeting.attendees.all()) == [samen.placement]


def test_a_mentor_does_not_plan_meetings(samen):
    with samen.scope(), pytest.raises(OutOfReach):
        services.save_meeting(
            actor(samen, "mentor"),
            LeergroepMeeting(
                leergroep=samen.leergroep, starts_at=dt.datetime(2026, 12, 3, 14), topic="x"
            ),
        )


# --- Who sees what -----------------------------------------------------------------------------


def test_the_student_sees_her_own_leergroep_and_its_meetings_only(samen, client_for):
    with scopes_disabled():
        other_group = f.LeergroepFactory(
            partnership=samen.partnership, school=samen.school, name="Leergroep Anders"
        )
        other_group.members.add(placed(samen))
    client = client_for(samen.users["student"])
    page = client.get(url(samen, "placements:leergroep", pk=samen.leergroep.pk)).content.decode()
    assert "Intervisie Zonnebloem" in page and "Leergroep Zonnebloem" in page
    assert client.get(url(samen, "placements:leergroep", pk=other_group.pk)).status_code == 404
    listing = client.get(url(samen, "placements:leergroep_list")).content.decode()
    assert "Leergroep Zonnebloem" in listing and "Leergroep Anders" not in listing
    assert "Bijeenkomst toevoegen" not in page
    assert (
        client.get(url(samen, "placements:leergroep_edit", pk=samen.leergroep.pk)).status_code
        == 404
    )


def test_the_mentor_of_a_member_reads_the_leergroep(samen, client_for):
    client = client_for(samen.users["mentor"])
    assert client.get(url(samen, "placements:leergroep", pk=samen.leergroep.pk)).status_code == 200
    with scopes_disabled():
        samen.leergroep.members.clear()
    assert client.get(url(samen, "placements:leergroep", pk=samen.leergroep.pk)).status_code == 404


def test_the_instituutsopleider_does_not_read_the_leergroep(samen, client_for):
    client = client_for(samen.users["io"])
    assert client.get(url(samen, "placements:leergroep", pk=samen.leergroep.pk)).status_code == 404


def test_the_schoolopleider_creates_a_leergroep_and_plans_a_meeting(samen, client_for):
    client = client_for(samen.users["schoolopleider"])
    form = client.get(url(samen, "placements:leergroep_create"))
    assert form.status_code == 200
    response = client.post(
        url(samen, "placements:leergroep_create"),
        {
            "name": "Leergroep voorjaar",
            "school": samen.school.pk,
            "schooljaar": "2026",
            "leader": samen.people["schoolopleider"].pk,
        },
        follow=True,
    )
    assert "De leergroep is aangemaakt met 1 deelnemer" in response.content.decode()
    with samen.scope():
        group = Leergroep.objects.get(name="Leergroep voorjaar")
    response = client.post(
        url(samen, "placements:leergroep_meeting_create", pk=group.pk),
        {
            "starts_at": "2027-02-10T15:30",
            "topic": "Oudergesprekken voorbereiden",
            "notes": "Casus meenemen",
            "attendees": [samen.placement.pk],
        },
        follow=True,
    )
    page = response.content.decode()
    assert "De bijeenkomst is opgeslagen." in page
    assert "Oudergesprekken voorbereiden" in page and "Casus meenemen" in page
    with samen.scope():
        meeting = group.meetings.get()
        assert list(meeting.attendees.all()) == [samen.placement]


def test_a_refused_leergroep_form_says_why_and_saves_nothing(samen, client_for):
    """The coordinator picks a schoolopleider, but one of another school."""
    with scopes_disabled():
        there = f.SchoolFactory(partnership=samen.partnership, board=samen.board)
        leader = f.PersonFactory(partnership=samen.partnership)
        f.RoleAssignmentFactory(
            partnership=samen.partnership, person=leader, role="schoolopleider", school=there
        )
    client = client_for(samen.users["coordinator"])
    response = client.post(
        url(samen, "placements:leergroep_create"),
        {
            "name": "Zonder leider",
            "school": samen.school.pk,
            "schooljaar": "2026",
            "leader": leader.pk,
        },
    )
    assert response.status_code == 200
    assert "geen Schoolopleider op School Zonnebloem" in response.content.decode()
    with scopes_disabled():
        assert not Leergroep.objects.filter(name="Zonder leider").exists()


def test_the_dashboard_shows_the_students_leergroep(samen, client_for):
    dashboard = reverse("dashboard", kwargs={"partnership_slug": samen.partnership.slug})
    page = client_for(samen.users["student"]).get(dashboard).content.decode()
    assert "Leergroep Zonnebloem" in page
    assert "Volgende bijeenkomst" in page


def test_the_schoolopleider_picks_only_her_own_school_and_herself_as_leader(samen, client_for):
    with scopes_disabled():
        there = f.SchoolFactory(partnership=samen.partnership, board=samen.board, name="Elders")
        colleague = f.PersonFactory(partnership=samen.partnership, last_name="Collega")
        f.RoleAssignmentFactory(
            partnership=samen.partnership, person=colleague, role="schoolopleider", school=there
        )
    client = client_for(samen.users["schoolopleider"])

    def search(picker, text):
        path = reverse(
            "picker", kwargs={"partnership_slug": samen.partnership.slug, "picker": picker}
        )
        return client.get(path, {"picker_q": text}).content.decode()

    schools = search("leergroep-school", "School")
    assert "School Zonnebloem" in schools and "Elders" not in schools
    leaders = search("leergroep-leader", "Zonnebloem")
    assert samen.people["schoolopleider"].last_name in leaders
    assert "Collega" not in search("leergroep-leader", "Collega")
    # The coordinator finds every schoolopleider in reach.
    found = client_for(samen.users["coordinator"]).get(
        reverse(
            "picker",
            kwargs={"partnership_slug": samen.partnership.slug, "picker": "leergroep-leader"},
        ),
        {"picker_q": "Collega"},
    )
    assert "Collega" in found.content.decode()


def test_the_schoolopleider_chooses_the_members_from_the_placements_there(samen, client_for):
    second = placed(samen)
    client = client_for(samen.users["schoolopleider"])
    edit = url(samen, "placements:leergroep_edit", pk=samen.leergroep.pk)
    form = client.get(edit).content.decode()
    assert str(second.student) in form  # suggested: placed at the school in the schooljaar
    client.post(
        edit,
        {
            "name": "Leergroep Zonnebloem",
            "leader": samen.people["schoolopleider"].pk,
            "members": [second.pk],
        },
    )
    with samen.scope():
        assert list(samen.leergroep.members.all()) == [second]
