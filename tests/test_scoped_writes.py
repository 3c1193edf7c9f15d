"""Every create, import, bulk and grant route, tried by each scoped role against what lies
outside its reach: afterwards the database holds exactly what it held before, and no mail
went out.

The actors: a CoOP'er scoped to one board, a CoOP'er scoped to one cluster, an
instituutscoördinator scoped to one institute, a schoolopleider of one school, and a mentor.
"Outside" is a second board with its school, mentor and placement, plus whatever only a
coordinator for the whole partnership may do (partners, groupings, the overlegstructuur,
governing roles). The snapshot compares every row of every model the routes can touch, so a
write that slips through anywhere fails the test. Positive controls at the end show that the
same routes do write inside the actor's reach, so the attempts are well-formed.
"""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse
from django_scopes import scopes_disabled

from documents.models import Render
from matching.models import Capacity, CapacityMentor, CapacityPlace, PlacementRequest
from network.models import Body, BodyMembership, Certificate, ExpertiseArea, Meeting
from partnerships.models import (
    Grouping,
    Organisation,
    Partner,
    School,
    SchoolProfile,
    TrainingPathStep,
)
from placementforms.models import PlacementForm
from placements.models import Leergroep, LeergroepMeeting, Placement, PlacementEvent
from quality.models import ReflectieSection
from questionnaires.models import Answer, Response, Signature
from roles.models import Person, RoleAssignment, RoleDescription
from samen.schooljaar import Schooljaar
from tests import factories as f
from tests.background import run_jobs

WATCHED = [
    Placement,
    Capacity,
    CapacityPlace,
    CapacityMentor,
    PlacementRequest,
    PlacementEvent,
    PlacementForm,
    Response,
    Answer,
    Signature,
    Leergroep,
    LeergroepMeeting,
    School,
    SchoolProfile,
    TrainingPathStep,
    Partner,
    Organisation,
    Grouping,
    Person,
    RoleAssignment,
    RoleDescription,
    Body,
    BodyMembership,
    Meeting,
    Certificate,
    ExpertiseArea,
    ReflectieSection,
    Render,
]


def snapshot():
    """Every row of every watched model, with its many-to-many links."""
    with scopes_disabled():
        return {
            model.__name__: sorted(
                (
                    obj.pk,
                    repr(
                        sorted(
                            (k, sorted(map(str, v)) if isinstance(v, list) else str(v))
                            for k, v in model_to_dict(obj).items()
                        )
                    ),
                )
                for obj in model.objects.all()
            )
            for model in WATCHED
        }


class World:
    """The `samen` tenant plus a second board with its own school, people and placement."""

    def __init__(self, tenant):
        self.t = tenant
        year = Schooljaar.current().start_year
        with scopes_disabled():
            p = tenant.partnership
            self.board = f.PartnerFactory(partnership=p, organisation__name="Stichting Elders")
            self.school = f.SchoolFactory(partnership=p, board=self.board, name="School Elders")
            self.mentor = f.PersonFactory(partnership=p, last_name="Eldersmentor")
            self.mentor_role = f.RoleAssignmentFactory(
                partnership=p, person=self.mentor, role="mentor", school=self.school
            )
            # Its forms are an institute's of its own, out of the actors' reach too.
            self.institute = f.PartnerFactory(
                partnership=p,
                organisation__name="Hogeschool Elders",
                organisation__kind="institute",
            )
            self.period = f.PlacementPeriodFactory(partnership=p, institute=self.institute)
            f.form_template(p, self.institute, "start")
            self.placement = f.PlacementFactory(
                partnership=p,
                period=self.period,
                school=self.school,
                student=tenant.people["student"],
                mentor=self.mentor,
                instituutsopleider=tenant.people["io"],
                starts_on=dt.date(year, 9, 7),
                ends_on=dt.date(year + 1, 1, 29),
            )
            self.placement_form = f.open_placement_form(self.placement)
            # A running placement of the actor's own board (a student to move or extend), and a
            # leergroep at the other board's school.
            self.running = f.PlacementFactory(
                partnership=p,
                school=tenant.school,
                mentor=tenant.people["mentor"],
                instituutsopleider=tenant.people["io"],
                starts_on=dt.date(year, 9, 7),
                ends_on=dt.date(year + 1, 1, 29),
                status="lopend",
            )
            self.leergroep = f.LeergroepFactory(
                partnership=p, school=self.school, leader=self.mentor, name="Leergroep Elders"
            )
            self.leergroep.members.add(self.placement)
            # The other board's school offers places in the tenant's period.
            self.capacity = f.CapacityFactory(
                partnership=p, school=self.school, period=tenant.period
            )
            self.cluster = Grouping.objects.create(partnership=p, kind="cluster", name="Noord")
            self.cluster.schools.add(tenant.school)
            self.body = Body.objects.create(partnership=p, kind="stuurgroep", name="Stuurgroep")
            self.certificate = Certificate.objects.create(
                partnership=p,
                person=self.mentor,
                kind="mentorentraining",
                obtained_on=dt.date(2025, 6, 1),
            )
            self.area = ExpertiseArea.objects.create(partnership=p, name="Rekenen")

    def url(self, name, **kwargs):
        return reverse(name, kwargs={"partnership_slug": self.t.partnership.slug, **kwargs})


def actor(world, kind):
    """A user of the tenant with one scoped role."""
    t = world.t
    with scopes_disabled():
        user = f.UserFactory(email=f"{kind}@actor.test")
        person = f.PersonFactory(partnership=t.partnership, user=user, email=user.email)
        scope = {
            "board_cooper": {"role": "cooper", "partner": t.board},
            "cluster_cooper": {"role": "cooper", "grouping": world.cluster},
            "institute_coordinator": {"role": "instituutscoordinator", "partner": t.institute},
            "schoolopleider": {"role": "schoolopleider", "school": t.school},
            "mentor": {"role": "mentor", "school": t.school},
        }[kind]
        f.RoleAssignmentFactory(partnership=t.partnership, person=person, **scope)
    return user


def upload(name, text):
    return SimpleUploadedFile(name, text.encode("utf-8"))


# --- The attempts: each one reaches outside the actor's reach --------------------------------


def create_placement_elsewhere(client, w):
    client.post(
        w.url("placements:create"),
        {
            "student": w.t.people["student"].pk,
            "school": w.school.pk,
            "mentor": w.mentor.pk,
            "instituutsopleider": w.t.people["io"].pk,
            "starts_on": "2027-02-01",
            "ends_on": "2027-06-30",
        },
    )


def move_placement_elsewhere(client, w):
    client.post(w.url("placements:transition", pk=w.placement.pk), {"status": "voorgesteld"})


def write_someone_elses_form(client, w):
    kwargs = {"pk": w.placement.pk, "kind": "start"}
    client.post(w.url("placementforms:detail", **kwargs), {"q_leerdoelen": "Overgenomen"})
    client.post(w.url("placementforms:autosave", **kwargs), {"q_leerdoelen": "Overgenomen"})
    client.post(w.url("placementforms:submit", **kwargs), {"confirm": "1"})
    client.post(w.url("placementforms:sign", **kwargs), {"confirm": "1"})
    client.post(w.url("placementforms:reopen", **kwargs), {"confirm": "1", "reason": "x"})


def overstap_out_of_reach(client, w):
    """Move an own running placement to the other board's school, and move theirs."""
    for placement, school, mentor in (
        (w.running, w.school, w.mentor),
        (w.placement, w.t.school, w.t.people["mentor"]),
    ):
        client.post(
            w.url("placements:overstap", pk=placement.pk),
            {
                "school": school.pk,
                "mentor": mentor.pk,
                "move_on": f"{placement.starts_on.year}-11-02",
                "reason": "Gekaapt",
                "confirm": "1",
            },
        )


def extend_and_coach_elsewhere(client, w):
    client.post(
        w.url("placements:extend", pk=w.placement.pk),
        {"ends_on": f"{w.placement.ends_on.year}-03-01", "reason": "Gekaapt", "confirm": "1"},
    )
    client.post(w.url("placements:coach", pk=w.placement.pk), {"coach": w.mentor.pk})


def leergroep_writes_elsewhere(client, w):
    client.post(
        w.url("placements:leergroep_create"),
        {
            "name": "Gekaapt",
            "school": w.school.pk,
            "schooljaar": str(Schooljaar.current().start_year),
            "leader": w.mentor.pk,
        },
    )
    client.post(
        w.url("placements:leergroep_edit", pk=w.leergroep.pk),
        {"name": "Gekaapt", "leader": w.mentor.pk, "members": []},
    )
    client.post(
        w.url("placements:leergroep_meeting_create", pk=w.leergroep.pk),
        {"starts_at": "2027-02-10T15:30", "topic": "Gekaapt"},
    )


def create_school_in_other_board(client, w):
    client.post(
        w.url("partnerships:school_create"),
        {"name": "Nieuwe School", "board": w.board.pk, "place": "Zwolle", "sector": "po"},
    )


def move_own_school_to_other_board(client, w):
    s = w.t.school
    client.post(
        w.url("partnerships:school_edit", pk=s.pk),
        {"name": s.name, "board": w.board.pk, "place": s.place, "sector": s.sector},
    )


def edit_school_elsewhere(client, w):
    client.post(
        w.url("partnerships:school_edit", pk=w.school.pk),
        {"name": "Gekaapt", "board": w.board.pk, "place": "Zwolle", "sector": "po"},
    )


def bulk_cohort_elsewhere(client, w):
    client.post(
        w.url("partnerships:school_bulk"),
        {"bulk-action": "cohort", "bulk-cohort": "3", "bulk-school": [w.school.pk]},
    )


def step_elsewhere(client, w):
    client.post(
        w.url("partnerships:school_step", pk=w.school.pk),
        {"status": "gestopt", "on": "2026-11-01"},
    )


def profile_elsewhere(client, w):
    client.post(
        w.url("partnerships:profile_edit", pk=w.school.pk),
        {"is_published": "on", "proud_of": "Gekaapt"},
    )


def import_schools_elsewhere(client, w):
    client.post(
        w.url("partnerships:school_import"),
        {
            "file": upload(
                "s.csv", "naam;bestuur;plaats;sector\nOBS Import;Stichting Elders;Ede;po\n"
            )
        },
    )
    client.post(w.url("partnerships:school_import_confirm"))
    run_jobs()  # the confirmation runs in the background, as the importer (samen.jobs)


def add_partner(client, w):
    client.post(
        w.url("partnerships:partner_create"),
        {"name": "Stichting Nieuw", "kind": "board", "joined_on": "2026-08-01"},
    )


def edit_own_board_membership(client, w):
    client.post(
        w.url("partnerships:partner_edit", pk=w.t.board.pk),
        {"joined_on": "2010-01-01", "is_penvoerder": "on", "org-name": "Hernoemd"},
    )


def create_grouping(client, w):
    client.post(
        w.url("partnerships:grouping_create"),
        {"kind": "cluster", "name": "Cluster Elders", "schools": [w.school.pk, w.t.school.pk]},
    )


def edit_grouping(client, w):
    client.post(
        w.url("partnerships:grouping_edit", pk=w.cluster.pk),
        {"kind": "cluster", "name": "Noord", "schools": [w.school.pk, w.t.school.pk]},
    )


def create_person_with_a_role_elsewhere(client, w):
    client.post(
        w.url("roles:person_create"),
        {
            "first_name": "Nieuw",
            "last_name": "Persoon",
            "email": "nieuw@example.org",
            "role": "mentor",
            "school": w.school.pk,
        },
    )


def edit_person_elsewhere(client, w):
    client.post(
        w.url("roles:person_edit", pk=w.mentor.pk),
        {"first_name": "Gekaapt", "last_name": "Mentor", "email": "kaper@evil.example"},
    )


def edit_the_projectcoordinator(client, w):
    coordinator = w.t.people["coordinator"]
    client.post(
        w.url("roles:person_edit", pk=coordinator.pk),
        {"first_name": "Gekaapt", "last_name": "X", "email": "kaper@evil.example"},
    )


def import_people_outside(client, w):
    rows = [
        "voornaam;achternaam;e-mail;rol;school",
        f"Anne;Bos;{w.t.users['mentor'].email};projectcoordinator;",
        f"Bert;Bos;bert@example.org;mentor;{w.school.name}",
        f"Carla;Bos;carla@example.org;stuurgroep;{w.t.school.name}",
        "Dirk;Bos;dirk@example.org;mentor;",
    ]
    for row in rows[1:]:
        client.post(
            w.url("roles:person_import"),
            {"file": upload("m.csv", rows[0] + "\n" + row + "\n")},
        )
        client.post(w.url("roles:person_import_confirm"))
        run_jobs()


def bulk_assign_outside(client, w):
    people = [w.t.people["mentor"].pk, w.t.people["schoolopleider"].pk]
    for data in (
        {"role": "mentor", "scope_kind": "school", "school": w.school.pk},
        {"role": "mentor", "scope_kind": "partnership"},
        {"role": "cooper", "scope_kind": "partner", "partner": w.t.board.pk},
        {"role": "bestuurder", "scope_kind": "partner", "partner": w.t.board.pk},
    ):
        client.post(
            w.url("roles:person_bulk"),
            {"action": "assign", "people": people, "schooljaar_from": "2026", **data},
        )


def bulk_end_and_invite_elsewhere(client, w):
    client.post(
        w.url("roles:person_bulk"), {"action": "end", "people": [w.mentor.pk], "role": "mentor"}
    )
    client.post(w.url("roles:person_bulk"), {"action": "invite", "people": [w.mentor.pk]})


def grant_roles_outside(client, w):
    own = w.t.people["mentor"]
    year = Schooljaar.current().start_year
    for data in (
        {"role": "projectcoordinator", "scope_kind": "partnership"},
        {"role": "stuurgroep", "scope_kind": "partnership"},
        {"role": "cooper", "scope_kind": "partner", "partner": w.t.board.pk},
        {"role": "bestuurder", "scope_kind": "partner", "partner": w.t.board.pk},
        {"role": "mentor", "scope_kind": "school", "school": w.school.pk},
        {"role": "mentor", "scope_kind": "partner", "partner": w.board.pk},
        {"role": "coach", "scope_kind": "partnership"},
    ):
        client.post(w.url("roles:assignment_create", pk=own.pk), {"schooljaar_from": year, **data})


def move_and_end_assignments(client, w):
    own = w.t.people["mentor"]
    with scopes_disabled():
        assignment = own.roles.get()
    client.post(
        w.url("roles:assignment_edit", pk=own.pk, assignment_pk=assignment.pk),
        {
            "role": "mentor",
            "scope_kind": "school",
            "school": w.school.pk,
            "schooljaar_from": assignment.schooljaar_from,
        },
    )
    client.post(
        w.url("roles:assignment_end", pk=w.mentor.pk, assignment_pk=w.mentor_role.pk),
    )


def invite_elsewhere(client, w):
    client.post(w.url("roles:person_invite", pk=w.mentor.pk))


def network_writes(client, w):
    client.post(w.url("network:body_create"), {"kind": "overig", "name": "Nieuw overleg"})
    client.post(w.url("network:body_edit", pk=w.body.pk), {"kind": "overig", "name": "Gekaapt"})
    client.post(w.url("network:body_member_add", pk=w.body.pk), {"person": w.mentor.pk})
    client.post(w.url("network:meeting_create", pk=w.body.pk), {"starts_at": "2026-12-01T10:00"})
    client.post(
        w.url("network:certificate_create"),
        {"person": w.mentor.pk, "kind": "mentorentraining", "obtained_on": "2026-01-01"},
    )
    client.post(
        w.url("network:training_record"),
        {"people": [w.mentor.pk], "kind": "mentorentraining", "obtained_on": "2026-01-01"},
    )
    client.post(w.url("network:certificate_delete", pk=w.certificate.pk))
    client.post(w.url("network:expertise_areas"), {"name": "Nieuw gebied"})
    client.post(w.url("network:expertise_area_edit", pk=w.area.pk), {"name": "Gekaapt"})
    client.post(w.url("network:expertise_area_delete", pk=w.area.pk))
    client.post(w.url("network:expertise_person", pk=w.mentor.pk), {"areas": [w.area.pk]})


def role_catalogue_writes(client, w):
    client.post(w.url("roles:role_description_create", role="mentor"))


def dossier_writes(client, w):
    client.post(
        w.url("quality:section_edit", pk=w.t.dossier.pk, waarborg=1),
        {"narrative": "Gekaapt", "reflection": ""},
    )
    client.post(w.url("documents:render_create", kind="kritische_reflectie", pk=w.t.dossier.pk))


ATTEMPTS = [
    create_placement_elsewhere,
    move_placement_elsewhere,
    write_someone_elses_form,
    overstap_out_of_reach,
    extend_and_coach_elsewhere,
    leergroep_writes_elsewhere,
    create_school_in_other_board,
    move_own_school_to_other_board,
    edit_school_elsewhere,
    bulk_cohort_elsewhere,
    step_elsewhere,
    profile_elsewhere,
    import_schools_elsewhere,
    add_partner,
    edit_own_board_membership,
    create_grouping,
    edit_grouping,
    create_person_with_a_role_elsewhere,
    edit_person_elsewhere,
    edit_the_projectcoordinator,
    import_people_outside,
    bulk_assign_outside,
    bulk_end_and_invite_elsewhere,
    grant_roles_outside,
    move_and_end_assignments,
    invite_elsewhere,
    network_writes,
    role_catalogue_writes,
    dossier_writes,
]
ACTORS = ["board_cooper", "cluster_cooper", "institute_coordinator", "schoolopleider", "mentor"]


@pytest.mark.parametrize("attempt", ATTEMPTS, ids=[a.__name__ for a in ATTEMPTS])
@pytest.mark.parametrize("kind", ACTORS)
def test_nothing_outside_the_actors_reach_is_created_changed_or_granted(
    samen, client, mailoutbox, kind, attempt
):
    world = World(samen)
    client.force_login(actor(world, kind))
    before = snapshot()
    attempt(client, world)
    after = snapshot()
    changed = {name: rows for name, rows in after.items() if rows != before[name]}
    assert not changed, f"{kind} changed {sorted(changed)} through {attempt.__name__}"
    assert mailoutbox == []


# --- Positive controls: inside their reach the same routes do write -------------------------


def test_the_board_cooper_works_inside_the_board(samen, client):
    world = World(samen)
    client.force_login(actor(world, "board_cooper"))
    board = samen.board
    client.post(
        world.url("partnerships:school_create"),
        {"name": "Eigen School", "board": board.pk, "place": "Zwolle", "sector": "po"},
    )
    client.post(
        world.url("placements:create"),
        {
            "student": samen.people["student"].pk,
            "school": samen.school.pk,
            "mentor": samen.people["mentor"].pk,
            "instituutsopleider": samen.people["io"].pk,
            "starts_on": "2027-02-01",
            "ends_on": "2027-06-30",
        },
    )
    client.post(
        world.url("roles:assignment_create", pk=samen.people["mentor"].pk),
        {
            "role": "coach",
            "scope_kind": "school",
            "school": samen.school.pk,
            "schooljaar_from": Schooljaar.current().start_year,
        },
    )
    client.post(
        world.url("roles:person_create"),
        {
            "first_name": "Nieuw",
            "last_name": "Mentor",
            "email": "nieuw@example.org",
            "role": "mentor",
            "school": samen.school.pk,
        },
    )
    client.post(
        world.url("roles:person_import"),
        {
            "file": upload(
                "m.csv",
                f"voornaam;achternaam;e-mail;rol;school\nEva;Smit;eva@example.org;mentor;"
                f"{samen.school.name}\n",
            )
        },
    )
    client.post(world.url("roles:person_import_confirm"))
    run_jobs()
    with scopes_disabled():
        assert School.objects.filter(name="Eigen School", board=board).exists()
        assert Placement.objects.filter(school=samen.school, starts_on="2027-02-01").count() == 1
        assert RoleAssignment.objects.filter(role="coach", school=samen.school).exists()
        assert Person.objects.get(email="nieuw@example.org").roles.get().school == samen.school
        assert Person.objects.get(email="eva@example.org").roles.get().school == samen.school


def test_the_schoolopleider_edits_the_own_schools_profile(samen, client):
    world = World(samen)
    client.force_login(actor(world, "schoolopleider"))
    client.post(
        world.url("partnerships:profile_edit", pk=samen.school.pk), {"proud_of": "Onze school"}
    )
    with scopes_disabled():
        assert SchoolProfile.objects.get(school=samen.school).proud_of == "Onze school"


def test_the_projectcoordinator_may_do_what_the_scoped_roles_may_not(samen, client):
    world = World(samen)
    client.force_login(samen.users["coordinator"])
    before = snapshot()
    create_school_in_other_board(client, world)
    grant_roles_outside(client, world)
    after = snapshot()
    assert after["School"] != before["School"]
    assert after["RoleAssignment"] != before["RoleAssignment"]


def test_the_board_cooper_moves_and_extends_inside_the_board(samen, client):
    """The overstap and verlenging attempts above are well-formed: inside the board they work."""
    world = World(samen)
    client.force_login(actor(world, "board_cooper"))
    with scopes_disabled():
        sister = f.SchoolFactory(partnership=samen.partnership, board=samen.board, name="Zus")
        mentor = f.PersonFactory(partnership=samen.partnership)
        f.RoleAssignmentFactory(
            partnership=samen.partnership, person=mentor, role="mentor", school=sister
        )
    running = world.running
    client.post(
        world.url("placements:overstap", pk=running.pk),
        {
            "school": sister.pk,
            "mentor": mentor.pk,
            "move_on": f"{running.starts_on.year}-11-02",
            "reason": "Verhuisd",
            "confirm": "1",
        },
    )
    with scopes_disabled():
        moved = Placement.objects.get(previous=running)
    client.post(
        world.url("placements:extend", pk=moved.pk),
        {"ends_on": f"{moved.ends_on.year}-03-01", "reason": "Ziek", "confirm": "1"},
    )
    with scopes_disabled():
        moved.refresh_from_db()
    assert moved.school == sister and moved.ends_on.month == 3
