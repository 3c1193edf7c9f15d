"""Overlegstructuur: bodies, their members and meetings."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from network import services
from network.models import Body, BodyMembership, Meeting
from roles.models import Person
from samen.errors import DomainError
from tests import clock
from tests.fixtures import actor
from tests.queries import assert_same_queries, page_queries

pytestmark = pytest.mark.django_db

TODAY = clock.WORLD_DAY.date()  # the world's today: these are tests of the world


def make_body(t, name="Stuurgroep", kind=Body.Kind.STUURGROEP):
    with scopes_disabled():
        return Body.objects.create(partnership=t.partnership, kind=kind, name=name)


def url(t, name, **kwargs):
    return reverse(f"network:{name}", kwargs={"partnership_slug": t.partnership.slug, **kwargs})


# --- services ------------------------------------------------------------------------------


def test_a_person_cannot_be_a_current_member_of_the_same_body_twice(samen):
    body = make_body(samen)
    with samen.scope():
        services.add_member(actor(samen), body, samen.people["stuurgroep"], function="voorzitter")
        with pytest.raises(DomainError) as exc:
            services.add_member(actor(samen), body, samen.people["stuurgroep"])
        assert "is al lid van Stuurgroep" in exc.value.message
        assert BodyMembership.objects.filter(body=body).count() == 1


def test_a_former_member_may_join_the_same_body_again(samen):
    body = make_body(samen)
    with samen.scope():
        services.add_member(
            actor(samen),
            body,
            samen.people["stuurgroep"],
            since=dt.date(2020, 8, 1),
            until=TODAY - dt.timedelta(days=1),
        )
        services.add_member(actor(samen), body, samen.people["stuurgroep"], since=TODAY)
        assert BodyMembership.objects.filter(body=body).count() == 2


def test_a_membership_that_ends_today_still_counts_as_current(samen):
    body = make_body(samen)
    with samen.scope():
        services.add_member(actor(samen), body, samen.people["mentor"], until=TODAY)
        with pytest.raises(DomainError):
            services.add_member(actor(samen), body, samen.people["mentor"])


def test_a_person_of_another_partnership_cannot_join_a_body(samen, other):
    body = make_body(samen)
    with scopes_disabled(), pytest.raises(DomainError):
        services.add_member(actor(samen), body, other.people["stuurgroep"])


def test_ending_a_membership_keeps_the_person_as_former_member(samen):
    body = make_body(samen)
    with samen.scope():
        membership = services.add_member(
            actor(samen), body, samen.people["io"], since=dt.date(2024, 8, 1)
        )
        services.end_membership(actor(samen), membership, on=TODAY - dt.timedelta(days=1))
        membership.refresh_from_db()
        assert membership.until == TODAY - dt.timedelta(days=1)
        with pytest.raises(DomainError):
            services.end_membership(actor(samen), membership)  # already ended


def test_body_summary_counts_current_members_and_finds_the_next_meeting(samen):
    body = make_body(samen)
    now = timezone.now()
    with samen.scope():
        services.add_member(actor(samen), body, samen.people["stuurgroep"])
        services.add_member(actor(samen), body, samen.people["coordinator"])
        services.add_member(
            actor(samen), body, samen.people["io"], until=TODAY - dt.timedelta(days=3)
        )
        for days in (-10, 30, 5):
            Meeting.objects.create(
                partnership=samen.partnership, body=body, starts_at=now + dt.timedelta(days=days)
            )
        row = services.bodies_with_summary(Body.objects.all()).get(pk=body.pk)
    assert row.member_count == 2
    assert row.next_meeting.date() == (now + dt.timedelta(days=5)).date()


# --- views ---------------------------------------------------------------------------------


def test_a_mentor_sees_the_overlegstructuur_but_cannot_manage_it(samen, client_for):
    body = make_body(samen, name="Kenniskring Jonge kind", kind=Body.Kind.KENNISKRING)
    with samen.scope():
        services.add_member(actor(samen), body, samen.people["io"], function="voorzitter")
    client = client_for(samen.users["mentor"])
    listing = client.get(url(samen, "body_list"))
    assert listing.status_code == 200
    assert "Kenniskring Jonge kind" in listing.content.decode()
    assert "Nieuw overleg" not in listing.content.decode()
    detail = client.get(url(samen, "body_detail", pk=body.pk))
    assert detail.status_code == 200
    assert "Io Zonnebloemio" in detail.content.decode()
    assert "Lid toevoegen" not in detail.content.decode()
    assert client.get(url(samen, "body_create")).status_code == 404
    assert client.get(url(samen, "body_member_add", pk=body.pk)).status_code == 404
    assert client.get(url(samen, "meeting_create", pk=body.pk)).status_code == 404


def test_the_stuurgroep_cannot_manage_bodies(samen, client_for):
    body = make_body(samen)
    client = client_for(samen.users["stuurgroep"])
    assert client.get(url(samen, "body_edit", pk=body.pk)).status_code == 404


def test_coordinator_creates_a_body_and_adds_a_member_and_a_meeting(samen, client_for):
    client = client_for(samen.users["coordinator"])
    response = client.post(
        url(samen, "body_create"),
        {"kind": "projectgroep", "name": "Projectgroep SAMEN", "description": ""},
    )
    assert response.status_code == 302
    with samen.scope():
        body = Body.objects.get(name="Projectgroep SAMEN")
    response = client.post(
        url(samen, "body_member_add", pk=body.pk),
        {"person": samen.people["projectgroep"].pk, "function": "voorzitter", "since": ""},
    )
    assert response.status_code == 302
    response = client.post(
        url(samen, "meeting_create", pk=body.pk),
        {"starts_at": "2030-03-04T15:30", "location": "Lelystad", "notes": ""},
    )
    assert response.status_code == 302
    with samen.scope():
        assert body.memberships.get().function == "voorzitter"
        meeting = body.meetings.get()
    assert timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M") == "2030-03-04 15:30"
    page = client.get(url(samen, "body_detail", pk=body.pk)).content.decode()
    assert "Zonnebloemprojectgroep" in page
    assert "4 maart 2030" in page


def test_adding_a_current_member_twice_shows_a_dutch_message(samen, client_for):
    body = make_body(samen)
    with samen.scope():
        services.add_member(actor(samen), body, samen.people["stuurgroep"])
    client = client_for(samen.users["coordinator"])
    response = client.post(
        url(samen, "body_member_add", pk=body.pk), {"person": samen.people["stuurgroep"].pk}
    )
    assert response.status_code == 200
    assert "is al lid van Stuurgroep" in response.content.decode()


def test_a_member_from_another_partnership_cannot_be_chosen(samen, other, client_for):
    body = make_body(samen)
    client = client_for(samen.users["coordinator"])
    response = client.post(
        url(samen, "body_member_add", pk=body.pk), {"person": other.people["stuurgroep"].pk}
    )
    assert response.status_code == 200
    with scopes_disabled():
        assert not BodyMembership.objects.exists()


def test_current_members_are_listed_before_former_members(samen, client_for):
    body = make_body(samen)
    with scopes_disabled():
        BodyMembership.objects.create(
            partnership=samen.partnership,
            body=body,
            person=samen.people["coordinator"],
            until=TODAY - dt.timedelta(days=30),
        )
        BodyMembership.objects.create(
            partnership=samen.partnership, body=body, person=samen.people["stuurgroep"]
        )
    page = client_for(samen.users["mentor"]).get(url(samen, "body_detail", pk=body.pk))
    html = page.content.decode()
    assert html.index("Zonnebloemstuurgroep") < html.index("Zonnebloemcoordinator")
    assert "oud-lid" in html


def test_ending_and_removing_a_membership(samen, client_for):
    body = make_body(samen)
    with samen.scope():
        first = services.add_member(actor(samen), body, samen.people["stuurgroep"])
        second = services.add_member(actor(samen), body, samen.people["io"])
    client = client_for(samen.users["coordinator"])
    end = url(samen, "body_member_end", pk=body.pk, membership_pk=first.pk)
    remove = url(samen, "body_member_remove", pk=body.pk, membership_pk=second.pk)
    # The buttons on the body's page ask first; only the confirmation changes anything.
    assert "beëindigen?" in client.post(end).content.decode()
    assert "verwijderen?" in client.post(remove).content.decode()
    with samen.scope():
        first.refresh_from_db()
        assert first.until is None
    client.post(end, {"confirm": "1"})
    client.post(remove, {"confirm": "1"})
    with samen.scope():
        first.refresh_from_db()
        assert first.until == timezone.localdate()
        assert not BodyMembership.objects.filter(pk=second.pk).exists()


def test_a_membership_of_another_body_cannot_be_ended_through_this_body(samen, client_for):
    body, other_body = make_body(samen), make_body(samen, name="Projectgroep")
    with samen.scope():
        membership = services.add_member(actor(samen), other_body, samen.people["io"])
    client = client_for(samen.users["coordinator"])
    response = client.post(url(samen, "body_member_end", pk=body.pk, membership_pk=membership.pk))
    assert response.status_code == 404


# --- query counts --------------------------------------------------------------------------


def _add_bodies(t, n, people):
    now = timezone.now()
    with scopes_disabled():
        bodies = Body.objects.bulk_create(
            Body(partnership=t.partnership, kind=Body.Kind.KENNISKRING, name=f"Kring {i}")
            for i in range(n)
        )
        BodyMembership.objects.bulk_create(
            BodyMembership(partnership=t.partnership, body=b, person=p)
            for b in bodies
            for p in people
        )
        Meeting.objects.bulk_create(
            Meeting(partnership=t.partnership, body=b, starts_at=now + dt.timedelta(days=d))
            for b in bodies
            for d in (-3, 4)
        )


def test_the_body_list_needs_the_same_number_of_queries_for_10_and_1000_bodies(samen, client_for):
    client = client_for(samen.users["mentor"])
    with scopes_disabled():
        people = list(Person.objects.filter(partnership=samen.partnership)[:3])
    _add_bodies(samen, 10, people)
    page_queries(client, url(samen, "body_list"))  # warm caches (sessions, content types)
    few = page_queries(client, url(samen, "body_list"))
    _add_bodies(samen, 990, people)
    many = page_queries(client, url(samen, "body_list"))
    print(f"\nbody list queries: 10 bodies={len(few)}, 1000 bodies={len(many)}")
    assert_same_queries(few, many)


def test_the_body_detail_needs_the_same_number_of_queries_for_few_and_many_members(
    samen, client_for
):
    body = make_body(samen)
    client = client_for(samen.users["coordinator"])
    with scopes_disabled():
        people = Person.objects.bulk_create(
            Person(partnership=samen.partnership, first_name="Lid", last_name=f"N{i}")
            for i in range(200)
        )
        BodyMembership.objects.bulk_create(
            BodyMembership(partnership=samen.partnership, body=body, person=p) for p in people[:5]
        )
    path = url(samen, "body_detail", pk=body.pk)
    page_queries(client, path)  # warm caches (sessions, content types)
    few = page_queries(client, path)
    with scopes_disabled():
        BodyMembership.objects.bulk_create(
            BodyMembership(partnership=samen.partnership, body=body, person=p) for p in people[5:]
        )
    many = page_queries(client, url(samen, "body_detail", pk=body.pk))
    assert_same_queries(few, many)
