"""Capacity, placement requests and the matching board: what a school offers, what a student
asks for, and assigning one to the other — each refusal said in Dutch, nothing saved."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from matching import board, selectors
from matching import services as matching
from matching.models import Capacity, PlacementRequest, RequestStatus
from matching.services import PlaceRow
from placements.models import Placement, PlacementStatus
from roles.access import access_for
from samen.errors import DomainError
from samen.permissions import OutOfReach
from samen.uploads import read_upload
from tests import factories as f
from tests.background import run_jobs
from tests.fixtures import actor


def url(tenant, name, **kwargs):
    return reverse(name, kwargs={"partnership_slug": tenant.partnership.slug, **kwargs})


def person_with(tenant, role, *, school=None, partner=None, name="Nieuw", user=False):
    with scopes_disabled():
        account = f.UserFactory() if user else None
        person = f.PersonFactory(partnership=tenant.partnership, last_name=name, user=account)
        f.RoleAssignmentFactory(
            partnership=tenant.partnership,
            person=person,
            role=role,
            school=school,
            partner=partner,
        )
    return person


def student(tenant, name="Student"):
    return person_with(tenant, "student", partner=tenant.institute, name=name)


def offer(tenant, *, places=(("groep 5", 1, False),), mentors=None, school=None):
    """The tenant's capacity (school × period) set to `places` and `mentors` ((person, n))."""
    school = school or tenant.school
    with tenant.scope():
        capacity = (
            tenant.capacity
            if school == tenant.school
            else matching.open_capacity(actor(tenant), school=school, period=tenant.period)
        )
        return matching.save_capacity(
            actor(tenant),
            capacity,
            places=[PlaceRow(g, n, duo) for g, n, duo in places],
            mentors=mentors if mentors is not None else [(tenant.people["mentor"], 2)],
        )


def ask(tenant, who, **fields):
    with tenant.scope():
        return matching.create_request(actor(tenant), student=who, period=tenant.period, **fields)


def assign(tenant, request, *, who="coordinator", school=None, mentor=None, **kwargs):
    with tenant.scope():
        return matching.assign(
            actor(tenant, who) if isinstance(who, str) else who,
            request,
            school=school or tenant.school,
            mentor=mentor or tenant.people["mentor"],
            instituutsopleider=tenant.people["io"],
            **kwargs,
        )


def placements_of(tenant):
    with scopes_disabled():
        return Placement.objects.filter(partnership=tenant.partnership).count()


# --- Capacity ---------------------------------------------------------------------------------


def test_a_schoolopleider_enters_capacity_for_their_own_school(samen):
    with samen.scope():
        matching.save_capacity(
            actor(samen, "schoolopleider"),
            samen.capacity,
            places=[PlaceRow("groep 3/4", 2, True, False), PlaceRow("groep 7", 1, False, True)],
            mentors=[(samen.people["mentor"], 2)],
        )
        capacity = Capacity.objects.get(pk=samen.capacity.pk)
        assert [(p.group, p.places, p.duo_possible) for p in capacity.places.all()] == [
            ("groep 3/4", 2, True),
            ("groep 7", 1, False),
        ]
        assert [(m.person, m.places) for m in capacity.mentors.all()] == [
            (samen.people["mentor"], 2)
        ]


def test_a_schoolopleider_cannot_open_capacity_at_another_school(samen):
    with scopes_disabled():
        other_school = f.SchoolFactory(partnership=samen.partnership, board=samen.board)
    with samen.scope(), pytest.raises(OutOfReach):
        matching.open_capacity(
            actor(samen, "schoolopleider"), school=other_school, period=samen.period
        )
    with scopes_disabled():
        assert not Capacity.objects.filter(school=other_school).exists()


def test_only_an_active_opleidingsschool_offers_places(samen):
    with scopes_disabled():
        school = f.SchoolFactory(
            partnership=samen.partnership, board=samen.board, training_status="verkennend"
        )
    with samen.scope(), pytest.raises(DomainError, match="geen actieve opleidingsschool"):
        matching.open_capacity(actor(samen), school=school, period=samen.period)


def test_a_mentor_of_another_school_is_not_offered(samen):
    with scopes_disabled():
        other_school = f.SchoolFactory(partnership=samen.partnership, board=samen.board)
    stranger = person_with(samen, "mentor", school=other_school, name="Elders")
    with samen.scope(), pytest.raises(DomainError, match="geen Mentor"):
        matching.save_capacity(
            actor(samen), samen.capacity, places=[PlaceRow("groep 5", 1)], mentors=[(stranger, 1)]
        )


def test_capacity_cannot_shrink_below_what_is_given(samen):
    offer(samen, places=(("groep 5", 2, False),))
    assign(samen, ask(samen, student(samen)), group="groep 5")
    with samen.scope(), pytest.raises(DomainError, match="al 1 plaats vergeven"):
        matching.save_capacity(actor(samen), samen.capacity, places=[], mentors=[])


def test_capacity_counts_places_and_a_duo_as_one(samen):
    offer(samen, places=(("groep 5", 2, True),))
    first = assign(samen, ask(samen, student(samen, "Een")), group="groep 5")
    assign(samen, ask(samen, student(samen, "Twee")), duo_with=first)
    with samen.scope():
        used = selectors.usage(samen.period, samen.school)
        row = selectors.capacities_with_counts(Capacity.objects.filter(pk=samen.capacity.pk))[0]
    assert (used.places, used.students) == (1, 2)
    assert (row.total, row.used) == (2, 1)


# --- Requests ---------------------------------------------------------------------------------


def test_a_student_asks_for_a_place_herself_and_sees_only_her_own(samen, client):
    client.force_login(samen.users["student"])
    with samen.scope():
        PlacementRequest.objects.filter(pk=samen.placement_request.pk).update(status="withdrawn")
    response = client.post(
        url(samen, "matching:request_create"),
        {"period": samen.period.pk, "subject": "groep 5/6", "learning_wishes": "Rekenen"},
    )
    assert response.status_code == 302
    with samen.scope():
        mine = PlacementRequest.objects.get(student=samen.people["student"], status="open")
    assert mine.subject == "groep 5/6"
    someone_else = ask(samen, student(samen, "Anders"))
    assert client.get(url(samen, "matching:request", pk=someone_else.pk)).status_code == 404
    listed = client.get(url(samen, "matching:request_list")).content.decode()
    assert "Anders" not in listed and "groep 5/6" in listed


def test_a_student_cannot_ask_on_someone_elses_behalf(samen):
    other = student(samen, "Ander")
    with samen.scope(), pytest.raises(OutOfReach):
        matching.create_request(actor(samen, "student"), student=other, period=samen.period)
    with scopes_disabled():
        assert not PlacementRequest.objects.filter(student=other).exists()


def test_one_live_request_per_student_and_period(samen):
    with samen.scope(), pytest.raises(DomainError, match="al een aanvraag"):
        matching.create_request(actor(samen), student=samen.people["student"], period=samen.period)


def test_a_withdrawn_request_is_not_matched(samen):
    request = ask(samen, student(samen))
    with samen.scope():
        matching.withdraw_request(actor(samen), request)
    offer(samen)
    with pytest.raises(DomainError, match="niet meer open"):
        assign(samen, request)
    assert placements_of(samen) == 1


# --- Assigning: each refusal -------------------------------------------------------------------


def test_assigning_creates_a_proposed_placement_linked_to_the_request(samen):
    offer(samen)
    request = ask(samen, student(samen))
    placement = assign(samen, request, group="groep 5")
    with samen.scope():
        request.refresh_from_db()
        assert request.status == RequestStatus.MATCHED and request.placement == placement
        assert placement.status == PlacementStatus.VOORGESTELD
        assert placement.period == samen.period
        assert (placement.starts_on, placement.ends_on) == (
            samen.period.starts_on,
            samen.period.ends_on,
        )
        # A proposal has no forms yet: they open when the placement is confirmed.
        assert not placement.forms.exists()
        assert placement.events.get().details["request"] == request.pk


def test_over_capacity_is_refused(samen):
    offer(samen, places=(("groep 5", 1, False),), mentors=[(samen.people["mentor"], 3)])
    assign(samen, ask(samen, student(samen, "Een")))
    before = placements_of(samen)
    with pytest.raises(DomainError, match="zit vol"):
        assign(samen, ask(samen, student(samen, "Twee")))
    assert placements_of(samen) == before


def test_a_full_group_is_refused_while_the_school_has_room(samen):
    offer(samen, places=(("groep 5", 1, False), ("groep 8", 1, False)))
    assign(samen, ask(samen, student(samen, "Een")), group="groep 5")
    with pytest.raises(DomainError, match="In ‘groep 5’ .* alle plaatsen"):
        assign(samen, ask(samen, student(samen, "Twee")), group="groep 5")


def test_a_full_mentor_is_refused(samen):
    offer(samen, places=(("groep 5", 3, False),), mentors=[(samen.people["mentor"], 1)])
    assign(samen, ask(samen, student(samen, "Een")))
    with pytest.raises(DomainError, match="geen ruimte meer"):
        assign(samen, ask(samen, student(samen, "Twee")))


def test_a_mentor_who_does_not_work_at_the_school_is_refused(samen):
    offer(samen)
    with scopes_disabled():
        other_school = f.SchoolFactory(partnership=samen.partnership, board=samen.board)
    stranger = person_with(samen, "mentor", school=other_school, name="Elders")
    with pytest.raises(DomainError, match="geen Mentor / werkplekbegeleider of Vakbegeleider op"):
        assign(samen, ask(samen, student(samen)), mentor=stranger)


def test_a_mentor_not_offered_for_the_period_is_refused(samen):
    offer(samen)
    colleague = person_with(samen, "mentor", school=samen.school, name="Collega")
    with pytest.raises(DomainError, match="niet als beschikbare mentor"):
        assign(samen, ask(samen, student(samen)), mentor=colleague)


def test_a_school_that_is_no_longer_an_active_opleidingsschool_is_refused(samen):
    offer(samen)
    with scopes_disabled():
        samen.school.training_status = "gestopt"
        samen.school.save()
    with pytest.raises(DomainError, match="geen actieve opleidingsschool"):
        assign(samen, ask(samen, student(samen)))


def test_a_student_already_placed_in_an_overlapping_period_is_refused(samen):
    """The fixture's student runs a placement over the whole period: booking her again is
    refused, however many places are free."""
    offer(samen)
    with pytest.raises(DomainError, match="loopt in deze periode al stage"):
        assign(samen, samen.placement_request)
    with samen.scope():
        samen.placement_request.refresh_from_db()
    assert samen.placement_request.status == RequestStatus.OPEN
    assert placements_of(samen) == 1


def test_a_duo_where_the_capacity_says_no_is_refused(samen):
    offer(samen, places=(("groep 5", 2, False),))
    first = assign(samen, ask(samen, student(samen, "Een")), group="groep 5")
    with pytest.raises(DomainError, match="geen duo-stage mogelijk"):
        assign(samen, ask(samen, student(samen, "Twee")), duo_with=first)


def test_a_duo_is_two_students_not_three(samen):
    offer(samen, places=(("groep 5", 2, True),))
    first = assign(samen, ask(samen, student(samen, "Een")), group="groep 5")
    second = assign(samen, ask(samen, student(samen, "Twee")), duo_with=first)
    assert (second.mentor, second.group, second.duo_with) == (first.mentor, "groep 5", first)
    with pytest.raises(DomainError, match="al een duo-stage"):
        assign(samen, ask(samen, student(samen, "Drie")), duo_with=first)


def test_the_duo_partner_shows_on_the_placement_page(samen, client):
    offer(samen, places=(("groep 5", 2, True),))
    first = assign(samen, ask(samen, student(samen, "Eerste")), group="groep 5")
    assign(samen, ask(samen, student(samen, "Tweede")), duo_with=first)
    client.force_login(samen.users["mentor"])
    body = client.get(url(samen, "placements:detail", pk=first.pk)).content.decode()
    assert "Duo-stage met" in body and "Tweede" in body


def test_a_schoolopleider_cannot_assign(samen):
    offer(samen)
    with pytest.raises(OutOfReach):
        assign(samen, ask(samen, student(samen)), who="schoolopleider")


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_never_both_take_the_last_place(samen):
    """On PostgreSQL the capacity row is locked: of two assignments at once, one waits and
    then sees the place taken. (SQLite runs one writer at a time, so it cannot overbook.)"""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    offer(samen, places=(("groep 5", 1, False),), mentors=[(samen.people["mentor"], 5)])
    requests = [ask(samen, student(samen, "Een")), ask(samen, student(samen, "Twee"))]
    barrier, outcomes = threading.Barrier(2), []

    def run(request):
        try:
            with scope(partnership=samen.partnership):
                barrier.wait()
                assign(samen, request)
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(r,)) for r in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes, key=len)[0] == "ok"
    assert "zit vol" in sorted(outcomes, key=len)[1]
    with scopes_disabled():
        assert Placement.objects.filter(period=samen.period).count() == 1


# --- Import ---------------------------------------------------------------------------------


def csv_bytes(rows):
    header = "e-mail;periode;groep of vak;regio\n"
    return (header + "".join(";".join(r) + "\n" for r in rows)).encode()


def test_import_saves_all_rows_or_none(samen):
    ok = student(samen, "Import")
    data = csv_bytes(
        [
            (ok.email, samen.period.name, "groep 4", "Lelystad"),
            ("niemand@example.org", samen.period.name, "groep 4", ""),
            (ok.email, "Onbekende periode", "", ""),
        ]
    )
    upload = read_upload(data, name="aanvragen.csv", **matching.REQUEST_UPLOAD)
    with samen.scope():
        preview = matching.preview_request_import(actor(samen), upload)
        assert set(preview.errors) == {3, 4}
        assert "niemand@example.org" in preview.errors[3][0]
        with pytest.raises(DomainError, match="niets geïmporteerd"):
            matching.import_requests(actor(samen), upload)
        assert not PlacementRequest.objects.filter(student=ok).exists()
        good = read_upload(
            csv_bytes([(ok.email, samen.period.name, "groep 4", "Lelystad")]),
            **matching.REQUEST_UPLOAD,
        )
        assert matching.import_requests(actor(samen), good) == 1
        assert PlacementRequest.objects.get(student=ok).region == "Lelystad"


def test_import_refuses_a_second_request_and_a_non_student(samen):
    not_a_student = person_with(samen, "mentor", school=samen.school, name="Geen")
    data = csv_bytes(
        [
            (samen.people["student"].email, samen.period.name, "", ""),
            (not_a_student.email, samen.period.name, "", ""),
        ]
    )
    upload = read_upload(data, **matching.REQUEST_UPLOAD)
    with samen.scope():
        errors = matching.preview_request_import(actor(samen), upload).errors
    assert "al een aanvraag" in errors[2][0]
    assert "geen aankomende leraar" in errors[3][0]


def test_import_pages_preview_then_confirm(samen, client):
    ok = student(samen, "Pagina")
    client.force_login(samen.users["coordinator"])
    data = csv_bytes([(ok.email, samen.period.name, "groep 6", "Almere")])
    response = client.post(
        url(samen, "matching:request_import"), {"file": SimpleUploadedFile("a.csv", data)}
    )
    assert "Alle 1 rijen zijn in orde" in response.content.decode() or "De rij is in orde" in (
        response.content.decode()
    )
    response = client.post(url(samen, "matching:request_import_confirm"))
    assert response.status_code == 302
    run_jobs()  # the confirmation runs in the background (samen.jobs)
    with scopes_disabled():
        assert PlacementRequest.objects.filter(student=ok, subject="groep 6").exists()


# --- The board --------------------------------------------------------------------------------


def test_the_board_shows_open_requests_first_with_reasons(samen, client):
    offer(samen, places=(("groep 5", 2, False),))
    with scopes_disabled():
        samen.school.place = "Lelystad"
        samen.school.save()
    matched = ask(samen, student(samen, "Kwartelaar"))
    assign(samen, matched)
    ask(samen, student(samen, "Merelaar"), subject="groep 5", region="Lelystad")
    client.force_login(samen.users["coordinator"])
    body = client.get(url(samen, "matching:board", pk=samen.period.pk)).content.decode()
    assert body.index("Merelaar") < body.index("Kwartelaar")
    assert "biedt ‘groep 5’ aan" in body
    assert "in de voorkeursregio (Lelystad)" in body
    assert "1 vrije plaats" in body


def test_the_board_names_earlier_placements_at_a_school(samen):
    offer(samen, places=(("groep 5", 2, False),))
    with samen.scope():
        the_board = board.board(actor(samen), samen.period)
        request = samen.placement_request
        the_board.suggest([request], selectors.earlier_schools([request.student_id]))
    reasons = request.suggestions[0].reasons
    assert "liep hier eerder stage" in reasons


def _more_requests(tenant, n, start=0):
    for i in range(start, start + n):
        ask(tenant, student(tenant, f"Bulk{i}"), subject="groep 5")


def _more_schools(tenant, n):
    with scopes_disabled():
        for _ in range(n):
            school = f.SchoolFactory(partnership=tenant.partnership, board=tenant.board)
            mentor = person_with(tenant, "mentor", school=school)
            capacity = f.CapacityFactory(
                partnership=tenant.partnership, school=school, period=tenant.period
            )
            capacity.places.create(partnership=tenant.partnership, group="groep 5", places=2)
            capacity.mentors.create(partnership=tenant.partnership, person=mentor, places=2)


def test_the_board_takes_as_many_queries_for_many_schools_and_requests_as_for_few(samen, client):
    client.force_login(samen.users["coordinator"])
    board_url = url(samen, "matching:board", pk=samen.period.pk)
    _more_schools(samen, 2)
    _more_requests(samen, 2)
    client.get(board_url)
    with CaptureQueriesContext(connection) as few:
        client.get(board_url)
    _more_schools(samen, 12)
    _more_requests(samen, 25, start=2)
    with CaptureQueriesContext(connection) as many:
        assert client.get(board_url).status_code == 200
    assert len(many) == len(few)


def test_the_mentor_picker_offers_only_the_chosen_schools_mentors_with_room(samen, client):
    offer(samen, mentors=[(samen.people["mentor"], 1)])
    with scopes_disabled():
        other_school = f.SchoolFactory(partnership=samen.partnership, board=samen.board)
    person_with(samen, "mentor", school=other_school, name="Zonnebloemelders")
    client.force_login(samen.users["coordinator"])
    picker = reverse(
        "picker", kwargs={"partnership_slug": samen.partnership.slug, "picker": "matching-mentor"}
    )
    params = {"picker_q": "Zonnebloem", "school": samen.school.pk, "period": samen.period.pk}
    body = client.get(picker, params).content.decode()
    assert "Zonnebloemmentor" in body and "Zonnebloemelders" not in body
    assign(samen, ask(samen, student(samen)))  # the mentor's one place is now taken
    assert "Zonnebloemmentor" not in client.get(picker, params).content.decode()


def test_the_student_picker_offers_only_students_who_asked_in_the_period(samen, client):
    ask(samen, student(samen, "Vraagt"))
    student(samen, "Vraagtniet")
    client.force_login(samen.users["coordinator"])
    picker = reverse(
        "picker", kwargs={"partnership_slug": samen.partnership.slug, "picker": "matching-student"}
    )
    body = client.get(picker, {"picker_q": "Vraagt", "period": samen.period.pk}).content.decode()
    assert "Vraagt" in body and "Vraagtniet" not in body


def test_assigning_on_the_page_asks_for_confirmation_first(samen, client):
    offer(samen)
    request = ask(samen, student(samen, "Pagina"))
    client.force_login(samen.users["coordinator"])
    page = url(samen, "matching:assign", pk=samen.period.pk, request_pk=request.pk)
    data = {
        "period": samen.period.pk,
        "school": samen.school.pk,
        "mentor": samen.people["mentor"].pk,
        "group": "groep 5",
        "instituutsopleider": samen.people["io"].pk,
    }
    response = client.post(page, data)
    assert "Ja, toewijzen" in response.content.decode()
    assert placements_of(samen) == 1
    response = client.post(page, {**data, "confirm": "1"})
    assert response.status_code == 302
    assert placements_of(samen) == 2


def test_a_refused_assignment_shows_the_reason_on_the_page(samen, client):
    offer(samen, places=(("groep 5", 1, False),))
    assign(samen, ask(samen, student(samen, "Een")))
    request = ask(samen, student(samen, "Twee"))
    client.force_login(samen.users["coordinator"])
    page = url(samen, "matching:assign", pk=samen.period.pk, request_pk=request.pk)
    response = client.post(
        page,
        {
            "period": samen.period.pk,
            "school": samen.school.pk,
            "mentor": samen.people["mentor"].pk,
            "instituutsopleider": samen.people["io"].pk,
            "confirm": "1",
        },
    )
    assert response.status_code == 200
    assert "zit vol" in response.content.decode()


def test_bulk_assign_reports_each_refusal(samen, client):
    offer(samen, places=(("groep 5", 1, False),))
    first, second = ask(samen, student(samen, "Een")), ask(samen, student(samen, "Twee"))
    client.force_login(samen.users["coordinator"])
    response = client.post(
        url(samen, "matching:bulk", pk=samen.period.pk),
        {
            "aanvraag": [first.pk, second.pk],
            "instituutsopleider": samen.people["io"].pk,
            "confirm": "1",
        },
        follow=True,
    )
    body = response.content.decode()
    assert "1 aanvraag is toegewezen" in body
    assert "Niet toegewezen" in body
    with scopes_disabled():
        assert PlacementRequest.objects.filter(status="matched").count() == 1


def test_a_schoolopleider_enters_capacity_on_the_page(samen, client):
    client.force_login(samen.users["schoolopleider"])
    page = url(samen, "matching:capacity", pk=samen.capacity.pk)
    response = client.post(
        page,
        {
            "school": samen.school.pk,
            "plaatsen-TOTAL_FORMS": "2",
            "plaatsen-INITIAL_FORMS": "0",
            "plaatsen-0-group": "groep 6",
            "plaatsen-0-places": "2",
            "plaatsen-0-duo_possible": "on",
            "plaatsen-1-group": "",
            "plaatsen-1-places": "1",
            "mentoren-TOTAL_FORMS": "1",
            "mentoren-INITIAL_FORMS": "0",
            "mentoren-0-person": samen.people["mentor"].pk,
            "mentoren-0-places": "2",
            "notes": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    with scopes_disabled():
        capacity = Capacity.objects.get(pk=samen.capacity.pk)
        assert [(p.group, p.places, p.duo_possible) for p in capacity.places.all()] == [
            ("groep 6", 2, True)
        ]


def test_a_schoolopleider_does_not_open_another_schools_capacity(samen, client):
    with scopes_disabled():
        school = f.SchoolFactory(partnership=samen.partnership, board=samen.board)
        capacity = f.CapacityFactory(
            partnership=samen.partnership, school=school, period=samen.period
        )
    client.force_login(samen.users["schoolopleider"])
    assert client.get(url(samen, "matching:capacity", pk=capacity.pk)).status_code == 404


def test_an_outsider_never_sees_the_board(samen, other, client):
    client.force_login(other.users["coordinator"])
    assert client.get(url(samen, "matching:board", pk=samen.period.pk)).status_code == 404


def test_a_boards_cooper_offers_places_at_the_boards_school_only(samen):
    """Scope: the CoOP'er of the school's board enters its capacity; not another board's."""
    cooper = person_with(samen, "cooper", partner=samen.board, name="Bestuurscooper", user=True)
    access = access_for(cooper.user, samen.partnership)
    with samen.scope():
        matching.save_capacity(access, samen.capacity, places=[PlaceRow("groep 2", 1)], mentors=[])
        assert samen.capacity.places.get().group == "groep 2"
    with scopes_disabled():
        elsewhere = f.SchoolFactory(partnership=samen.partnership)  # another board
    with samen.scope(), pytest.raises(OutOfReach):
        matching.open_capacity(access, school=elsewhere, period=samen.period)


def test_a_student_withdraws_her_own_request_after_confirming(samen, client):
    client.force_login(samen.users["student"])
    page = url(samen, "matching:request_withdraw", pk=samen.placement_request.pk)
    assert "Ja, intrekken" in client.get(page).content.decode()
    with samen.scope():
        assert PlacementRequest.objects.get(pk=samen.placement_request.pk).status == "open"
    client.post(page, {"confirm": "1"})
    with samen.scope():
        assert PlacementRequest.objects.get(pk=samen.placement_request.pk).status == "withdrawn"


def test_without_a_chosen_group_the_first_group_with_room_is_taken(samen):
    offer(samen, places=(("groep 3", 1, False), ("groep 6", 1, False)))
    first = assign(samen, ask(samen, student(samen, "Een")))
    second = assign(samen, ask(samen, student(samen, "Twee")))
    assert (first.group, second.group) == ("groep 3", "groep 6")


def test_opening_capacity_on_the_page_refuses_a_school_that_is_not_active(samen, client):
    client.force_login(samen.users["coordinator"])
    with scopes_disabled():
        school = f.SchoolFactory(
            partnership=samen.partnership, board=samen.board, training_status="nulmeting"
        )
        fresh = f.SchoolFactory(partnership=samen.partnership, board=samen.board)
    page = url(samen, "matching:capacity_open")
    response = client.post(page, {"school": fresh.pk, "period": samen.period.pk})
    with scopes_disabled():
        capacity = Capacity.objects.get(school=fresh, period=samen.period)
    assert response["Location"] == url(samen, "matching:capacity", pk=capacity.pk)
    # A school on the way to opleidingsschool is not even offered by the school search.
    response = client.post(page, {"school": school.pk, "period": samen.period.pk})
    assert response.status_code == 200
    with scopes_disabled():
        assert not Capacity.objects.filter(school=school).exists()
