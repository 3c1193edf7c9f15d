"""The permission layer held to the hand-written policy (tests/policy.py), cell by cell.

For every action × role: a holder of the role for the whole partnership gets exactly what the
policy says, and `can()` and `filter()` agree, so a list, a detail page and an export can
never disagree. Then each reach is tried at its edge: an owner's object against someone
else's, a school-scoped role against another school, a partnership-only action for a scoped
role, and the schooljaar of the object against the schooljaar of the role.
"""

import datetime as dt

import pytest
from django_scopes import scopes_disabled

from cycle.models import CycleActivity, ReviewMoment
from formtemplates.models import FormTemplate
from matching.models import Capacity, PlacementRequest
from network.models import Body, Certificate, ExpertiseArea
from notifications.models import Delivery, Notification
from partnerships.models import Grouping, Partner, School, SchoolProfile
from pdca.models import (
    DialogueSession,
    FollowUpAction,
    Gesprekskader,
    Jaarplan,
    JaarplanActivity,
    JaarplanGoal,
)
from placements.models import Leergroep, Placement, PlacementPeriod
from quality.models import Dossier
from roles.access import access_for
from roles.models import Person, RoleAssignment, RoleDescription
from samen.permission_docs import permissions_markdown
from samen.permissions import rules
from samen.schooljaar import Schooljaar
from tests import factories as f
from tests.policy import ALL_ROLES, EXPECTED, GRANTS, MEMBER, OWN, SCOPE, WIDE

CELLS = [(action, role) for action in EXPECTED for role in ALL_ROLES]

#: Objects that sit at a school (through a relation), written out here: the policy of
#: "scope" depends on it.
AT_A_SCHOOL = {
    Placement,
    Capacity,
    Leergroep,
    School,
    SchoolProfile,
    ReviewMoment,
    Person,
    RoleAssignment,
    Grouping,
}
#: Who can own an object of each kind, as the product means it.
OWNED = {
    Placement: {"student", "mentor", "vakbegeleider", "coach", "instituutsopleider"},
    # Through the placements that are its members: the students and their guides.
    Leergroep: {"student", "mentor", "vakbegeleider", "coach"},
    Person: set(ALL_ROLES),  # a person reads themselves
    Grouping: set(ALL_ROLES),  # the people of an opleidingsteam
    RoleAssignment: set(ALL_ROLES),
    # The quality cycle's records name people whatever their role: an activity's and an
    # action's owner, a dialogue session's participants.
    JaarplanActivity: set(ALL_ROLES),
    DialogueSession: set(ALL_ROLES),
    FollowUpAction: set(ALL_ROLES),
    PlacementRequest: {"student"},  # the student who asks
}


def test_the_policy_names_every_action_the_code_has_and_no_other():
    assert set(EXPECTED) == set(rules())


def test_grants_are_the_ones_the_policy_names():
    assert {a: r.grant for a, r in rules().items() if r.grant} == GRANTS


def holder(tenant, role, *, school=None, partner=None, first=None, last=None):
    """A user holding `role` (for the whole partnership unless a scope is given)."""
    year = Schooljaar.current().start_year
    with scopes_disabled():
        user = f.UserFactory()
        person = f.PersonFactory(partnership=tenant.partnership, user=user)
        f.RoleAssignmentFactory(
            partnership=tenant.partnership,
            person=person,
            role=role,
            school=school,
            partner=partner,
            schooljaar_from=first or year,
            schooljaar_to=last,
        )
    return user, person


def target(tenant, model, *, owner=None, role=None, school=None, year=None):
    """An object of `model` at `school` (default: the tenant's), owned by `owner` in `role`."""
    p = tenant.partnership
    school = school or tenant.school
    year = year or Schooljaar.current().start_year
    with scopes_disabled():
        if model is Placement:
            return _placement(p, school, year, owner, role)
        if model is Leergroep:
            leergroep = Leergroep.objects.create(
                partnership=p,
                school=school,
                schooljaar=year,
                name="Leergroep",
                leader=f.PersonFactory(partnership=p),
            )
            leergroep.members.add(_placement(p, school, year, owner, role))
            return leergroep
        if model is FormTemplate:
            return f.form_template(p, tenant.institute, **_free_combination(tenant.institute))
        if model is Capacity:
            period = f.PlacementPeriodFactory(
                partnership=p, institute=tenant.institute, schooljaar=year
            )
            return f.CapacityFactory(partnership=p, school=school, period=period)
        if model is PlacementRequest:
            period = f.PlacementPeriodFactory(
                partnership=p, institute=tenant.institute, schooljaar=year
            )
            student = owner if owner is not None and role == "student" else None
            return f.PlacementRequestFactory(
                partnership=p, period=period, **({"student": student} if student else {})
            )
        if model is CycleActivity:
            return CycleActivity.objects.create(
                partnership=p,
                moment="jaarlijks",
                name="Evaluatiegesprek",
                goal="Kwaliteit en tevredenheid",
                activity="Evaluatiegesprek",
                kind="evaluatiegesprek",
                participants=["schoolopleider"],
                scope="school",
                month_from=3,
                month_to=5,
            )
        if model is PlacementPeriod:
            return f.PlacementPeriodFactory(
                partnership=p, institute=tenant.institute, schooljaar=year
            )
        if model is Dossier:
            return f.DossierFactory(partnership=p)
        if model in (Gesprekskader, Jaarplan, JaarplanActivity, DialogueSession, FollowUpAction):
            return _quality_cycle(p, model, owner, year)
        if model is ReviewMoment:
            return ReviewMoment.objects.create(
                partnership=p,
                school=school,
                kind="evaluatiegesprek",
                schooljaar=year,
                title="Evaluatiegesprek",
                due_on=dt.date(year + 1, 3, 1),
            )
        if model is School:
            if school != tenant.school:
                return school
            return f.SchoolFactory(partnership=p, board=tenant.board)
        if model is SchoolProfile:
            return SchoolProfile.objects.get_or_create(partnership=p, school=school)[0]
        if model is Partner:
            return f.PartnerFactory(partnership=p)
        if model is Grouping:
            grouping = Grouping.objects.create(partnership=p, kind="cluster", name="Cluster")
            grouping.schools.add(school)
            if owner is not None:
                grouping.team.add(owner)
            return grouping
        if model is Person:
            if owner is not None:
                return owner
            person = f.PersonFactory(partnership=p)
            f.RoleAssignmentFactory(partnership=p, person=person, role="mentor", school=school)
            return person
        if model is RoleAssignment:
            person = owner or f.PersonFactory(partnership=p)
            return f.RoleAssignmentFactory(
                partnership=p, person=person, role="coach", school=school
            )
        if model is RoleDescription:
            return RoleDescription.objects.get_or_create(partnership=p, role="mentor")[0]
        if model is Body:
            return Body.objects.create(partnership=p, kind="stuurgroep", name="Stuurgroep")
        if model is Certificate:
            return Certificate.objects.create(
                partnership=p,
                person=f.PersonFactory(partnership=p),
                kind="mentorentraining",
                obtained_on=dt.date(2025, 6, 1),
            )
        if model is ExpertiseArea:
            return ExpertiseArea.objects.get_or_create(partnership=p, name="Rekenen")[0]
        if model in (Notification, Delivery):
            notification = Notification.objects.create(
                partnership=p,
                kind="reviewmoment.upcoming",
                target=school,
                send_on=dt.date(year, 10, 1),
                failed_at=dt.datetime(year, 10, 2, tzinfo=dt.UTC),
            )
            if model is Notification:
                return notification
            return Delivery.objects.create(
                partnership=p,
                notification=notification,
                person_id=(owner or f.PersonFactory(partnership=p)).pk,
                email="iemand@example.org",
                sent_at=dt.datetime(year, 10, 1, tzinfo=dt.UTC),
            )
    raise AssertionError(f"no test object for {model}")


def _quality_cycle(p, model, owner, year):
    """A record of the quality cycle (one Gesprekskader and jaarplan per schooljaar)."""
    if model is Gesprekskader:
        return Gesprekskader.objects.get_or_create(partnership=p, schooljaar=year)[0]
    jaarplan = Jaarplan.objects.get_or_create(
        partnership=p, schooljaar=year, defaults={"title": "Jaarplan"}
    )[0]
    if model is Jaarplan:
        return jaarplan
    if model is JaarplanActivity:
        goal = JaarplanGoal.objects.create(partnership=p, jaarplan=jaarplan, waarborg=1, title="D")
        return JaarplanActivity.objects.create(partnership=p, goal=goal, title="A", owner=owner)
    if model is DialogueSession:
        session = DialogueSession.objects.create(
            partnership=p,
            held_on=dt.date(year, 10, 1),
            schooljaar=year,
            title="Netwerkbijeenkomst",
            context="netwerkbijeenkomst",
        )
        if owner is not None:
            session.participants.add(owner)
        return session
    return FollowUpAction.objects.create(
        partnership=p, schooljaar=year, waarborg=1, title="Actie", owner=owner
    )


def _free_combination(institute):
    """A kind and phase the institute has no template of yet (one template per combination)."""
    taken = set(FormTemplate.objects.filter(institute=institute).values_list("kind", "phase"))
    return next(
        {"kind": kind, "phase": phase}
        for kind in ("tussentijds", "eind", "start")
        for phase in ("", "propedeuse", "hoofdfase", "afstudeerfase")
        if (kind, phase) not in taken
    )


#: The placement field that names a person in each role (the vakbegeleider is its mentor).
PLACEMENT_FIELD = {"vakbegeleider": "mentor"}


def _placement(p, school, year, owner, role):
    people = {}
    if owner is not None and role in OWNED[Placement]:
        people = {PLACEMENT_FIELD.get(role, role): owner}
    return f.PlacementFactory(
        partnership=p,
        school=school,
        starts_on=dt.date(year, 9, 7),
        ends_on=dt.date(year + 1, 1, 29),
        **people,
    )


def check(tenant, user, action, obj=None):
    """`can()`, after asserting that `filter()` says the same about `obj`."""
    access = access_for(user, tenant.partnership)
    with tenant.scope():
        allowed = access.can(action, obj)
        if obj is not None:
            listed = access.filter(action, type(obj).objects.all()).filter(pk=obj.pk).exists()
            assert allowed == listed, f"can() and filter() disagree on {action}"
    return allowed


@pytest.mark.parametrize(("action", "role"), CELLS, ids=[f"{a}-{r}" for a, r in CELLS])
def test_a_role_for_the_whole_partnership_gets_what_the_policy_says(samen, action, role):
    model = rules()[action].model
    reach = EXPECTED[action].get(role)
    user, person = holder(samen, role)
    if model is None:
        assert check(samen, user, action) is (reach is not None)
        return
    obj = target(samen, model, owner=person, role=role)
    owns = role in OWNED.get(model, set())
    expected = reach in (SCOPE, WIDE, MEMBER) or (reach == OWN and owns)
    assert check(samen, user, action, obj) is expected


OWN_CELLS = [(a, r) for a, cells in EXPECTED.items() for r, reach in cells.items() if reach == OWN]


@pytest.mark.parametrize(("action", "role"), OWN_CELLS, ids=[f"{a}-{r}" for a, r in OWN_CELLS])
def test_own_reach_stops_at_other_peoples_objects(samen, action, role):
    """E.g. a mentor never opens another mentor's student, a student another's form."""
    user, _person = holder(samen, role)
    someone_elses = target(samen, rules()[action].model)
    assert check(samen, user, action, someone_elses) is False


SCOPED_CELLS = [
    (a, r)
    for a, cells in EXPECTED.items()
    for r, reach in cells.items()
    if reach in (SCOPE, WIDE, MEMBER) and rules()[a].model is not None
]


@pytest.mark.parametrize(
    ("action", "role"), SCOPED_CELLS, ids=[f"{a}-{r}" for a, r in SCOPED_CELLS]
)
def test_a_school_scoped_role_reaches_its_own_school_only(samen, action, role):
    """Scope: this school yes, another school no. Partnership: never for a scoped role.
    Member: everything, whatever the scope."""
    model = rules()[action].model
    reach = EXPECTED[action][role]
    with scopes_disabled():
        board = f.PartnerFactory(partnership=samen.partnership)
        own_school = f.SchoolFactory(partnership=samen.partnership, board=board)
    user, _person = holder(samen, role, school=own_school)
    here = target(samen, model, school=own_school)
    elsewhere = target(samen, model)
    at_school = model in AT_A_SCHOOL
    assert check(samen, user, action, here) is (reach == MEMBER or (reach == SCOPE and at_school))
    assert check(samen, user, action, elsewhere) is (reach == MEMBER)


def test_a_board_scoped_cooper_reaches_the_boards_schools_and_their_people_only(samen):
    with scopes_disabled():
        other_board = f.PartnerFactory(partnership=samen.partnership)
        elsewhere = f.SchoolFactory(partnership=samen.partnership, board=other_board)
    user, _person = holder(samen, "cooper", partner=samen.board)
    assert check(samen, user, "school.view", samen.school) is True
    assert check(samen, user, "school.view", elsewhere) is False
    assert check(samen, user, "placement.manage", target(samen, Placement)) is True
    assert (
        check(samen, user, "placement.manage", target(samen, Placement, school=elsewhere)) is False
    )
    assert check(samen, user, "person.view", target(samen, Person)) is True
    assert check(samen, user, "person.view", target(samen, Person, school=elsewhere)) is False
    assert check(samen, user, "partner.view", samen.board) is True
    assert check(samen, user, "partner.manage", samen.board) is False  # partnership only
    assert check(samen, user, "dossier.view", samen.dossier) is False
    assert check(samen, user, "partner.manage") is False
    assert check(samen, user, "school.manage") is True


def test_an_institutes_coordinator_plans_its_own_periods_and_reaches_their_placements(samen):
    """An instituutscoördinator scoped to one institute: its periods and the placements in
    them, not another institute's; a board's CoOP'er plans no institute's periods."""
    with scopes_disabled():
        other_institute = f.PartnerFactory(
            partnership=samen.partnership, organisation__kind="institute"
        )
        own = f.PlacementPeriodFactory(partnership=samen.partnership, institute=samen.institute)
        theirs = f.PlacementPeriodFactory(partnership=samen.partnership, institute=other_institute)
        elsewhere = f.SchoolFactory(partnership=samen.partnership)
        in_own = f.PlacementFactory(partnership=samen.partnership, school=elsewhere, period=own)
        in_theirs = f.PlacementFactory(
            partnership=samen.partnership, school=elsewhere, period=theirs
        )
    user, _person = holder(samen, "instituutscoordinator", partner=samen.institute)
    assert check(samen, user, "period.manage", own) is True
    assert check(samen, user, "period.manage", theirs) is False
    assert check(samen, user, "placement.view", in_own) is True
    assert check(samen, user, "placement.view", in_theirs) is False
    cooper, _person = holder(samen, "cooper", partner=samen.board)
    assert check(samen, cooper, "period.manage", own) is False
    assert check(samen, cooper, "period.view", own) is True


def test_a_partnership_wide_role_is_not_narrowed_by_a_board_scoped_one(samen):
    """A projectcoördinator who is also CoOP'er of one board still sees every school."""
    with scopes_disabled():
        other_board = f.PartnerFactory(partnership=samen.partnership)
        elsewhere = f.SchoolFactory(partnership=samen.partnership, board=other_board)
    user, person = holder(samen, "projectcoordinator")
    with scopes_disabled():
        f.RoleAssignmentFactory(
            partnership=samen.partnership, person=person, role="cooper", partner=samen.board
        )
    obj = target(samen, Placement, school=elsewhere)
    assert check(samen, user, "placement.view", obj) is True
    assert check(samen, user, "placement.manage", obj) is True


# --- The schooljaar ----------------------------------------------------------------------


def test_a_role_of_last_schooljaar_reaches_that_years_placements_not_this_years(samen):
    last = Schooljaar.current().start_year - 1
    user, person = holder(samen, "mentor", school=samen.school, first=last, last=last)
    old = target(samen, Placement, owner=person, role="mentor", year=last)
    new = target(samen, Placement, owner=person, role="mentor")
    assert check(samen, user, "placement.view", old) is True
    assert check(samen, user, "placementform.edit", old) is True
    assert check(samen, user, "placement.view", new) is False


def test_a_role_of_this_schooljaar_does_not_reach_back(samen):
    last = Schooljaar.current().start_year - 1
    user, _person = holder(samen, "schoolopleider", school=samen.school)
    assert check(samen, user, "placement.view", target(samen, Placement, year=last)) is False
    assert check(samen, user, "placement.view", target(samen, Placement)) is True
    assert check(samen, user, "reviewmoment.view", target(samen, ReviewMoment, year=last)) is False


def test_standing_records_follow_this_schooljaars_roles(samen):
    """Last year's coordinator no longer reads the schools; next year's does not yet."""
    year = Schooljaar.current().start_year
    former, _ = holder(samen, "projectcoordinator", first=year - 2, last=year - 1)
    future, _ = holder(samen, "projectcoordinator", first=year + 1)
    for user in (former, future):
        assert check(samen, user, "school.view", samen.school) is False
        assert check(samen, user, "dossier.view", samen.dossier) is False


def test_a_placement_across_the_summer_is_reached_by_the_roles_of_both_years(samen):
    year = Schooljaar.current().start_year
    last_year_only, person = holder(
        samen, "mentor", school=samen.school, first=year - 1, last=year - 1
    )
    with scopes_disabled():
        across = f.PlacementFactory(
            partnership=samen.partnership,
            school=samen.school,
            mentor=person,
            starts_on=dt.date(year, 6, 1),
            ends_on=dt.date(year, 9, 30),
        )
    assert check(samen, last_year_only, "placement.view", across) is True


# --- Grants, other partnerships, the documentation ---------------------------------------------


@pytest.mark.parametrize("action", sorted(a for a, r in rules().items() if r.model))
def test_nobody_reaches_another_partnerships_objects(samen, other, action):
    obj = target(other, rules()[action].model)
    for role in EXPECTED[action]:
        user, _ = holder(samen, role)
        assert access_for(user, samen.partnership).can(action, obj) is False


def test_a_grant_opens_one_dossier_for_reading_and_nothing_more(samen):
    from guardian.shortcuts import assign_perm

    with scopes_disabled():
        reviewer = f.UserFactory()
        not_granted = f.DossierFactory(partnership=samen.partnership)
    assign_perm("quality.view_dossier", reviewer, samen.dossier)
    access = access_for(reviewer, samen.partnership)
    assert access.may_enter is True
    with samen.scope():
        assert access.can("dossier.view", samen.dossier) is True
        assert access.can("dossier.view", not_granted) is False
        assert access.can("dossier.download", samen.dossier) is False
        assert list(access.filter("dossier.view", Dossier.objects.all())) == [samen.dossier]
        assert access.can("dossier.view") is True
        assert access.can("placement.view") is False
        assert access.can("school.view") is False


def test_a_grant_in_one_partnership_opens_nothing_in_another(samen, other):
    from guardian.shortcuts import assign_perm

    with scopes_disabled():
        reviewer = f.UserFactory()
    assign_perm("quality.view_dossier", reviewer, other.dossier)
    assert access_for(reviewer, samen.partnership).may_enter is False


def test_grants_disappear_with_their_dossier(samen):
    from guardian.shortcuts import assign_perm

    from quality.models import DossierUserObjectPermission

    with scopes_disabled():
        reviewer = f.UserFactory()
        dossier = f.DossierFactory(partnership=samen.partnership)
        assign_perm("quality.view_dossier", reviewer, dossier)
        assert DossierUserObjectPermission.objects.filter(user=reviewer).count() == 1
        dossier.delete()
        assert DossierUserObjectPermission.objects.filter(user=reviewer).count() == 0


def test_the_documented_table_is_the_table_in_the_code():
    from pathlib import Path

    from django.conf import settings

    documented = (Path(settings.BASE_DIR) / "docs" / "permissions.md").read_text()
    assert documented == permissions_markdown(), (
        "docs/permissions.md is stale: run `python manage.py permissions_table > "
        "docs/permissions.md`"
    )
