"""The agenda-koppeling (ICS feed) as its readers rely on it (issue 18 §1, §2): every moment a
person takes part in or coordinates, each over its window, within the feed's window, with
links on the portal's address, and 304 for a calendar app that has this version already.

The moments are made by hand (not generated), on the kwaliteitscyclus's rows they would come
from: seed 000's netwerkbijeenkomst per board (schoolopleiders and schoolleiders), the
internal peer review and the evaluatiegesprek per school (schoolopleider, schoolleider,
mentors), and the stuurgroep's jaarplan for the partnership. The world's day is 2026-12-02,
so the feed holds 1 September 2026 to 31 July 2028 (SAMEN_AGENDA_MONTHS_BACK = 3).
"""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from icalendar import Calendar

from cycle import services
from cycle.models import CycleActivity, ReviewMoment
from notifications import services as notifications
from roles.models import Role, RoleAssignment
from samen import origin
from tests import factories as f
from tests.fixtures import actor

K = ReviewMoment.Kind
BASE = "https://samen.example.org"


def _activity(tenant, kind, participants, scope):
    return CycleActivity.objects.create(
        partnership=tenant.partnership,
        moment="jaarlijks",
        name=str(K(kind).label),
        goal="Doel",
        activity=f"Activiteit {kind}",
        kind=kind,
        participants=[str(r) for r in participants],
        scope=scope,
        month_from=9,
        month_to=6,
    )


def _moment(tenant, title, due_on, *, school=None, partner=None, activity=None, starts_on=None):
    return ReviewMoment.objects.create(
        partnership=tenant.partnership,
        school=school,
        partner=partner,
        kind=activity.kind if activity else K.OVERIG,
        cycle_activity=activity,
        schooljaar=due_on.year if due_on.month >= 8 else due_on.year - 1,
        title=title,
        starts_on=starts_on,
        due_on=due_on,
    )


@pytest.fixture
def world(samen):
    """SAMEN with a second board and its school, and one moment of each kind of place."""
    R = Role
    with scopes_disabled():
        samen.board2 = f.PartnerFactory(partnership=samen.partnership)
        samen.school2 = f.SchoolFactory(
            partnership=samen.partnership, board=samen.board2, name="De Kameleon"
        )
        netwerk = _activity(
            samen, K.NETWERKBIJEENKOMST, [R.SCHOOLOPLEIDER, R.SCHOOLLEIDER], "board"
        )
        peer = _activity(
            samen, K.PEERREVIEW_INTERN, [R.SCHOOLOPLEIDER, R.SCHOOLLEIDER, R.MENTOR], "school"
        )
        evaluatie = _activity(
            samen, K.EVALUATIEGESPREK, [R.SCHOOLOPLEIDER, R.SCHOOLLEIDER, R.MENTOR], "school"
        )
        jaarplan = _activity(samen, K.JAARPLAN, [R.STUURGROEP], "partnership")
        day = dt.date(2027, 3, 10)
        samen.moments = {
            "netwerk": _moment(
                samen, "Netwerkbijeenkomst", day, partner=samen.board, activity=netwerk
            ),
            "netwerk2": _moment(
                samen, "Netwerkbijeenkomst 2", day, partner=samen.board2, activity=netwerk
            ),
            "peer2": _moment(
                samen, "Peer review Kameleon", day, school=samen.school2, activity=peer
            ),
            "evaluatie2": _moment(
                samen, "Evaluatiegesprek Kameleon", day, school=samen.school2, activity=evaluatie
            ),
            "evaluatie": _moment(
                samen, "Evaluatiegesprek eigen school", day, school=samen.school, activity=evaluatie
            ),
            "jaarplan": _moment(samen, "Jaarplan", day, activity=jaarplan),
        }
    return samen


def _feed_url(client, tenant):
    """The person's feed address as the agenda page shows it: (the whole URL, its path)."""
    page = client.get(reverse("cycle:agenda", args=[tenant.partnership.slug])).content.decode()
    [url] = re.findall(r'value="([^"]+\.ics)"', page)
    return url, "/" + url.split("/", 3)[3]


def _feed(tenant, client, who, **headers):
    _url, path = _feed_url(client(tenant.users[who]), tenant)
    return path, _read(client(), path, **headers)


def _read(anonymous, path, **headers):
    response = anonymous.get(path, **headers)
    assert response.status_code == 200, response.status_code
    return {str(e["SUMMARY"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def _link(moment):
    return f'href="/samen-test/kwaliteit/momenten/{moment.pk}/"'


@pytest.fixture
def client(client_for):
    """client(user) logs in; client() is a calendar app, with nothing but the secret."""
    from django.test import Client

    return lambda user=None: client_for(user) if user else Client()


def test_the_projectcoordinator_gets_every_moment_of_the_partnership(world, client):
    _path, events = _feed(world, client, "coordinator")
    # The board's netwerkbijeenkomst, the other board's peer review and evaluatiegesprek:
    # the projectcoördinator coordinates the whole cycle, whoever takes part. Each is its own
    # event, or counted in its day's summary of its kind, whose link lists it.
    person, counted = client(world.users["coordinator"]), 0
    for event in events.values():
        if str(event["UID"]).startswith("reviewmoments-"):
            page = person.get("/" + str(event["URL"]).split("/", 3)[3]).content.decode()
            titles = {m.title for m in world.moments.values() if _link(m) in page}
            count = int(str(event["SUMMARY"]).rsplit(": ", 1)[1].split()[0])
            assert len(titles) == count
            counted += count
    own = {m.title for m in world.moments.values()} & set(events)
    assert "Jaarplan" in own  # the partnership's own: they take part
    assert len(own) + counted == len(world.moments)


def test_a_cooper_gets_what_their_board_holds_and_what_they_take_part_in(world, client):
    with scopes_disabled():
        user = f.UserFactory(email="cooper@samen.test")
        cooper = f.PersonFactory(partnership=world.partnership, user=user, email=user.email)
        f.RoleAssignmentFactory(
            partnership=world.partnership, person=cooper, role=Role.COOPER, partner=world.board2
        )
        f.RoleAssignmentFactory(
            partnership=world.partnership,
            person=cooper,
            role=Role.SCHOOLOPLEIDER,
            school=world.school,
        )
    path = _feed_url(client(user), world)[1]
    assert set(_read(client(), path)) == {
        "Netwerkbijeenkomst 2",  # coordinated: board 2's own
        "Peer review Kameleon",  # coordinated: a school of board 2
        "Evaluatiegesprek Kameleon",
        "Netwerkbijeenkomst",  # taken part in: the schoolopleider of a school of board 1
        "Evaluatiegesprek eigen school",
    }


def test_a_grouping_holds_its_schools_and_a_school_that_changes_board_moves_feeds(world, client):
    """A schoolopleider for a grouping (a cluster) gets its schools' moments; a CoOP'er's
    feed follows their board's schools: one that joins it is in the next poll, not a 304."""
    from partnerships.models import Grouping, School

    with scopes_disabled():
        cluster = Grouping.objects.create(
            partnership=world.partnership, kind="cluster", name="Cluster Oost"
        )
        also = Grouping.objects.create(
            partnership=world.partnership, kind="netwerk", name="Netwerk jonge kind"
        )
        cluster.schools.add(world.school2)
        also.schools.add(world.school2)
        user = f.UserFactory(email="cluster@samen.test")
        person = f.PersonFactory(partnership=world.partnership, user=user, email=user.email)
        for grouping in (cluster, also):  # two groupings that hold the same school
            f.RoleAssignmentFactory(
                partnership=world.partnership,
                person=person,
                role=Role.SCHOOLOPLEIDER,
                grouping=grouping,
            )
        f.RoleAssignmentFactory(
            partnership=world.partnership, person=person, role=Role.COOPER, partner=world.board
        )
    path = _feed_url(client(user), world)[1]
    app = client()
    first = app.get(path)
    moments = sorted(str(e["SUMMARY"]) for e in Calendar.from_ical(first.content).walk("VEVENT"))
    assert moments == [  # each once, though both groupings hold the school
        "Evaluatiegesprek Kameleon",  # taken part in: the groupings' school
        "Evaluatiegesprek eigen school",  # coordinated: a school of their board
        "Netwerkbijeenkomst",  # coordinated: their board's own
        "Peer review Kameleon",
    ]

    with scopes_disabled():
        School.objects.filter(pk=world.school2.pk).update(board=world.board)
        cluster.schools.clear()
        also.schools.clear()
    moved = app.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert moved.status_code == 200
    titles = {str(e["SUMMARY"]) for e in Calendar.from_ical(moved.content).walk("VEVENT")}
    # Now coordinated only: the peer review on its own, the two evaluatiegesprekken counted.
    assert {"Peer review Kameleon", "Jaarlijks evaluatiegesprek: 2 momenten"} <= titles


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("schoolopleider", {"Netwerkbijeenkomst", "Evaluatiegesprek eigen school"}),
        ("mentor", {"Evaluatiegesprek eigen school"}),
        ("stuurgroep", {"Jaarplan"}),
        ("student", set()),
    ],
)
def test_a_person_gets_only_what_they_take_part_in(world, client, who, expected):
    _path, events = _feed(world, client, who)
    moments = {t: e for t, e in events.items() if str(e["UID"]).startswith("reviewmoment-")}
    assert set(moments) == expected
    # Every link opens for them.
    person = client(world.users[who])
    for event in events.values():
        assert person.get("/" + str(event["URL"]).split("/", 3)[3]).status_code == 200


def test_an_unknown_secret_or_one_of_another_partnership_answers_404(world, other, client):
    theirs = _feed_url(client(other.users["coordinator"]), other)[1]
    token = theirs.rsplit("/", 1)[1].removesuffix(".ics")
    anonymous = client()
    assert (
        anonymous.get(reverse("cycle:feed", args=[world.partnership.slug, token])).status_code
        == 404
    )
    assert (
        anonymous.get(reverse("cycle:feed", args=[world.partnership.slug, "raden"])).status_code
        == 404
    )


def test_a_feed_stops_when_its_account_is_deactivated_or_its_roles_end(world, client):
    """The secret outlives no one: a deactivated account's feed, and that of someone who no
    longer holds a role in the partnership, answer 404 as an unknown secret does."""
    from django.contrib.auth import get_user_model

    coordinator = _feed(world, client, "coordinator")[0]
    schoolopleider = _feed(world, client, "schoolopleider")[0]
    anonymous = client()
    get_user_model().objects.filter(pk=world.users["coordinator"].pk).update(is_active=False)
    assert anonymous.get(coordinator).status_code == 404
    with scopes_disabled():
        RoleAssignment.objects.filter(person__user=world.users["schoolopleider"]).delete()
    assert anonymous.get(schoolopleider).status_code == 404


def test_a_moment_with_a_window_of_months_spans_its_window(world, client):
    with scopes_disabled():
        _moment(
            world,
            "Scan in het najaar",
            dt.date(2027, 1, 31),
            school=world.school,
            starts_on=dt.date(2026, 9, 1),
        )
    _path, events = _feed(world, client, "coordinator")
    scan = events["Scan in het najaar"]
    assert scan.decoded("DTSTART") == dt.date(2026, 9, 1)
    assert scan.decoded("DTEND") == dt.date(2027, 2, 1)  # all day: the day after the last


def test_the_feed_holds_a_window_from_some_months_back_to_the_end_of_next_schooljaar(
    world, client, settings
):
    with scopes_disabled():
        # The projectcoördinator since 2024-2025: last schooljaar's moments are theirs too.
        RoleAssignment.objects.filter(person=world.people["coordinator"]).update(
            schooljaar_from=2024
        )
        for title, due in [
            ("Vorig schooljaar", dt.date(2026, 6, 15)),
            ("Begin van dit schooljaar", dt.date(2026, 9, 15)),
            ("Eind van volgend schooljaar", dt.date(2028, 7, 1)),
            ("Over twee schooljaren", dt.date(2028, 9, 15)),
        ]:
            _moment(world, title, due, school=world.school)
    path, events = _feed(world, client, "coordinator")
    assert "Begin van dit schooljaar" in events and "Eind van volgend schooljaar" in events
    assert "Vorig schooljaar" not in events and "Over twee schooljaren" not in events

    settings.SAMEN_AGENDA_MONTHS_BACK = 12  # from 1 December 2025
    assert "Vorig schooljaar" in _read(client(), path)


def test_a_calendar_app_that_has_this_version_gets_304(world, client):
    path, _events = _feed(world, client, "coordinator")
    app = client()
    first = app.get(path)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]

    assert app.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    again = app.get(path, HTTP_IF_MODIFIED_SINCE=modified)
    assert again.status_code == 304 and again.content == b""
    assert app.get(path).content == first.content  # the same version, byte for byte

    with scopes_disabled():
        moment = world.moments["jaarplan"]
        moment.title = "Jaarplan, herzien"
        moment.save()
    changed = app.get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert b"Jaarplan\\, herzien" in changed.content


def _evaluaties(world, n, day, *, start=None, name="school"):
    """n schools of board 2, each with its evaluatiegesprek on `day` (from `start`)."""
    evaluatie = CycleActivity.objects.get(partnership=world.partnership, kind=K.EVALUATIEGESPREK)
    return [
        _moment(
            world,
            f"Evaluatiegesprek {name} {i}",
            day,
            school=f.SchoolFactory(partnership=world.partnership, board=world.board2),
            activity=evaluatie,
            starts_on=start,
        )
        for i in range(n)
    ]


def test_what_the_projectcoordinator_only_coordinates_is_counted_per_day_with_a_link(world, client):
    """Seed 000's evaluatiegesprek per school: twelve schools of board 2 on one day are one
    event of the projectcoördinator (who coordinates them, does not take part), counted, over
    their window, linking to that day's evaluatiegesprekken; one on another day stays itself
    (SAMEN_AGENDA_SUMMARY_ABOVE = 1), as does the only peer review of 10 March."""
    with scopes_disabled():
        many = _evaluaties(world, 12, dt.date(2027, 4, 20), start=dt.date(2027, 2, 1))
        few = _evaluaties(world, 1, dt.date(2027, 5, 11), name="mei")
    path, events = _feed(world, client, "coordinator")
    assert not {m.title for m in many} & set(events)
    summary = events["Jaarlijks evaluatiegesprek: 12 momenten"]
    assert summary.decoded("DTSTART") == dt.date(2027, 2, 1)
    assert summary.decoded("DTEND") == dt.date(2027, 4, 21)
    assert {m.title for m in few} | {"Jaarplan", "Peer review Kameleon"} <= set(events)
    assert events["Netwerkbijeenkomst: 2 momenten"]  # two boards' on 10 March
    # The link opens the list of exactly those twelve.
    person = client(world.users["coordinator"])
    page = person.get("/" + str(summary["URL"]).split("/", 3)[3])
    assert page.status_code == 200
    listed = {m.title for m in many + few if _link(m) in page.content.decode()}
    assert listed == {m.title for m in many}
    # A schoolopleider of one of those schools takes part: theirs is their own event.
    with scopes_disabled():
        so = world.people["schoolopleider"]
        RoleAssignment.objects.filter(person=so).update(school=many[0].school)
    own = _read(client(), _feed_url(client(world.users["schoolopleider"]), world)[1])
    assert many[0].title in own


def test_a_calendar_app_that_has_this_version_gets_304_without_the_feed_being_made(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with scopes_disabled():
        _evaluaties(world, 12, dt.date(2027, 4, 20))
    path, _events = _feed(world, client, "coordinator")
    app = client()
    etag = app.get(path)["ETag"]
    with CaptureQueriesContext(connection) as plain:
        app.get(reverse("cycle:feed", args=[world.partnership.slug, "raden"]))  # 404: auth only
    with CaptureQueriesContext(connection) as conditional:
        assert app.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    moments = [q["sql"] for q in conditional if '"cycle_reviewmoment"' in q["sql"]]
    assert len(moments) == 1 and "COUNT(" in moments[0].upper()  # one aggregate, no rows
    # Beyond finding the person: their assignments, that aggregate, their forms' rows.
    assert len(conditional) <= len(plain) + 3

    with scopes_disabled():
        moment = ReviewMoment.objects.filter(partnership=world.partnership).last()
        moment.due_on = dt.date(2027, 4, 21)
        moment.save()
    assert app.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_moment_marked_done_changes_the_feeds_version(world, client):
    path, _events = _feed(world, client, "coordinator")
    app = client()
    etag = app.get(path)["ETag"]
    with world.scope():
        services.mark_done(actor(world), world.moments["jaarplan"], note="Vastgesteld")
    changed = app.get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and b"Status: Afgerond" in changed.content


# --- Links on the portal's address ------------------------------------------------------


def _a_reminder_is_mailed(world):
    """Plans a moment a week ahead and lets the sweep mail its reminder; returns the moment."""
    with world.scope():
        moment = services.plan_review_moment(
            partnership=world.partnership,
            school=world.school,
            due_on=dt.date(2026, 12, 9),
            title="Evaluatiegesprek over een week",
        )
    assert notifications.send_due() >= 1
    return moment


def test_in_the_demo_the_feed_and_its_links_use_the_address_the_portal_is_reached_on(
    world, client, links_follow_request
):
    person = client(world.users["coordinator"])
    person.defaults["HTTP_HOST"] = "demo.example:8123"
    url, path = _feed_url(person, world)
    assert url.startswith("http://demo.example:8123/samen-test/kwaliteit/agenda/")
    app = client()
    app.defaults["HTTP_HOST"] = "demo.example:8123"
    for event in _read(app, path).values():
        assert str(event["URL"]).startswith(
            "http://demo.example:8123/samen-test/kwaliteit/momenten/"
        )


def test_in_the_demo_a_mail_sent_in_the_background_links_to_where_the_portal_was_reached(
    world, client, links_follow_request, smtp_server
):
    person = client(world.users["coordinator"])
    person.defaults["HTTP_HOST"] = "demo.example:8123"
    assert person.get(reverse("cycle:agenda", args=[world.partnership.slug])).status_code == 200
    origin.forget()  # the worker is another process: it reads what the web process recorded
    moment = _a_reminder_is_mailed(world)
    link = f"http://demo.example:8123/samen-test/kwaliteit/momenten/{moment.pk}/"
    assert all(link in m.body for m in smtp_server.inbox.received)


def test_in_production_feed_and_mail_links_use_the_configured_base_url(
    world, client, settings, smtp_server
):
    settings.SAMEN_BASE_URL = BASE
    settings.ALLOWED_HOSTS = ["elsewhere.example", "testserver"]
    person = client(world.users["coordinator"])
    person.defaults["HTTP_HOST"] = "elsewhere.example"  # a Host header is never trusted
    url, path = _feed_url(person, world)
    assert url.startswith(f"{BASE}/samen-test/kwaliteit/agenda/")
    for event in _read(client(), path).values():
        assert str(event["URL"]).startswith(f"{BASE}/samen-test/kwaliteit/momenten/")
    moment = _a_reminder_is_mailed(world)
    link = f"{BASE}/samen-test/kwaliteit/momenten/{moment.pk}/"
    assert all(link in m.body for m in smtp_server.inbox.received)
