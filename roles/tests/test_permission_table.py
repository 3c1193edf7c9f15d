"""Permission tests generated from the table in roles/permissions.py (RULES).

For every action × role cell: a holder of the role gets exactly what the table says, an
object outside their reach is refused, and the queryset filter agrees with `can()` — so a
list, a detail page and an export can never disagree.
"""

import datetime as dt

import pytest
from django_scopes import scopes_disabled

from partnerships.models import Grouping, Partner, School, SchoolProfile
from placements.models import Placement
from quality.models import Dossier, ReviewMoment
from roles.models import (
    Body,
    Certificate,
    ExpertiseArea,
    Person,
    Role,
    RoleAssignment,
    RoleDescription,
)
from roles.permissions import RULES, PartnershipAccess, Reach, permissions_markdown
from tests import factories as f

CELLS = [(action, role) for action in RULES for role in Role]

MODEL_FOR_ACTION = {
    "placement": Placement,
    "startform": Placement,  # start-form actions are checked against the placement
    "dossier": Dossier,
    "reviewmoment": ReviewMoment,
    "partner": Partner,
    "school": School,
    "grouping": Grouping,
    "profile": SchoolProfile,
    "person": Person,
    "role": RoleAssignment,
    "roledescription": RoleDescription,
    "body": Body,
    "certificate": Certificate,
    "expertise": ExpertiseArea,
    "training": None,  # an overview, not an object: only can(action) is asked
    "history": None,
}


def test_every_action_has_a_model_to_test_it_on():
    assert {a.split(".")[0] for a in RULES} <= set(MODEL_FOR_ACTION)


def holder(tenant, role, school=None):
    with scopes_disabled():
        user = f.UserFactory()
        person = f.PersonFactory(partnership=tenant.partnership, user=user)
        f.RoleAssignmentFactory(
            partnership=tenant.partnership, person=person, role=role, school=school
        )
    return user, person


def target(tenant, model, named_person=None, role=None, school=None):
    """An object of `model`; for placements, `named_person` fills the role's own field."""
    p = tenant.partnership
    with scopes_disabled():
        school = school or tenant.school
        if model is Placement:
            kwargs = {}
            field = Placement.OWNER_FIELDS.get(role)
            if field and named_person is not None:
                kwargs[field] = named_person
            return f.PlacementFactory(partnership=p, school=school, **kwargs)
        if model is Dossier:
            return f.DossierFactory(partnership=p)
        if model is ReviewMoment:
            return ReviewMoment.objects.create(
                partnership=p,
                school=school,
                kind="evaluatiegesprek",
                schooljaar=2026,
                title="Evaluatiegesprek",
                due_on=dt.date(2027, 3, 1),
            )
        if model is School:
            return (
                school
                if school != tenant.school
                else f.SchoolFactory(partnership=p, board=tenant.board)
            )
        if model is SchoolProfile:
            return SchoolProfile.objects.get_or_create(partnership=p, school=school)[0]
        if model is Partner:
            return f.PartnerFactory(partnership=p)
        if model is Grouping:
            return Grouping.objects.create(partnership=p, kind="cluster", name="Cluster Noord")
        if model is Person:
            return f.PersonFactory(partnership=p)
        if model is RoleAssignment:
            return f.RoleAssignmentFactory(partnership=p, role=Role.MENTOR, school=school)
        if model is RoleDescription:
            return RoleDescription.objects.get_or_create(partnership=p, role=Role.MENTOR)[0]
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
            return ExpertiseArea.objects.create(partnership=p, name=f"Expertise {p.pk}")
    raise AssertionError(f"no test object for {model}")


def check(tenant, user, action, obj):
    access = PartnershipAccess.for_user(user, tenant.partnership)
    with tenant.scope():
        allowed = access.can(action, obj)
        if obj is not None:
            listed = access.filter(action, type(obj).objects.all()).filter(pk=obj.pk).exists()
            assert allowed == listed, f"can() and filter() disagree on {action}"
    return allowed


@pytest.mark.parametrize(("action", "role"), CELLS, ids=[f"{a}-{r.value}" for a, r in CELLS])
def test_role_holder_gets_what_the_table_says(samen, action, role):
    model = MODEL_FOR_ACTION[action.split(".")[0]]
    user, person = holder(samen, role)
    obj = target(samen, model, named_person=person, role=role) if model else None
    reach = RULES[action].get(role)
    owns = reach is Reach.OWN and role in getattr(model, "OWNER_FIELDS", {})
    expected = reach in (Reach.SCOPE, Reach.MEMBER) or owns
    assert check(samen, user, action, obj) is expected


OWN_CELLS = [(a, r) for a, rules in RULES.items() for r, reach in rules.items() if reach == "own"]


@pytest.mark.parametrize(
    ("action", "role"), OWN_CELLS, ids=[f"{a}-{r.value}" for a, r in OWN_CELLS]
)
def test_own_reach_stops_at_other_peoples_objects(samen, action, role):
    """E.g. a mentor cannot open another mentor's student."""
    model = MODEL_FOR_ACTION[action.split(".")[0]]
    user, _person = holder(samen, role)
    someone_elses = target(samen, model)
    assert check(samen, user, action, someone_elses) is False


SCHOOL_CELLS = [
    (a, r)
    for a, rules in RULES.items()
    for r, reach in rules.items()
    if reach == "scope" and getattr(MODEL_FOR_ACTION[a.split(".")[0]], "SCHOOL_PATH", None)
]


@pytest.mark.parametrize(
    ("action", "role"), SCHOOL_CELLS, ids=[f"{a}-{r.value}" for a, r in SCHOOL_CELLS]
)
def test_school_scoped_role_stops_at_other_schools(samen, action, role):
    model = MODEL_FOR_ACTION[action.split(".")[0]]
    with scopes_disabled():
        own_school = f.SchoolFactory(partnership=samen.partnership, board=samen.board)
    user, _person = holder(samen, role, school=own_school)
    assert check(samen, user, action, target(samen, model, school=own_school)) is True
    assert check(samen, user, action, target(samen, model)) is False


OBJECT_ACTIONS = sorted(a for a in RULES if MODEL_FOR_ACTION[a.split(".")[0]])


@pytest.mark.parametrize("action", OBJECT_ACTIONS)
def test_nobody_reaches_another_partnerships_objects(samen, other, action):
    model = MODEL_FOR_ACTION[action.split(".")[0]]
    obj = target(other, model)
    for role in RULES[action]:
        user, _ = holder(samen, role)
        access = PartnershipAccess.for_user(user, samen.partnership)
        assert access.can(action, obj) is False


def test_guardian_grant_opens_one_dossier_for_an_external_reader(samen):
    from guardian.shortcuts import assign_perm

    with scopes_disabled():
        reviewer = f.UserFactory()
        granted = samen.dossier
        not_granted = f.DossierFactory(partnership=samen.partnership)
    assign_perm("quality.view_dossier", reviewer, granted)
    access = PartnershipAccess.for_user(reviewer, samen.partnership)
    assert access.can("dossier.view", granted) is True
    assert access.can("dossier.view", not_granted) is False
    assert access.can("dossier.download", granted) is False


def test_guardian_grants_disappear_with_their_dossier(samen):
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


def test_a_partnership_wide_role_is_not_narrowed_by_a_board_scoped_one(samen):
    """A projectcoördinator who is also CoOP'er of one board still sees every school."""
    with scopes_disabled():
        other_board = f.PartnerFactory(partnership=samen.partnership)
        elsewhere = f.SchoolFactory(partnership=samen.partnership, board=other_board)
    user, person = holder(samen, Role.PROJECTCOORDINATOR)
    with scopes_disabled():
        f.RoleAssignmentFactory(
            partnership=samen.partnership, person=person, role=Role.COOPER, partner=samen.board
        )
    obj = target(samen, Placement, school=elsewhere)
    assert check(samen, user, "placement.view", obj) is True
    assert check(samen, user, "placement.manage", obj) is True


def test_a_board_scoped_coop_er_sees_only_that_boards_schools(samen):
    with scopes_disabled():
        other_board = f.PartnerFactory(partnership=samen.partnership)
        elsewhere = f.SchoolFactory(partnership=samen.partnership, board=other_board)
        user = f.UserFactory()
        person = f.PersonFactory(partnership=samen.partnership, user=user)
        f.RoleAssignmentFactory(
            partnership=samen.partnership, person=person, role=Role.COOPER, partner=samen.board
        )
    assert check(samen, user, "placement.view", target(samen, Placement)) is True
    assert check(samen, user, "placement.view", target(samen, Placement, school=elsewhere)) is False
