"""Findings of the attacker's review of the permission change (issue 11), as tests: each failed
before its fix."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope, scopes_disabled

from cycle import services as quality
from notifications import services as notifications
from roles.models import Role, RoleAssignment
from samen.schooljaar import Schooljaar
from tests import factories as f
from tests.background import run_jobs
from tests.test_reach import board_cooper, second_board, url


def _mentor_elsewhere(tenant, school, email="buiten@example.org"):
    """A mentor of another board's school, without an account (not yet invited)."""
    with scopes_disabled():
        person = f.PersonFactory(
            partnership=tenant.partnership, last_name="Buitenbestuur", email=email
        )
        f.RoleAssignmentFactory(
            partnership=tenant.partnership, person=person, role=Role.MENTOR, school=school
        )
    return person


def _import(client, tenant, rows):
    text = "voornaam;achternaam;e-mail;rol;school;schooljaar\n" + "\n".join(rows) + "\n"
    page = client.post(
        url(tenant, "roles:person_import"),
        {"file": SimpleUploadedFile("mensen.csv", text.encode())},
    )
    client.post(url(tenant, "roles:person_import_confirm"))
    run_jobs()  # the confirmation runs in the background, as the importer (samen.jobs)
    return page


# --- F1: the people import reaches every person of the partnership by e-mail ---------------


def test_import_adds_no_role_to_a_person_outside_the_importers_reach(samen, client_for, mailoutbox):
    _board, elsewhere = second_board(samen)
    outsider = _mentor_elsewhere(samen, elsewhere)
    user, _person = board_cooper(samen)
    client = client_for(user)
    later = Schooljaar.current().start_year + 3
    _import(client, samen, [f"X;Y;BUITEN@example.org;coach;{samen.school.name};{later}"])

    with scopes_disabled():
        assert not RoleAssignment.objects.filter(person=outsider, role=Role.COACH).exists()
    assert client.get(url(samen, "roles:person_detail", pk=outsider.pk)).status_code == 404
    # …so the outsider's address cannot be changed to the importer's and invited either.
    client.post(
        url(samen, "roles:person_edit", pk=outsider.pk),
        {"first_name": "B", "last_name": "B", "email": "attacker@evil.example"},
    )
    client.post(url(samen, "roles:person_invite", pk=outsider.pk))
    with scopes_disabled():
        outsider.refresh_from_db()
    assert outsider.email == "buiten@example.org" and outsider.user_id is None
    assert mailoutbox == []


def test_import_does_not_bring_the_projectcoordinator_into_a_board_coopers_reach(samen, client_for):
    user, _person = board_cooper(samen)
    client = client_for(user)
    coordinator = samen.people["coordinator"]
    _import(client, samen, [f"X;Y;{coordinator.email};coach;{samen.school.name};"])
    assert client.get(url(samen, "roles:person_detail", pk=coordinator.pk)).status_code == 404


def test_import_preview_does_not_name_a_person_outside_reach(samen, client_for):
    _board, elsewhere = second_board(samen)
    _mentor_elsewhere(samen, elsewhere)
    user, _person = board_cooper(samen)
    page = _import(client_for(user), samen, [f";;buiten@example.org;mentor;{elsewhere.name};"])
    assert "Buitenbestuur" not in page.content.decode()


# --- F2: grants are not bounded by the granter's own schooljaren ----------------------------


def test_board_cooper_cannot_backdate_a_role_to_read_last_years_placements(samen, client_for):
    last = Schooljaar.current().start_year - 1
    with scopes_disabled():
        old = f.PlacementFactory(
            partnership=samen.partnership,
            school=samen.school,
            student=samen.people["student"],
            mentor=samen.people["mentor"],
            instituutsopleider=samen.people["io"],
            starts_on=dt.date(last, 9, 1),
            ends_on=dt.date(last + 1, 1, 31),
        )
    user, person = board_cooper(samen)  # CoOP'er from this schooljaar on
    client = client_for(user)
    assert client.get(url(samen, "placements:detail", pk=old.pk)).status_code == 404
    client.post(
        url(samen, "roles:assignment_create", pk=person.pk),
        {
            "role": "schoolopleider",
            "scope_kind": "school",
            "school": samen.school.pk,
            "schooljaar_from": last,
            "schooljaar_to": last,
        },
    )
    with scopes_disabled():
        assert not RoleAssignment.objects.filter(person=person, role="schoolopleider").exists()
    assert client.get(url(samen, "placements:detail", pk=old.pk)).status_code == 404
    form = url(samen, "placementforms:detail", pk=old.pk, kind="start")
    assert client.get(form).status_code == 404


# --- F3: people who (will) steer the partnership, edited by who may not grant their role ----


def test_a_cooper_cannot_take_over_a_projectcoordinator_by_changing_the_address(
    samen, client_for, mailoutbox
):
    with scopes_disabled():
        cu = f.UserFactory(email="widecooper@example.org")
        cp = f.PersonFactory(partnership=samen.partnership, user=cu, email=cu.email)
        f.RoleAssignmentFactory(partnership=samen.partnership, person=cp, role=Role.COOPER)
        pc = f.PersonFactory(partnership=samen.partnership, email="pc2@example.org")
        f.RoleAssignmentFactory(
            partnership=samen.partnership, person=pc, role=Role.PROJECTCOORDINATOR
        )
    client = client_for(cu)
    client.post(
        url(samen, "roles:person_edit", pk=pc.pk),
        {"first_name": "P", "last_name": "C", "email": "cooper-alt@evil.example"},
    )
    client.post(url(samen, "roles:person_invite", pk=pc.pk))
    with scopes_disabled():
        pc.refresh_from_db()
    assert pc.email == "pc2@example.org" and pc.user_id is None
    assert mailoutbox == []


def test_board_cooper_cannot_edit_someone_who_joins_the_stuurgroep_next_year(
    samen, client_for, mailoutbox
):
    with scopes_disabled():
        p = f.PersonFactory(partnership=samen.partnership, email="tk@example.org")
        f.RoleAssignmentFactory(
            partnership=samen.partnership, person=p, role=Role.MENTOR, school=samen.school
        )
        f.RoleAssignmentFactory(
            partnership=samen.partnership,
            person=p,
            role=Role.STUURGROEP,
            schooljaar_from=Schooljaar.current().start_year + 1,
        )
    user, _person = board_cooper(samen)
    client = client_for(user)
    client.post(
        url(samen, "roles:person_edit", pk=p.pk),
        {"first_name": "T", "last_name": "K", "email": "attacker@evil.example"},
    )
    client.post(url(samen, "roles:person_invite", pk=p.pk))
    with scopes_disabled():
        p.refresh_from_db()
    assert p.email == "tk@example.org" and p.user_id is None
    assert mailoutbox == []


# --- F4: a person stays in reach through roles that ended years ago -------------------------


def test_a_role_that_ended_years_ago_does_not_keep_a_person_in_a_board_coopers_reach(
    samen, client_for
):
    _board, elsewhere = second_board(samen)
    with scopes_disabled():
        moved = f.PersonFactory(partnership=samen.partnership, last_name="Vertrokken")
        f.RoleAssignmentFactory(
            partnership=samen.partnership,
            person=moved,
            role=Role.MENTOR,
            school=samen.school,
            schooljaar_from=2018,
            schooljaar_to=2019,
        )
        f.RoleAssignmentFactory(
            partnership=samen.partnership, person=moved, role=Role.MENTOR, school=elsewhere
        )
    user, _person = board_cooper(samen)
    client = client_for(user)
    assert client.get(url(samen, "roles:person_detail", pk=moved.pk)).status_code == 404
    assert "Vertrokken" not in client.get(url(samen, "roles:person_list")).content.decode()


# --- F5: review-moment reminders go to coordinators of other boards -------------------------


def test_reminders_go_only_to_people_who_reach_the_moment(samen, mailoutbox):
    board_b, _school_b = second_board(samen)
    with scopes_disabled():
        person = f.PersonFactory(partnership=samen.partnership, email="cooper-b@example.org")
        f.RoleAssignmentFactory(
            partnership=samen.partnership, person=person, role=Role.COOPER, partner=board_b
        )
    today = dt.date.today()
    with scope(partnership=samen.partnership):
        quality.plan_review_moment(
            partnership=samen.partnership,
            school=samen.school,
            due_on=today + dt.timedelta(days=7),
            title="Evaluatiegesprek School Zonnebloem",
        )
    notifications.send_due(today=today)
    recipients = {address for message in mailoutbox for address in message.to}
    assert "cooper-b@example.org" not in recipients
    assert samen.people["coordinator"].email in recipients  # the positive control


# --- F6: the MFA exemption matches a partnership slug that starts with "healthz" -------------


def test_mfa_is_required_in_a_partnership_whose_slug_starts_with_healthz(db, client, settings):
    settings.SAMEN_REQUIRE_MFA = True
    with scopes_disabled():
        partnership = f.PartnershipFactory(slug="healthzorg")
        user = f.UserFactory(email="pc@healthzorg.test")
        person = f.PersonFactory(partnership=partnership, user=user, email=user.email)
        f.RoleAssignmentFactory(
            partnership=partnership, person=person, role=Role.PROJECTCOORDINATOR
        )
    client.force_login(user)
    response = client.get("/healthzorg/")
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"


# --- F7: filter forms offer names outside reach ----------------------------------------------


def test_filters_offer_only_schools_and_boards_in_reach(samen, client_for):
    _board, _elsewhere = second_board(samen)  # "Stichting Elders" with "School Elders"
    user, _person = board_cooper(samen)
    people = client_for(user).get(url(samen, "roles:person_list")).content.decode()
    assert "School Elders" not in people
    assert "Stichting Elders" not in people
    schools = (
        client_for(samen.users["schoolopleider"])
        .get(url(samen, "partnerships:school_list"))
        .content.decode()
    )
    assert "Stichting Elders" not in schools
