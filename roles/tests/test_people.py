"""People and their roles: the assignment rules, the people list, its export and bulk actions,
the person page with its history, and the role catalogue."""

import csv
import io
from html import escape

import openpyxl
import pytest
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from roles import services
from roles.models import Person, Role, RoleAssignment, RoleDescription
from samen.errors import DomainError
from samen.schooljaar import Schooljaar
from tests import clock
from tests import factories as f
from tests.fixtures import actor

NOW = Schooljaar.of(clock.WORLD_DAY.date()).start_year  # the world's schooljaar


def url(tenant, name, **kwargs):
    return reverse(f"roles:{name}", kwargs={"partnership_slug": tenant.partnership.slug, **kwargs})


@pytest.fixture
def person(samen):
    with scopes_disabled():
        return f.PersonFactory(
            partnership=samen.partnership,
            first_name="Joris",
            last_name="Veldkamp",
            email="joris@example.org",
        )


# --- services: assigning and ending roles ---------------------------------------------------


def test_assign_role_at_a_school_from_this_schooljaar(samen, person):
    with samen.scope():
        a = services.assign_role(actor(samen), person, role=Role.MENTOR, school=samen.school)
        assert a.schooljaar_from == NOW and a.schooljaar_to is None
        assert a.scope_label == str(samen.school)
        assert (
            RoleAssignment.objects.active_in(Schooljaar.current()).filter(person=person).count()
            == 1
        )


def test_the_same_role_in_the_same_scope_cannot_be_assigned_twice_for_overlapping_years(
    samen, person
):
    with samen.scope():
        services.assign_role(
            actor(samen), person, role=Role.MENTOR, school=samen.school, schooljaar_to=NOW + 1
        )
        with pytest.raises(DomainError, match="al in deze schooljaren"):
            services.assign_role(
                actor(samen), person, role=Role.MENTOR, school=samen.school, schooljaar_from=NOW + 1
            )
        # after the first one ends it may start again, and elsewhere it may run alongside
        services.assign_role(
            actor(samen), person, role=Role.MENTOR, school=samen.school, schooljaar_from=NOW + 2
        )
        services.assign_role(actor(samen), person, role=Role.MENTOR)
        assert person.roles.count() == 3


def test_a_scope_of_another_partnership_is_refused(samen, other, person):
    with scopes_disabled(), pytest.raises(DomainError, match="hoort niet bij dit partnerschap"):
        services.assign_role(actor(samen), person, role=Role.MENTOR, school=other.school)
    with scopes_disabled():
        assert not person.roles.exists()


def test_a_range_that_ends_before_it_starts_is_refused(samen, person):
    with samen.scope(), pytest.raises(DomainError, match="vóór het eerste schooljaar"):
        services.assign_role(
            actor(samen), person, role=Role.COACH, schooljaar_from=NOW, schooljaar_to=NOW - 1
        )


def test_ending_a_role_makes_this_schooljaar_its_last(samen):
    with samen.scope():
        a = samen.people["mentor"].roles.get()
        services.end_assignment(actor(samen), a)
        a.refresh_from_db()
        assert a.schooljaar_to == NOW
        with pytest.raises(DomainError, match="al beëindigd"):
            services.end_assignment(actor(samen), a)


def test_a_role_that_starts_next_year_cannot_be_ended_this_year(samen, person):
    with samen.scope():
        a = services.assign_role(actor(samen), person, role=Role.COACH, schooljaar_from=NOW + 1)
        with pytest.raises(DomainError, match="begint pas in"):
            services.end_assignment(actor(samen), a)


def test_editing_an_assignment_keeps_the_duplicate_rule(samen, person):
    with samen.scope():
        services.assign_role(actor(samen), person, role=Role.MENTOR, school=samen.school)
        other = services.assign_role(actor(samen), person, role=Role.COACH, school=samen.school)
        with pytest.raises(DomainError):
            services.update_assignment(actor(samen), other, role=Role.MENTOR)
        services.update_assignment(actor(samen), other, hours_per_week=2)
        other.refresh_from_db()
        assert other.hours_per_week == 2


def test_bulk_assign_skips_people_who_hold_the_role_already(samen, person):
    with samen.scope():
        mentor = samen.people["mentor"]
        assigned, skipped = services.bulk_assign_role(
            actor(samen), [person, mentor], role=Role.MENTOR, school=samen.school
        )
        assert assigned == [person] and skipped == [mentor]


def test_bulk_end_leaves_roles_that_start_later_alone(samen, person):
    with samen.scope():
        now = services.assign_role(actor(samen), person, role=Role.COACH)
        later = services.assign_role(
            actor(samen), person, role=Role.COACH, school=samen.school, schooljaar_from=NOW + 1
        )
        assert services.bulk_end_roles(actor(samen), [person], Role.COACH) == (1, 0)
        now.refresh_from_db()
        later.refresh_from_db()
        assert now.schooljaar_to == NOW and later.schooljaar_to is None


def test_people_have_unique_email_addresses_per_partnership(samen, other):
    with samen.scope():
        services.create_person(actor(samen), first_name="A", last_name="B", email="x@example.org")
        with pytest.raises(DomainError, match="al een persoon met dit e-mailadres"):
            services.create_person(
                actor(samen), first_name="C", last_name="D", email="X@example.org"
            )
    with other.scope():
        services.create_person(actor(other), first_name="A", last_name="B", email="x@example.org")


def test_descriptions_for_gives_the_descriptions_of_my_roles_only(samen, rf):
    from roles.access import access_for

    with samen.scope():
        RoleDescription.objects.create(
            partnership=samen.partnership, role=Role.MENTOR, tasks="Begeleiden"
        )
        RoleDescription.objects.create(
            partnership=samen.partnership, role=Role.STUDENT, tasks="Leren"
        )
        access = access_for(samen.users["mentor"], samen.partnership)
        descriptions = services.descriptions_for(access)
    assert list(descriptions) == ["mentor"]
    assert descriptions["mentor"].tasks == "Begeleiden"


# --- the people list ----------------------------------------------------------------------


def test_coordinator_sees_the_people_list_with_roles_and_scope(client_for, samen):
    response = client_for(samen.users["coordinator"]).get(url(samen, "person_list"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Mentor Zonnebloemmentor" in body
    assert "Mentor / werkplekbegeleider" in body and "School Zonnebloem" in body


@pytest.mark.parametrize("who", ["mentor", "student", "stuurgroep", "schoolopleider"])
def test_people_without_person_view_get_404(client_for, samen, who):
    client = client_for(samen.users[who])
    assert client.get(url(samen, "person_list")).status_code == 404
    assert client.get(url(samen, "person_detail", pk=samen.people["mentor"].pk)).status_code == 404
    assert (
        client.get(url(samen, "assignment_create", pk=samen.people["mentor"].pk)).status_code == 404
    )


def test_outsider_coordinator_cannot_open_a_person_of_another_partnership(client_for, samen, other):
    client = client_for(other.users["coordinator"])
    response = client.get(url(other, "person_detail", pk=samen.people["mentor"].pk))
    assert response.status_code == 404


def test_list_filters_by_role_school_account_and_search(client_for, samen, person):
    client = client_for(samen.users["coordinator"])

    def names(**params):
        response = client.get(url(samen, "person_list"), params)
        return {p.full_name for p in response.context["page"].object_list}

    assert names(rol="mentor") == {"Mentor Zonnebloemmentor"}
    assert names(school=samen.school.pk) == {
        "Mentor Zonnebloemmentor",
        "Schoolopleider Zonnebloemschoolopleider",
    }
    assert names(organisatie=samen.institute.pk) == {"Student Zonnebloemstudent", "Io Zonnebloemio"}
    assert names(account="nee") == {"Joris Veldkamp"}
    assert names(q="veld") == {"Joris Veldkamp"}
    assert names(q="joris@example") == {"Joris Veldkamp"}
    assert names(uitgenodigd="ja") == set()


def test_list_sorts_by_name_both_ways(client_for, samen):
    client = client_for(samen.users["coordinator"])
    up = [
        p.last_name
        for p in client.get(url(samen, "person_list"), {"sorteer": "naam"}).context["page"]
    ]
    down = [
        p.last_name
        for p in client.get(url(samen, "person_list"), {"sorteer": "-naam"}).context["page"]
    ]
    assert up == sorted(up) and down == list(reversed(up))


def test_htmx_request_gets_only_the_rows(client_for, samen):
    response = client_for(samen.users["coordinator"]).get(
        url(samen, "person_list"), {"q": "mentor"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "<html" not in body and "Mentor Zonnebloemmentor" in body


def test_export_csv_holds_the_filtered_people_with_roles_and_scope(client_for, samen):
    response = client_for(samen.users["coordinator"]).get(
        url(samen, "person_list"), {"rol": "mentor", "export": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Naam", "E-mailadres", "Telefoon", "Rollen dit schooljaar", "Account"]
    assert rows[1:] == [
        [
            "Mentor Zonnebloemmentor",
            "mentor@samen-test.test",
            "",
            "Mentor / werkplekbegeleider (School Zonnebloem (Lelystad))",
            "ja",
        ]
    ]


def test_export_xlsx_holds_every_person_of_the_partnership_only(client_for, samen, other):
    response = client_for(samen.users["coordinator"]).get(
        url(samen, "person_list"), {"export": "xlsx"}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(names) == 7
    assert all("Kraanvogel" not in n for n in names)


def _bulk_people(tenant, count, offset=0):
    with scopes_disabled():
        people = Person.objects.bulk_create(
            Person(
                partnership=tenant.partnership,
                first_name="P",
                last_name=f"Bulk {i:04d}",
                email=f"b{i}@x.org",
            )
            for i in range(offset, offset + count)
        )
        RoleAssignment.objects.bulk_create(
            RoleAssignment(
                partnership=tenant.partnership,
                person=p,
                role=Role.MENTOR,
                school=tenant.school,
                schooljaar_from=NOW,
            )
            for p in people
        )


def test_people_list_queries_do_not_grow_with_rows(client_for, samen):
    client = client_for(samen.users["coordinator"])
    counts = {}
    for total, add in ((10, 10), (1000, 990)):
        _bulk_people(samen, add, offset=total - add)
        client.get(url(samen, "person_list"))  # warm up: session, content types
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url(samen, "person_list"), {"rol": "mentor", "sorteer": "naam"})
        assert response.status_code == 200
        assert len(response.context["page"].object_list) == min(total + 1, 50)
        counts[total] = len(ctx)
    print(f"people list queries: {counts}")
    assert counts[10] == counts[1000]


# --- bulk actions -------------------------------------------------------------------------


def test_bulk_assign_gives_all_selected_people_the_role(client_for, samen, person):
    client = client_for(samen.users["coordinator"])
    response = client.post(
        url(samen, "person_bulk"),
        {
            "action": "assign",
            "people": [person.pk, samen.people["student"].pk],
            "role": Role.COACH,
            "scope_kind": "school",
            "school": samen.school.pk,
            "schooljaar_from": NOW,
            "next": url(samen, "person_list") + "?q=x",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0].endswith("?q=x")
    assert "De rol is toegewezen aan 2 personen." in response.content.decode()
    with scopes_disabled():
        assert RoleAssignment.objects.filter(role=Role.COACH, school=samen.school).count() == 2


def test_bulk_end_ends_the_chosen_role_of_the_selected_people(client_for, samen):
    client = client_for(samen.users["coordinator"])
    client.post(
        url(samen, "person_bulk"),
        {"action": "end", "people": [samen.people["mentor"].pk], "role": Role.MENTOR},
    )
    with scopes_disabled():
        assert samen.people["mentor"].roles.get().schooljaar_to == NOW


def test_bulk_invite_invites_only_people_without_an_account(client_for, samen, person, mailoutbox):
    client = client_for(samen.users["coordinator"])
    response = client.post(
        url(samen, "person_bulk"),
        {"action": "invite", "people": [person.pk, samen.people["mentor"].pk]},
        follow=True,
    )
    assert [m.to for m in mailoutbox] == [["joris@example.org"]]
    assert "Niet uitgenodigd" in response.content.decode()


def test_bulk_action_without_selection_explains_itself(client_for, samen):
    response = client_for(samen.users["coordinator"]).post(
        url(samen, "person_bulk"), {"action": "invite"}, follow=True
    )
    assert "Selecteer eerst een of meer personen." in response.content.decode()


def test_bulk_action_cannot_select_people_of_another_partnership(client_for, samen, other):
    client_for(samen.users["coordinator"]).post(
        url(samen, "person_bulk"),
        {"action": "end", "people": [other.people["mentor"].pk], "role": Role.MENTOR},
    )
    with scopes_disabled():
        assert other.people["mentor"].roles.get().schooljaar_to is None


# --- one person ---------------------------------------------------------------------------


def test_coordinator_creates_a_person_and_adds_a_role_with_hours(client_for, samen):
    client = client_for(samen.users["coordinator"])
    response = client.post(
        url(samen, "person_create"),
        {"first_name": "Roos", "infix": "van", "last_name": "Leeuwen", "email": "Roos@Example.org"},
    )
    with scopes_disabled():
        roos = Person.objects.get(last_name="Leeuwen")
    assert roos.email == "roos@example.org"
    assert response["Location"] == url(samen, "person_detail", pk=roos.pk)
    response = client.post(
        url(samen, "assignment_create", pk=roos.pk),
        {
            "role": Role.SCHOOLOPLEIDER,
            "scope_kind": "school",
            "school": samen.school.pk,
            "schooljaar_from": NOW,
            "schooljaar_to": "",
            "hours_per_week": "4.0",
        },
        follow=True,
    )
    body = response.content.decode()
    assert "Schoolopleider" in body and "4,0 uur per week" in body
    assert f"{Schooljaar(NOW)} – heden" in body


def test_scope_kind_requires_the_matching_choice(client_for, samen):
    response = client_for(samen.users["coordinator"]).post(
        url(samen, "assignment_create", pk=samen.people["student"].pk),
        {"role": Role.MENTOR, "scope_kind": "school", "schooljaar_from": NOW},
    )
    assert response.status_code == 200
    assert "Kies een school." in response.content.decode()


def test_duplicate_assignment_shows_the_dutch_error_on_the_form(client_for, samen):
    response = client_for(samen.users["coordinator"]).post(
        url(samen, "assignment_create", pk=samen.people["mentor"].pk),
        {
            "role": Role.MENTOR,
            "scope_kind": "school",
            "school": samen.school.pk,
            "schooljaar_from": NOW,
        },
    )
    assert (
        "heeft de rol Mentor / werkplekbegeleider (School Zonnebloem (Lelystad)) al"
        in response.content.decode()
    )


def test_edit_and_end_an_assignment_from_the_person_page(client_for, samen):
    client = client_for(samen.users["coordinator"])
    mentor = samen.people["mentor"]
    with scopes_disabled():
        a = mentor.roles.get()
        # A coordinator grants only within their own schooljaren: this one has been at it
        # for a while, so the mentor role can start last year.
        samen.people["coordinator"].roles.update(schooljaar_from=NOW - 2)
    response = client.get(url(samen, "assignment_edit", pk=mentor.pk, assignment_pk=a.pk))
    assert response.context["form"].initial["scope_kind"] == "school"
    client.post(
        url(samen, "assignment_edit", pk=mentor.pk, assignment_pk=a.pk),
        {
            "role": Role.MENTOR,
            "scope_kind": "partner",
            "partner": samen.board.pk,
            "schooljaar_from": NOW - 1,
        },
    )
    end_url = url(samen, "assignment_end", pk=mentor.pk, assignment_pk=a.pk)
    asked = client.post(end_url)  # the button on the person's page asks first
    assert "Rol beëindigen?" in asked.content.decode()
    a.refresh_from_db()
    assert a.schooljaar_to is None
    client.post(end_url, {"confirm": "1"})
    a.refresh_from_db()
    assert (a.partner_id, a.school_id, a.schooljaar_from, a.schooljaar_to) == (
        samen.board.pk,
        None,
        NOW - 1,
        NOW,
    )
    body = client.get(url(samen, "person_detail", pk=mentor.pk)).content.decode()
    assert f"{Schooljaar(NOW - 1)} – {Schooljaar(NOW)}" in body


def test_assignment_of_another_person_cannot_be_reached_through_this_person(client_for, samen):
    with scopes_disabled():
        a = samen.people["mentor"].roles.get()
    response = client_for(samen.users["coordinator"]).post(
        url(samen, "assignment_end", pk=samen.people["student"].pk, assignment_pk=a.pk)
    )
    assert response.status_code == 404


def test_person_page_shows_history_of_person_and_roles(client_for, samen):
    client = client_for(samen.users["coordinator"])
    mentor = samen.people["mentor"]
    client.post(
        url(samen, "person_edit", pk=mentor.pk),
        {
            "first_name": "Mentor",
            "last_name": "Zonnebloemmentor",
            "email": mentor.email,
            "phone": "06-12345678",
        },
    )
    with scopes_disabled():
        a = mentor.roles.get()
    client.post(url(samen, "assignment_end", pk=mentor.pk, assignment_pk=a.pk), {"confirm": "1"})
    response = client.get(url(samen, "person_detail", pk=mentor.pk))
    history = response.context["history"]
    assert history[0]["changes"] == [("tot en met schooljaar", "—", str(Schooljaar(NOW)))]
    assert history[0]["who"] == samen.users["coordinator"]
    assert ("telefoon", "—", "06-12345678") in history[1]["changes"]
    body = response.content.decode()
    assert "Wijzigingen" in body and "06-12345678" in body


def test_person_page_history_takes_a_fixed_number_of_queries(client_for, samen):
    client = client_for(samen.users["coordinator"])
    mentor = samen.people["mentor"]
    client.get(url(samen, "person_detail", pk=mentor.pk))
    with CaptureQueriesContext(connection) as before:
        client.get(url(samen, "person_detail", pk=mentor.pk))
    with scopes_disabled():
        a = mentor.roles.get()
        for hours in range(1, 11):
            a.hours_per_week = hours
            a.save()
    with CaptureQueriesContext(connection) as after:
        client.get(url(samen, "person_detail", pk=mentor.pk))
    assert len(after) == len(before)


def test_a_coop_er_of_one_board_reaches_the_people_with_a_role_in_that_board(client_for, samen):
    """A person sits where their roles are: the CoOP'er of the board reaches the mentor and
    schoolopleider of its school (and themselves), not the institute's people nor the
    partnership's coordinators."""
    with scopes_disabled():
        cooper = f.PersonFactory(partnership=samen.partnership, user=f.UserFactory())
        f.RoleAssignmentFactory(
            partnership=samen.partnership, person=cooper, role=Role.COOPER, partner=samen.board
        )
    client = client_for(cooper.user)
    response = client.get(url(samen, "person_list"))
    listed = {p.pk for p in response.context["page"].object_list}
    assert listed == {cooper.pk, samen.people["mentor"].pk, samen.people["schoolopleider"].pk}
    assert client.get(url(samen, "person_detail", pk=samen.people["mentor"].pk)).status_code == 200
    for key in ("student", "io", "coordinator"):
        detail = client.get(url(samen, "person_detail", pk=samen.people[key].pk))
        assert detail.status_code == 404, key


# --- role catalogue -------------------------------------------------------------------------


def test_every_member_reads_the_role_catalogue(client_for, samen):
    with scopes_disabled():
        RoleDescription.objects.create(
            partnership=samen.partnership,
            role=Role.MENTOR,
            tasks="De aankomende leraar begeleiden.",
        )
    response = client_for(samen.users["student"]).get(url(samen, "role_catalogue"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "De aankomende leraar begeleiden." in body
    assert all(escape(str(r.label)) in body for r in Role)
    assert "Bewerken" not in body


def test_only_the_projectcoordinator_edits_a_role_description(client_for, samen):
    with scopes_disabled():
        d = RoleDescription.objects.create(partnership=samen.partnership, role=Role.MENTOR)
    assert (
        client_for(samen.users["mentor"])
        .get(url(samen, "role_description_edit", pk=d.pk))
        .status_code
        == 404
    )
    client = client_for(samen.users["coordinator"])
    catalogue = client.get(url(samen, "role_catalogue")).content.decode()
    # One role described (edit), every other one offered to describe.
    assert catalogue.count(">Bewerken<") == 1
    assert catalogue.count(">Beschrijven<") == len(Role) - 1
    client.post(
        url(samen, "role_description_edit", pk=d.pk),
        {"tasks": "- Begeleiden\n- Beoordelen", "responsibilities": "Advies geven"},
    )
    d.refresh_from_db()
    assert d.tasks == "- Begeleiden\n- Beoordelen"
    with scopes_disabled():
        assert RoleDescription.objects.filter(partnership=samen.partnership).count() == 1


def test_my_roles_include_shows_my_roles_with_their_descriptions(samen, rf):
    from django.template.loader import render_to_string

    from roles.access import access_for

    with samen.scope():
        RoleDescription.objects.create(
            partnership=samen.partnership,
            role=Role.MENTOR,
            tasks="Een veilige leeromgeving bieden.",
        )
        access = access_for(samen.users["mentor"], samen.partnership)
        html = render_to_string(
            "roles/_my_roles.html",
            {
                "access": access,
                "role_descriptions": services.descriptions_for(access),
                "partnership": samen.partnership,
            },
        )
    assert "Mentor / werkplekbegeleider" in html and "Een veilige leeromgeving bieden." in html


def test_opening_the_role_catalogue_writes_nothing_and_describing_a_role_starts_its_text(
    client_for, samen
):
    from roles.models import RoleDescription

    client = client_for(samen.users["coordinator"])
    catalogue = reverse("roles:role_catalogue", args=[samen.partnership.slug])
    assert client.get(catalogue).status_code == 200
    with samen.scope():
        assert RoleDescription.objects.count() == 0
    response = client.post(
        reverse("roles:role_description_create", args=[samen.partnership.slug, "mentor"])
    )
    with samen.scope():
        description = RoleDescription.objects.get()
    assert description.role == "mentor"
    assert response["Location"] == reverse(
        "roles:role_description_edit", args=[samen.partnership.slug, description.pk]
    )


def test_only_the_projectcoordinator_may_start_a_role_description(client_for, samen):
    client = client_for(samen.users["mentor"])
    url = reverse("roles:role_description_create", args=[samen.partnership.slug, "mentor"])
    assert client.post(url).status_code == 404
