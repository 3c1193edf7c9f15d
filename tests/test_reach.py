"""Reach inside one partnership, tried through the pages as the people who would try it.

Each test here reproduces a finding of the security review (issue 11) as its user met it: a
CoOP'er scoped to one board, a mentor of another school, an external reviewer with one grant,
last year's mentor. They go through the real views, so a check that exists only in a form,
or only in `can()`, does not make them pass.
"""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from guardian.shortcuts import assign_perm

from partnerships.models import Grouping, Organisation, School
from placements.models import Placement
from roles.models import Role, RoleAssignment
from samen.schooljaar import Schooljaar
from tests import factories as f
from tests.background import run_jobs


def url(tenant, name, **kwargs):
    return reverse(name, kwargs={"partnership_slug": tenant.partnership.slug, **kwargs})


def board_cooper(tenant):
    """A CoOP'er whose role is scoped to the tenant's board (not the whole partnership)."""
    with scopes_disabled():
        user = f.UserFactory(email=f"cooper@{tenant.partnership.slug}.test")
        person = f.PersonFactory(partnership=tenant.partnership, user=user, email=user.email)
        f.RoleAssignmentFactory(
            partnership=tenant.partnership, person=person, role=Role.COOPER, partner=tenant.board
        )
    return user, person


def second_board(tenant):
    """Another board of the same partnership, with one school."""
    with scopes_disabled():
        board = f.PartnerFactory(
            partnership=tenant.partnership, organisation__name="Stichting Elders"
        )
        school = f.SchoolFactory(partnership=tenant.partnership, board=board, name="School Elders")
    return board, school


def count(model, **lookup):
    with scopes_disabled():
        return model.objects.filter(**lookup).count()


# --- Finding 1: a board-scoped CoOP'er stays inside its board --------------------------------


def test_board_cooper_cannot_import_themselves_into_projectcoordinator(samen, client_for):
    user, _person = board_cooper(samen)
    client = client_for(user)
    csv = f"voornaam;achternaam;e-mail;rol;school\nAnne;Bos;{user.email};projectcoordinator;\n"
    client.post(
        url(samen, "roles:person_import"),
        {"file": SimpleUploadedFile("mensen.csv", csv.encode())},
    )
    client.post(url(samen, "roles:person_import_confirm"))
    run_jobs()  # the confirmation runs in the background, as the importer (samen.jobs)

    assert count(RoleAssignment, person__user=user, role=Role.PROJECTCOORDINATOR) == 0
    assert client.get(url(samen, "quality:dossier", pk=samen.dossier.pk)).status_code == 404


def test_board_cooper_cannot_grant_a_partnership_wide_role_on_the_person_page(samen, client_for):
    user, person = board_cooper(samen)
    client = client_for(user)
    client.post(
        url(samen, "roles:assignment_create", pk=person.pk),
        {
            "role": Role.PROJECTCOORDINATOR,
            "scope_kind": "partnership",
            "schooljaar_from": Schooljaar.current().start_year,
        },
    )
    assert count(RoleAssignment, person=person, role=Role.PROJECTCOORDINATOR) == 0


def test_board_cooper_cannot_create_a_school_in_another_board(samen, client_for):
    elsewhere, _school = second_board(samen)
    user, _person = board_cooper(samen)
    client_for(user).post(
        url(samen, "partnerships:school_create"),
        {"name": "Nieuwe School", "board": elsewhere.pk, "place": "Zwolle", "sector": "po"},
    )
    assert count(School, name="Nieuwe School") == 0


def test_board_cooper_cannot_create_a_placement_at_another_boards_school(samen, client_for):
    _board, elsewhere = second_board(samen)
    user, _person = board_cooper(samen)
    with scopes_disabled():
        mentor = f.PersonFactory(partnership=samen.partnership)
        f.RoleAssignmentFactory(
            partnership=samen.partnership, person=mentor, role=Role.MENTOR, school=elsewhere
        )
    before = count(Placement)
    client_for(user).post(
        url(samen, "placements:create"),
        {
            "student": samen.people["student"].pk,
            "school": elsewhere.pk,
            "mentor": mentor.pk,
            "instituutsopleider": samen.people["io"].pk,
            "starts_on": "2026-09-07",
            "ends_on": "2027-01-29",
        },
    )
    assert count(Placement) == before


def test_board_cooper_cannot_add_partners_or_groupings_of_other_boards(samen, client_for):
    _board, elsewhere = second_board(samen)
    user, _person = board_cooper(samen)
    client = client_for(user)
    client.post(
        url(samen, "partnerships:partner_create"),
        {"name": "Stichting Nieuw", "kind": "board", "joined_on": "2026-08-01"},
    )
    client.post(
        url(samen, "partnerships:grouping_create"),
        {"kind": "cluster", "name": "Cluster Elders", "schools": [elsewhere.pk]},
    )
    assert count(Organisation, name="Stichting Nieuw") == 0
    assert count(Grouping, name="Cluster Elders") == 0


def test_board_cooper_does_not_read_people_outside_the_board(samen, client_for):
    _board, elsewhere = second_board(samen)
    with scopes_disabled():
        outsider = f.PersonFactory(partnership=samen.partnership, last_name="Buitenbestuur")
        f.RoleAssignmentFactory(
            partnership=samen.partnership, person=outsider, role=Role.MENTOR, school=elsewhere
        )
    user, _person = board_cooper(samen)
    client = client_for(user)
    assert client.get(url(samen, "roles:person_detail", pk=outsider.pk)).status_code == 404
    listing = client.get(url(samen, "roles:person_list"))
    assert "Buitenbestuur" not in listing.content.decode()


# --- Finding 2: a mentor works at the placement's school ---------------------------------------


def test_mentor_of_one_school_cannot_be_made_mentor_at_another_school(samen, client_for):
    _board, elsewhere = second_board(samen)
    before = count(Placement)
    response = client_for(samen.users["coordinator"]).post(
        url(samen, "placements:create"),
        {
            "student": samen.people["student"].pk,
            "school": elsewhere.pk,
            "mentor": samen.people["mentor"].pk,  # mentor at samen.school, not at `elsewhere`
            "instituutsopleider": samen.people["io"].pk,
            "starts_on": "2026-09-07",
            "ends_on": "2027-01-29",
        },
    )
    assert count(Placement) == before
    assert response.status_code == 200  # the form again, with the reason


# --- Finding 3: a grant opens exactly its page ------------------------------------------------


def test_reviewer_with_a_grant_on_one_dossier_opens_that_dossier_and_nothing_else(
    samen, client_for
):
    with scopes_disabled():
        reviewer = f.UserFactory(email="reviewer@panel.test")
        other_dossier = f.DossierFactory(partnership=samen.partnership, title="Ander dossier")
    assign_perm("quality.view_dossier", reviewer, samen.dossier)
    client = client_for(reviewer)

    page = client.get(url(samen, "quality:dossier", pk=samen.dossier.pk))
    assert page.status_code == 200
    assert "Reflectie Zonnebloem" in page.content.decode()
    assert client.get(url(samen, "quality:dossier", pk=other_dossier.pk)).status_code == 404
    assert client.get(url(samen, "placements:list")).status_code == 404
    assert client.get(url(samen, "partnerships:school_list")).status_code == 404
    dashboard = client.get(url(samen, "dashboard"))
    assert dashboard.status_code == 200
    assert "Reflectie Zonnebloem" in dashboard.content.decode()
    assert "Ander dossier" not in dashboard.content.decode()


# --- Finding 4: access follows the object's schooljaar ----------------------------------------


def test_last_years_mentor_still_opens_last_years_placement_and_its_forms(samen, client_for):
    last = Schooljaar.current().start_year - 1
    with scopes_disabled():
        user = f.UserFactory()
        mentor = f.PersonFactory(partnership=samen.partnership, user=user)
        f.RoleAssignmentFactory(
            partnership=samen.partnership,
            person=mentor,
            role=Role.MENTOR,
            school=samen.school,
            schooljaar_from=last,
            schooljaar_to=last,
        )
        placement = f.PlacementFactory(
            partnership=samen.partnership,
            school=samen.school,
            student=samen.people["student"],
            mentor=mentor,
            instituutsopleider=samen.people["io"],
            starts_on=dt.date(last + 1, 2, 1),
            ends_on=dt.date(last + 1, 6, 30),
            period=samen.placement_period,
        )
        f.open_placement_form(placement)
        this_years = samen.placement
    client = client_for(user)
    assert client.get(url(samen, "placements:detail", pk=placement.pk)).status_code == 200
    form = url(samen, "placementforms:detail", pk=placement.pk, kind="start")
    assert client.get(form).status_code == 200
    # …but last year's role does not reach this year's placements of the school.
    assert client.get(url(samen, "placements:detail", pk=this_years.pk)).status_code == 404


def test_this_years_role_does_not_reach_back_into_last_years_placements(samen, client_for):
    """A schoolopleider who started this schooljaar does not read last year's placements."""
    last = Schooljaar.current().start_year - 1
    with scopes_disabled():
        old = f.PlacementFactory(
            partnership=samen.partnership,
            school=samen.school,
            starts_on=dt.date(last, 9, 1),
            ends_on=dt.date(last + 1, 1, 31),
        )
    client = client_for(samen.users["schoolopleider"])
    assert client.get(url(samen, "placements:detail", pk=old.pk)).status_code == 404
    assert client.get(url(samen, "placements:detail", pk=samen.placement.pk)).status_code == 200


# --- Finding 5: MFA for every privileged account, decided per request ---------------------------


def test_platform_administrator_without_totp_is_sent_to_the_totp_setup(client, db, settings):
    settings.SAMEN_REQUIRE_MFA = True
    admin = f.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_someone_promoted_to_coordinator_mid_session_is_asked_for_a_second_factor(
    samen, client_for, settings
):
    settings.SAMEN_REQUIRE_MFA = True
    client = client_for(samen.users["mentor"])
    assert client.get(url(samen, "dashboard")).status_code == 200
    with scopes_disabled():
        RoleAssignment.objects.create(
            partnership=samen.partnership,
            person=samen.people["mentor"],
            role=Role.PROJECTCOORDINATOR,
            schooljaar_from=Schooljaar.current().start_year,
        )
    response = client.get(url(samen, "dashboard"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
