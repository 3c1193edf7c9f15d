"""The organisation pages: who may use them, and what they do."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from partnerships.models import Grouping, Partner, School, SchoolProfile
from roles.models import Role
from tests import factories as f
from tests.background import run_jobs


def url(t, name, **kwargs):
    return reverse(
        f"partnerships:{name}", kwargs={"partnership_slug": t.partnership.slug, **kwargs}
    )


def add_schools(t, n, **kwargs):
    with scopes_disabled():
        return School.objects.bulk_create(
            School(
                partnership=t.partnership,
                board=t.board,
                name=f"Basisschool {i:04d}",
                place="Almere" if i % 2 else "Dronten",
                sector="po",
                **kwargs,
            )
            for i in range(n)
        )


# --- Who may see what ------------------------------------------------------------------------


def test_coordinator_sees_the_school_list_with_its_schools(samen, client_for):
    response = client_for(samen.users["coordinator"]).get(url(samen, "school_list"))
    assert response.status_code == 200
    assert "School Zonnebloem" in response.content.decode()
    assert response.context["can_manage"]


@pytest.mark.parametrize("who", ["mentor", "student", "io"])
def test_mentors_students_and_ios_cannot_open_the_school_pages(samen, client_for, who):
    client = client_for(samen.users[who])
    assert client.get(url(samen, "school_list")).status_code == 404
    assert client.get(url(samen, "school_detail", pk=samen.school.pk)).status_code == 404
    assert client.get(url(samen, "partner_list")).status_code == 404


def test_schoolopleider_sees_own_school_but_cannot_manage_it(samen, client_for):
    client = client_for(samen.users["schoolopleider"])
    response = client.get(url(samen, "school_detail", pk=samen.school.pk))
    assert response.status_code == 200
    assert not response.context["can_manage"]
    assert response.context["can_edit_profile"]
    assert client.get(url(samen, "school_edit", pk=samen.school.pk)).status_code == 404
    assert client.post(url(samen, "school_bulk"), {"bulk-action": "academisch"}).status_code == 404


def test_schoolopleider_does_not_see_other_schools_of_the_partnership(samen, client_for):
    (other_school,) = add_schools(samen, 1)
    client = client_for(samen.users["schoolopleider"])
    assert client.get(url(samen, "school_detail", pk=other_school.pk)).status_code == 404
    names = [s.name for s in client.get(url(samen, "school_list")).context["page"].object_list]
    assert names == ["School Zonnebloem"]


def test_stuurgroep_reads_but_does_not_see_the_history(samen, client_for):
    response = client_for(samen.users["stuurgroep"]).get(
        url(samen, "school_detail", pk=samen.school.pk)
    )
    assert response.status_code == 200
    assert response.context["history"] is None
    assert "Wijzigingen" not in response.content.decode()


# --- Schools ---------------------------------------------------------------------------------


def test_coordinator_adds_a_school_and_walks_its_path(samen, client_for):
    client = client_for(samen.users["coordinator"])
    response = client.post(
        url(samen, "school_create"),
        {
            "name": "OBS De Horizon",
            "board": samen.board.pk,
            "place": "Lelystad",
            "sector": "po",
            "brin": "14hz",
        },
    )
    with scopes_disabled():
        school = School.objects.get(name="OBS De Horizon")
    assert response.status_code == 302 and school.brin == "14HZ"
    assert school.training_status == "none"
    detail = client.get(url(samen, "school_detail", pk=school.pk))
    assert [c[0] for c in detail.context["step_form"].fields["status"].choices] == ["verkennend"]
    client.post(
        url(samen, "school_step", pk=school.pk),
        {"status": "verkennend", "on": "2025-09-01", "decided_by": "schoolleider"},
    )
    response = client.post(
        url(samen, "school_step", pk=school.pk), {"status": "actief", "on": "2025-10-01"}
    )
    school.refresh_from_db()
    assert school.training_status == "verkennend"
    page = client.get(response["Location"]).content.decode()
    assert "Kies een geldige optie" in page or "geldige keuze" in page
    assert "Besloten door schoolleider" in page


def test_a_second_school_with_the_same_brin_is_refused(samen, client_for):
    with scopes_disabled():
        School.objects.filter(pk=samen.school.pk).update(brin="14HZ")
    response = client_for(samen.users["coordinator"]).post(
        url(samen, "school_create"),
        {"name": "X", "board": samen.board.pk, "place": "Y", "sector": "po", "brin": "14HZ"},
    )
    assert response.status_code == 200
    assert "al een school met dit BRIN" in response.content.decode()


def test_school_detail_shows_role_holders_of_the_school_and_its_grouping(samen, client_for):
    with scopes_disabled():
        grouping = Grouping.objects.create(partnership=samen.partnership, kind="cluster", name="C")
        grouping.schools.add(samen.school)
        f.RoleAssignmentFactory(
            partnership=samen.partnership,
            person=samen.people["io"],
            role=Role.SCHOOLOPLEIDER,
            grouping=grouping,
        )
        f.RoleAssignmentFactory(
            partnership=samen.partnership,
            person=samen.people["stuurgroep"],
            role=Role.SCHOOLLEIDER,
            school=samen.school,
            schooljaar_from=2010,
            schooljaar_to=2011,
        )
    response = client_for(samen.users["coordinator"]).get(
        url(samen, "school_detail", pk=samen.school.pk)
    )
    holders = {(a.person_id, a.role) for a in response.context["role_holders"]}
    assert (samen.people["mentor"].pk, Role.MENTOR) in holders
    assert (samen.people["io"].pk, Role.SCHOOLOPLEIDER) in holders
    assert (samen.people["stuurgroep"].pk, Role.SCHOOLLEIDER) not in holders  # long ago


def test_school_history_shows_who_changed_which_field(samen, client_for):
    client = client_for(samen.users["coordinator"])
    client.post(
        url(samen, "school_edit", pk=samen.school.pk),
        {"name": "School Zonnebloem", "board": samen.board.pk, "place": "Urk", "sector": "po"},
    )
    response = client.get(url(samen, "school_detail", pk=samen.school.pk))
    changes = response.context["history"][0]["changes"]
    assert ("plaats", "Lelystad", "Urk") in changes
    assert response.context["history"][0]["record"].history_user == samen.users["coordinator"]


def test_bulk_action_sets_the_cohort_of_the_selected_schools_only(samen, client_for):
    a, b, c = add_schools(samen, 3)
    response = client_for(samen.users["coordinator"]).post(
        url(samen, "school_bulk"),
        {"bulk-action": "cohort", "bulk-cohort": "2", "bulk-school": [a.pk, b.pk]},
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert {s.pk: s.cohort for s in School.objects.filter(pk__in=[a.pk, b.pk, c.pk])} == {
            a.pk: 2,
            b.pk: 2,
            c.pk: None,
        }


def test_bulk_action_on_all_filtered_schools_marks_them_academisch(samen, client_for):
    add_schools(samen, 6)
    client_for(samen.users["coordinator"]).post(
        url(samen, "school_bulk"),
        {"bulk-action": "academisch", "scope": "filtered", "filters": "place=Almere"},
    )
    with scopes_disabled():
        marked = School.objects.filter(partnership=samen.partnership, is_academisch=True)
        assert marked.count() == 3
        assert set(marked.values_list("place", flat=True)) == {"Almere"}


def test_bulk_action_cannot_touch_another_partnerships_school(samen, other, client_for):
    client_for(samen.users["coordinator"]).post(
        url(samen, "school_bulk"),
        {"bulk-action": "academisch", "bulk-school": [other.school.pk]},
    )
    with scopes_disabled():
        other.school.refresh_from_db()
    assert not other.school.is_academisch


def test_school_list_filters_sorts_and_exports_the_filtered_list_as_csv(samen, client_for):
    add_schools(samen, 4)
    client = client_for(samen.users["coordinator"])
    response = client.get(url(samen, "school_list"), {"place": "Almere", "sorteer": "-naam"})
    names = [s.name for s in response.context["page"].object_list]
    assert names == ["Basisschool 0003", "Basisschool 0001"]
    export = client.get(url(samen, "school_list"), {"place": "Almere", "export": "csv"})
    assert export["Content-Disposition"].startswith('attachment; filename="scholen-')
    lines = export.getvalue().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Naam;Bestuur;Adres;Postcode;Plaats;BRIN;Sector")
    assert len(lines) == 3
    assert all("Almere" in line for line in lines[1:])
    assert "Stichting Zonnebloem" in lines[1]


def test_school_list_exports_xlsx(samen, client_for):
    response = client_for(samen.users["coordinator"]).get(
        url(samen, "school_list"), {"export": "xlsx"}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.values)
    assert rows[0][0] == "Naam"
    assert rows[1][0] == "School Zonnebloem"


def test_htmx_search_returns_only_the_rows(samen, client_for):
    response = client_for(samen.users["coordinator"]).get(
        url(samen, "school_list"), {"q": "zonne"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "School Zonnebloem" in body and "<html" not in body


# --- Import ----------------------------------------------------------------------------------


def test_import_preview_then_confirm_creates_the_schools(samen, client_for):
    client = client_for(samen.users["coordinator"])
    upload = SimpleUploadedFile(
        "scholen.csv", b"naam;bestuur;plaats;sector\nOBS Import;Stichting Zonnebloem;Urk;po\n"
    )
    response = client.post(url(samen, "school_import"), {"file": upload})
    assert response.context["preview"].is_valid
    with scopes_disabled():
        assert not School.objects.filter(name="OBS Import").exists()
    response = client.post(url(samen, "school_import_confirm"))
    assert response.status_code == 302
    run_jobs()  # the confirmation runs in the background (samen.jobs)
    with scopes_disabled():
        assert School.objects.filter(name="OBS Import", partnership=samen.partnership).exists()


def test_import_preview_lists_row_errors_and_offers_no_confirm(samen, client_for):
    client = client_for(samen.users["coordinator"])
    upload = SimpleUploadedFile(
        "scholen.csv",
        b"naam,bestuur,plaats,sector\nA,Onbekend,Urk,po\nB,Stichting Zonnebloem,Urk,x\n",
    )
    response = client.post(url(samen, "school_import"), {"file": upload})
    body = response.content.decode()
    assert "Onbekend" in body and "geen sector" in body
    assert reverse("partnerships:school_import_confirm", args=[samen.partnership.slug]) not in body
    assert client.post(url(samen, "school_import_confirm")).status_code == 302
    with scopes_disabled():
        assert not School.objects.filter(name="A").exists()


def test_import_refuses_a_file_that_is_not_csv(samen, client_for):
    response = client_for(samen.users["coordinator"]).post(
        url(samen, "school_import"), {"file": SimpleUploadedFile("x.csv", b"PK\x03\x04not a zip")}
    )
    assert "Dit is geen CSV-bestand en geen Excel-werkmap" in response.content.decode()


# --- Profile ---------------------------------------------------------------------------------


def test_schoolopleider_edits_and_publishes_the_profile_of_own_school(samen, client_for):
    client = client_for(samen.users["schoolopleider"])
    response = client.post(
        url(samen, "profile_edit", pk=samen.school.pk),
        {"is_published": "on", "speerpunten": "Rekenen", "onderwijsconcept": "Jenaplan"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        profile = SchoolProfile.objects.get(school=samen.school)
    assert profile.is_published and profile.onderwijsconcept == "Jenaplan"


def test_mentor_cannot_edit_the_profile(samen, client_for):
    response = client_for(samen.users["mentor"]).get(url(samen, "profile_edit", pk=samen.school.pk))
    assert response.status_code == 404


# --- Partners --------------------------------------------------------------------------------


def test_partner_list_shows_organisations_with_their_membership(samen, client_for):
    response = client_for(samen.users["stuurgroep"]).get(url(samen, "partner_list"))
    body = response.content.decode()
    assert "Stichting Zonnebloem" in body and "Hogeschool Zonnebloem" in body
    assert not response.context["can_manage"]


def test_partner_list_export_csv(samen, client_for):
    response = client_for(samen.users["coordinator"]).get(
        url(samen, "partner_list"), {"kind": "institute", "export": "csv"}
    )
    lines = response.getvalue().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Organisatie;Korte naam;Soort")
    assert len(lines) == 2 and "Hogeschool Zonnebloem" in lines[1]


def test_coordinator_adds_an_existing_institute_found_by_searching(samen, other, client_for):
    client = client_for(samen.users["coordinator"])
    found = client.get(url(samen, "partner_create"), {"zoek": "Kraanvogel"})
    institute = other.institute.organisation
    assert institute in list(found.context["matches"])
    response = client.post(
        url(samen, "partner_create"),
        {"organisation": institute.pk, "joined_on": "2022-01-01"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert Partner.objects.filter(organisation=institute).count() == 2


def test_partner_create_page_lists_no_organisations_before_searching(samen, other, client_for):
    response = client_for(samen.users["coordinator"]).get(url(samen, "partner_create"))
    assert "Kraanvogel" not in response.content.decode()


def test_coordinator_cannot_make_a_second_penvoerder(samen, client_for):
    client = client_for(samen.users["coordinator"])
    with scopes_disabled():
        Partner.objects.filter(pk=samen.board.pk).update(is_penvoerder=True)
    response = client.post(
        url(samen, "partner_edit", pk=samen.institute.pk),
        {"joined_on": "2020-08-01", "is_penvoerder": "on", "org-name": "Hogeschool Zonnebloem"},
    )
    assert response.status_code == 200
    assert "al penvoerder" in response.content.decode()


def test_coordinator_records_that_a_partner_left(samen, client_for):
    response = client_for(samen.users["coordinator"]).post(
        url(samen, "partner_edit", pk=samen.institute.pk),
        {"joined_on": "2020-08-01", "left_on": "2025-07-31", "org-name": "Hogeschool Zonnebloem"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        samen.institute.refresh_from_db()
    assert samen.institute.left_on == dt.date(2025, 7, 31)


# --- Groupings -------------------------------------------------------------------------------


def test_coordinator_creates_a_network_whose_hub_is_one_of_its_schools(samen, client_for):
    a, b = add_schools(samen, 2)
    response = client_for(samen.users["coordinator"]).post(
        url(samen, "grouping_create"),
        {
            "kind": "netwerk",
            "name": "Netwerk Stad",
            "hub": a.pk,
            "schools": [b.pk],
            "team": [samen.people["schoolopleider"].pk],
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        grouping = Grouping.objects.get(name="Netwerk Stad")
        assert set(grouping.schools.values_list("pk", flat=True)) == {a.pk, b.pk}
        assert list(grouping.team.all()) == [samen.people["schoolopleider"]]


def test_a_grouping_cannot_take_another_partnerships_school(samen, other, client_for):
    response = client_for(samen.users["coordinator"]).post(
        url(samen, "grouping_create"),
        {"kind": "cluster", "name": "Cluster X", "schools": [other.school.pk]},
    )
    assert response.status_code == 200
    with scopes_disabled():
        assert not Grouping.objects.filter(name="Cluster X").exists()
