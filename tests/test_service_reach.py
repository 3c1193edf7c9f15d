"""The services refuse what lies outside the actor's reach, whatever a form offered.

The HTTP walk (tests/test_scoped_writes.py) meets the forms first, which already leave out
what is out of reach. Here each write operation is called directly, as a tampered request or a
future caller would, by a CoOP'er scoped to one board: each is refused with a DomainError and
the database is left exactly as it was.
"""

import datetime as dt

import pytest
from django.test import RequestFactory
from django_scopes import scopes_disabled

from matching import services as matching
from network import services as network
from partnerships import services as org
from partnerships.models import Grouping, School, SchoolProfile
from partnerships.resources import UPLOAD as SCHOOL_UPLOAD
from placementforms import services as forms
from placements import services as placements
from placements.models import LeergroepMeeting
from roles import services as people
from roles.access import access_for
from roles.resources import UPLOAD as PEOPLE_UPLOAD
from samen.errors import DomainError
from samen.uploads import read_upload
from tests.test_scoped_writes import World, actor, snapshot


@pytest.fixture
def setting(samen):
    world = World(samen)
    return world, access_for(actor(world, "board_cooper"), samen.partnership)


def _people_dataset(rows):
    lines = ["voornaam;achternaam;e-mail;rol;school", *(";".join(row) for row in rows)]
    return read_upload("\n".join(lines).encode(), **PEOPLE_UPLOAD)


def _schools_dataset():
    content = "naam;bestuur;plaats;sector\nOBS Import;Stichting Elders;Ede;po\n"
    return read_upload(content.encode(), **SCHOOL_UPLOAD)


CALLS = {
    "create a placement at another board's school": lambda w, a: placements.create_placement(
        a,
        student=w.t.people["student"],
        school=w.school,
        mentor=w.mentor,
        instituutsopleider=w.t.people["io"],
        starts_on=dt.date(2027, 2, 1),
        ends_on=dt.date(2027, 6, 30),
    ),
    "move another board's placement": lambda w, a: placements.transition(
        a, w.placement, "voorgesteld"
    ),
    "write another mentor's startgesprek": lambda w, a: forms.save_answers(
        a, w.placement_form, {"leerdoelen": "x"}
    ),
    "submit another mentor's startgesprek": lambda w, a: forms.submit(a, w.placement_form),
    "sign another mentor's startgesprek": lambda w, a: forms.sign(a, w.placement_form),
    "reopen another mentor's startgesprek": lambda w, a: forms.reopen(a, w.placement_form, "x"),
    "move an own student to another board's school": lambda w, a: placements.overstap(
        a,
        w.running,
        school=w.school,
        mentor=w.mentor,
        move_on=w.running.starts_on.replace(month=11, day=2),
        reason="Gekaapt",
    ),
    "move another board's student": lambda w, a: placements.overstap(
        a,
        w.placement,
        school=w.t.school,
        mentor=w.t.people["mentor"],
        move_on=w.placement.starts_on.replace(month=11, day=2),
        reason="Gekaapt",
    ),
    "extend another board's placement": lambda w, a: placements.extend(
        a, w.placement, ends_on=w.placement.ends_on.replace(month=3), reason="Gekaapt"
    ),
    "give another board's placement a coach": lambda w, a: placements.set_coach(
        a, w.placement, w.mentor
    ),
    "start a leergroep at another board's school": lambda w, a: placements.create_leergroep(
        a, school=w.school, name="Gekaapt", leader=w.mentor, schooljaar=w.leergroep.schooljaar
    ),
    "change another board's leergroep": lambda w, a: placements.update_leergroep(
        a, w.leergroep, name="Gekaapt", leader=w.mentor, members=[]
    ),
    "plan a meeting of another board's leergroep": lambda w, a: placements.save_meeting(
        a,
        LeergroepMeeting(
            leergroep=w.leergroep, starts_at=dt.datetime(2027, 2, 10, 15), topic="Gekaapt"
        ),
    ),
    "open capacity at another board's school": lambda w, a: matching.open_capacity(
        a, school=w.school, period=w.t.period
    ),
    "offer places at another board's school": lambda w, a: matching.save_capacity(
        a, w.capacity, places=[matching.PlaceRow("groep 5", 9)], mentors=[]
    ),
    "assign a request (the board is the institute's)": lambda w, a: matching.assign(
        a,
        w.t.placement_request,
        school=w.t.school,
        mentor=w.t.people["mentor"],
        instituutsopleider=w.t.people["io"],
    ),
    "withdraw a student's request": lambda w, a: matching.withdraw_request(
        a, w.t.placement_request
    ),
    "import requests": lambda w, a: matching.import_requests(
        a,
        read_upload(
            f"e-mail;periode\n{w.t.people['student'].email};{w.t.period.name}\n".encode(),
            **matching.REQUEST_UPLOAD,
        ),
    ),
    "add a school to another board": lambda w, a: org.save_school(
        a, School(partnership=w.t.partnership, board=w.board, name="X", place="Y", sector="po")
    ),
    "move an own school to another board": lambda w, a: org.save_school(
        a, _with(School.objects.get(pk=w.t.school.pk), board=w.board)
    ),
    "set the cohort of another board's school": lambda w, a: org.set_cohort(
        a, School.objects.filter(pk__in=[w.school.pk, w.t.school.pk]), 2
    ),
    "walk another board's school": lambda w, a: org.record_training_step(
        a, w.school, "gestopt", dt.date(2026, 11, 1)
    ),
    "publish another board's school profile": lambda w, a: org.save_profile(
        a, SchoolProfile(partnership=w.t.partnership, school=w.school, proud_of="x")
    ),
    "import a school into another board": lambda w, a: org.import_schools(a, _schools_dataset()),
    "add a partner": lambda w, a: org.add_partner(
        a, new_organisation={"name": "Nieuw", "kind": "board"}, joined_on=dt.date(2026, 8, 1)
    ),
    "make the own board penvoerder": lambda w, a: org.update_membership(
        a, w.t.board, joined_on=dt.date(2020, 8, 1), is_penvoerder=True
    ),
    "rename the own board's organisation": lambda w, a: org.update_organisation(
        a, w.t.board.organisation, name="Hernoemd"
    ),
    "make a grouping": lambda w, a: org.save_grouping(
        a,
        Grouping(partnership=w.t.partnership, kind="cluster", name="C"),
        schools=[w.t.school],
        team=[],
    ),
    "add a person with a role at another board's school": lambda w, a: people.create_person(
        a,
        first_name="N",
        last_name="P",
        email="n@example.org",
        first_role={"role": "mentor", "school": w.school},
    ),
    "add a person without a role": lambda w, a: people.create_person(
        a, first_name="N", last_name="P", email="n@example.org"
    ),
    "edit a person of another board": lambda w, a: people.update_person(
        a, w.mentor, first_name="Gekaapt", last_name="X", email="kaper@evil.example"
    ),
    "edit the projectcoordinator": lambda w, a: people.update_person(
        a, w.t.people["coordinator"], first_name="X", last_name="Y", email="k@evil.example"
    ),
    "grant projectcoordinator": lambda w, a: people.assign_role(
        a, w.t.people["mentor"], role="projectcoordinator"
    ),
    "grant bestuurder of the own board": lambda w, a: people.assign_role(
        a, w.t.people["mentor"], role="bestuurder", partner=w.t.board
    ),
    "grant cooper of the own board": lambda w, a: people.assign_role(
        a, w.t.people["mentor"], role="cooper", partner=w.t.board
    ),
    "grant mentor at another board's school": lambda w, a: people.assign_role(
        a, w.t.people["mentor"], role="mentor", school=w.school
    ),
    "grant coach for the whole partnership": lambda w, a: people.assign_role(
        a, w.t.people["mentor"], role="coach"
    ),
    "move an own assignment to another board": lambda w, a: people.update_assignment(
        a, w.t.people["mentor"].roles.get(), school=w.school
    ),
    "end another board's assignment": lambda w, a: people.end_assignment(a, w.mentor_role),
    "bulk-grant at another board's school": lambda w, a: people.bulk_assign_role(
        a, [w.t.people["mentor"]], role="coach", school=w.school
    ),
    "invite a person of another board": lambda w, a: people.invite(
        a, w.mentor, RequestFactory().get("/")
    ),
    "import a governing role": lambda w, a: people.run_import(
        a, _people_dataset([["Anne", "Bos", "a@example.org", "stuurgroep", w.t.school.name]])
    ),
    "import a role at another board's school": lambda w, a: people.run_import(
        a, _people_dataset([["Anne", "Bos", "a@example.org", "mentor", w.school.name]])
    ),
    "import a role for the whole partnership": lambda w, a: people.run_import(
        a, _people_dataset([["Anne", "Bos", "a@example.org", "mentor", ""]])
    ),
    "describe a role": lambda w, a: people.describe_role(a, "mentor"),
    "add a body member": lambda w, a: network.add_member(a, w.body, w.mentor),
    "record a training": lambda w, a: network.record_training(
        a, people=[w.mentor], kind="mentorentraining", obtained_on=dt.date(2026, 1, 1)
    ),
    "delete a certificate": lambda w, a: network.delete_certificate(a, w.certificate),
    "name an expertise area": lambda w, a: network.save_area(a, name="Nieuw"),
    "delete an expertise area": lambda w, a: network.delete_area(a, w.area),
    "set another board's person's expertise": lambda w, a: network.set_expertise(
        a, w.mentor, [w.area]
    ),
}


def _with(obj, **fields):
    for name, value in fields.items():
        setattr(obj, name, value)
    return obj


@pytest.mark.parametrize("what", list(CALLS))
def test_the_service_refuses_and_changes_nothing(samen, setting, mailoutbox, what):
    world, access = setting
    before = snapshot()
    with samen.scope(), pytest.raises(DomainError):
        CALLS[what](world, access)
    assert snapshot() == before
    assert mailoutbox == []


def test_forms_are_not_the_guard_a_tampered_choice_meets_the_service(samen, setting):
    """The same operations inside the board succeed: the refusals above are about reach."""
    world, access = setting
    with samen.scope():
        placement = placements.create_placement(
            access,
            student=samen.people["student"],
            school=samen.school,
            mentor=samen.people["mentor"],
            instituutsopleider=samen.people["io"],
            starts_on=dt.date(2027, 2, 1),
            ends_on=dt.date(2027, 6, 30),
        )
        people.assign_role(access, samen.people["mentor"], role="coach", school=samen.school)
        person = people.create_person(
            access,
            first_name="N",
            last_name="P",
            email="n@example.org",
            first_role={"role": "mentor", "school": samen.school},
        )
    with scopes_disabled():
        assert placement.school == samen.school
        assert person.roles.get().school == samen.school


def test_an_edited_assignment_is_judged_as_stored_not_as_the_form_left_it(samen, setting):
    """A bound form sets the new role on the instance before the service runs: turning a
    bestuurder of the own board into a mentor must still be refused to a board CoOP'er."""
    world, access = setting
    with scopes_disabled():
        bestuurder = people.RoleAssignment.objects.create(
            partnership=samen.partnership,
            person=samen.people["mentor"],
            role="bestuurder",
            partner=samen.board,
            schooljaar_from=2026,
        )
    bestuurder.role = "mentor"  # what RoleAssignmentForm.is_valid() does to the instance
    with samen.scope(), pytest.raises(DomainError):
        people.update_assignment(access, bestuurder, role="mentor")
    with scopes_disabled():
        bestuurder.refresh_from_db()
    assert bestuurder.role == "bestuurder"


def test_dossier_writes_need_their_permission_in_the_service(samen, setting):
    from documents.services import request_render
    from quality import services as quality
    from quality.services import KRITISCHE_REFLECTIE, ensure_sections

    _world, board_cooper = setting
    with samen.scope():
        ensure_sections(samen.dossier)
        section = samen.dossier.sections.get(waarborg=1)
        before = snapshot()
        with pytest.raises(DomainError):
            quality.save_section(board_cooper, section, narrative="Gekaapt", reflection="")
        with pytest.raises(DomainError):
            request_render(board_cooper, samen.dossier, KRITISCHE_REFLECTIE)
        assert snapshot() == before
