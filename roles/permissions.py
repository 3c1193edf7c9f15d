"""The one permission layer: "may this person do this to this object?"

`RULES` is the table (action → role → reach). It is the single source for
`PartnershipAccess.can()` (detail pages, downloads), `PartnershipAccess.filter()` (lists,
counts, exports — the same rule as a queryset), the generated docs/permissions.md and the
generated permission tests (roles/tests/test_permission_table.py).

Reach:
- SCOPE: every object inside the role assignment's scope (the partnership, a board's
  schools, one school);
- OWN: only objects that name this person in the role's field (`Model.OWNER_FIELDS`);
- MEMBER: every object of the partnership, whatever the assignment's scope (what any member
  may read, e.g. the overlegstructuur: a mentor scoped to one school still sees it).

Exceptions for one object (an external reviewer reading one dossier) are django-guardian
grants, checked after the table (`GUARDIAN_PERMS`).
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Q
from django.utils import translation
from django_scopes import scopes_disabled

from samen.schooljaar import Schooljaar

from .models import COORDINATOR_ROLES, Person, Role, RoleAssignment


class Reach(StrEnum):
    SCOPE = "scope"
    OWN = "own"
    MEMBER = "member"


def _coordinators(reach=Reach.SCOPE):
    return dict.fromkeys(COORDINATOR_ROLES, reach)


def _everyone():
    """Every role holder of the partnership, whatever their scope: what any member may read."""
    return dict.fromkeys(Role, Reach.MEMBER)


_SCHOOL_READERS = {
    **_coordinators(),
    Role.SCHOOLOPLEIDER: Reach.SCOPE,
    Role.SCHOOLLEIDER: Reach.SCOPE,
    Role.BESTUURDER: Reach.SCOPE,
    Role.STUURGROEP: Reach.SCOPE,
    Role.PROJECTGROEP: Reach.SCOPE,
}

RULES: dict[str, dict[Role, Reach]] = {
    "placement.view": {
        **_coordinators(),
        Role.SCHOOLOPLEIDER: Reach.SCOPE,
        Role.SCHOOLLEIDER: Reach.SCOPE,
        Role.MENTOR: Reach.OWN,
        Role.STUDENT: Reach.OWN,
        Role.INSTITUUTSOPLEIDER: Reach.OWN,
    },
    "placement.manage": _coordinators(),
    "startform.view": {
        **_coordinators(),
        Role.SCHOOLOPLEIDER: Reach.SCOPE,
        Role.MENTOR: Reach.OWN,
        Role.STUDENT: Reach.OWN,
        Role.INSTITUUTSOPLEIDER: Reach.OWN,
    },
    "startform.edit": {Role.MENTOR: Reach.OWN},
    "dossier.view": {
        **_coordinators(),
        Role.STUURGROEP: Reach.SCOPE,
        Role.PROJECTGROEP: Reach.SCOPE,
    },
    "dossier.edit": {
        Role.PROJECTCOORDINATOR: Reach.SCOPE,
        Role.PROJECTGROEP: Reach.SCOPE,
    },
    "dossier.render": {
        Role.PROJECTCOORDINATOR: Reach.SCOPE,
        Role.PROJECTGROEP: Reach.SCOPE,
        Role.STUURGROEP: Reach.SCOPE,
    },
    "dossier.download": {Role.STUURGROEP: Reach.SCOPE},
    "reviewmoment.view": {
        **_coordinators(),
        Role.SCHOOLOPLEIDER: Reach.SCOPE,
        Role.SCHOOLLEIDER: Reach.SCOPE,
    },
    # --- the organisation of the partnership -------------------------------------------
    "partner.view": _SCHOOL_READERS,
    "partner.manage": _coordinators(),
    "school.view": _SCHOOL_READERS,
    "school.manage": _coordinators(),
    "grouping.view": _SCHOOL_READERS,
    "grouping.manage": _coordinators(),
    "profile.edit": {
        **_coordinators(),
        Role.SCHOOLOPLEIDER: Reach.SCOPE,
        Role.SCHOOLLEIDER: Reach.SCOPE,
    },
    # People are partnership-level objects: only partnership-wide coordinators reach them.
    "person.view": _coordinators(),
    "person.manage": _coordinators(),
    "role.manage": _coordinators(),
    "roledescription.edit": {Role.PROJECTCOORDINATOR: Reach.SCOPE},
    "body.view": _everyone(),
    "body.manage": _coordinators(),
    "certificate.manage": {**_coordinators(), Role.MENTORENTRAINER: Reach.SCOPE},
    "training.overview": {
        **_coordinators(),
        Role.STUURGROEP: Reach.SCOPE,
        Role.BESTUURDER: Reach.SCOPE,
        Role.SCHOOLOPLEIDER: Reach.SCOPE,
        Role.MENTORENTRAINER: Reach.SCOPE,
    },
    "expertise.view": _everyone(),
    "history.view": _coordinators(),
}

#: Actions that an explicit django-guardian grant on the object also allows.
GUARDIAN_PERMS = {
    "dossier.view": "quality.view_dossier",
    "dossier.download": "quality.download_dossier",
}


@dataclass
class PartnershipAccess:
    """What one user may do in one partnership, loaded once per request (one query)."""

    user: object
    partnership: object
    person: Person | None = None
    assignments: list = field(default_factory=list)

    @classmethod
    def for_user(cls, user, partnership, schooljaar: Schooljaar | None = None):
        schooljaar = schooljaar or Schooljaar.current()
        access = cls(user=user, partnership=partnership)
        if not user.is_authenticated:
            return access
        # Crosses no tenant: filtered on this partnership explicitly, before its scope is entered.
        with scopes_disabled():
            access.assignments = list(
                RoleAssignment.objects.filter(partnership=partnership, person__user=user)
                .active_in(schooljaar)
                .select_related("person", "school", "partner")
            )
            if access.assignments:
                access.person = access.assignments[0].person
        return access

    @property
    def is_platform_admin(self):
        return bool(self.user.is_authenticated and self.user.is_superuser)

    @property
    def may_enter(self):
        return self.is_platform_admin or bool(self.assignments)

    @property
    def roles(self) -> set[Role]:
        return {Role(a.role) for a in self.assignments}

    def has_role(self, *roles) -> bool:
        return bool(self.roles.intersection(roles))

    def can(self, action: str, obj=None) -> bool:
        """May the user do `action` (to `obj`, or to some object of its kind when None)?"""
        rules = RULES[action]
        if self.is_platform_admin:
            return True
        for assignment in self.assignments:
            reach = rules.get(Role(assignment.role))
            if reach is None:
                continue
            if obj is None:
                return True
            if reach is Reach.MEMBER and obj.partnership_id == assignment.partnership_id:
                return True
            if reach is Reach.OWN and _names_person(obj, assignment, self.person):
                return True
            if reach is Reach.SCOPE and _in_scope(obj, assignment):
                return True
        perm = GUARDIAN_PERMS.get(action)
        return bool(obj is not None and perm and self.user.has_perm(perm, obj))

    def filter(self, action: str, queryset):
        """The queryset narrowed to the objects `can(action, obj)` allows: one rule for both."""
        if self.is_platform_admin:
            return queryset
        model = queryset.model
        rules = RULES[action]
        condition = None
        for assignment in self.assignments:
            reach = rules.get(Role(assignment.role))
            if reach is None:
                continue
            if reach is Reach.OWN:
                field_name = model.OWNER_FIELDS.get(Role(assignment.role))
                if field_name is None:
                    continue
                q = Q(**{f"{field_name}_id": self.person.pk})
            elif reach is Reach.MEMBER or assignment.is_partnership_wide:
                return queryset  # partnership-wide reach: everything (Q() | Q(x) would be Q(x))
            else:
                q = _scope_q(model, assignment)
                if q is None:
                    continue
            condition = q if condition is None else condition | q
        if condition is None:
            return queryset.none()
        return queryset.filter(condition)


def _school_path(model):
    """The lookup from `model` to its school, or None for partnership-level objects."""
    return getattr(model, "SCHOOL_PATH", None)


def _scope_q(model, assignment):
    """The filter for a school-, board- or grouping-scoped assignment; None: reaches nothing."""
    path = _school_path(model)
    if not path:
        return None
    prefix = "" if path == "self" else f"{path}__"
    if assignment.school_id:
        return Q(**{f"{prefix}pk": assignment.school_id})
    if assignment.grouping_id:
        return Q(**{f"{prefix}groupings": assignment.grouping_id})
    return Q(**{f"{prefix}board_id": assignment.partner_id})


def _in_scope(obj, assignment):
    if obj.partnership_id != assignment.partnership_id:
        return False
    if assignment.is_partnership_wide:
        return True
    path = _school_path(type(obj))
    if not path:
        return False
    school = obj
    if path != "self":
        for part in path.split("__"):
            school = getattr(school, part)
    if assignment.school_id:
        return school.pk == assignment.school_id
    if assignment.grouping_id:
        return school.groupings.filter(pk=assignment.grouping_id).exists()
    return school.board_id == assignment.partner_id


def _names_person(obj, assignment, person):
    field_name = getattr(type(obj), "OWNER_FIELDS", {}).get(Role(assignment.role))
    return bool(
        field_name
        and person is not None
        and obj.partnership_id == assignment.partnership_id
        and getattr(obj, f"{field_name}_id") == person.pk
    )


ACTION_DESCRIPTIONS = {
    "placement.view": "See a placement (list, detail, counts)",
    "placement.manage": "Create placements and move them through their lifecycle",
    "startform.view": "Read a placement's startgesprek",
    "startform.edit": "Fill in and submit a placement's startgesprek",
    "dossier.view": "Read a peer-review dossier and its kritische reflectie",
    "dossier.edit": "Write the chapters of the kritische reflectie",
    "dossier.render": "Have the kritische reflectie rendered as PDF and follow its status",
    "dossier.download": "Download the kritische reflectie PDF",
    "reviewmoment.view": "See review moments and the reminders sent for them",
    "partner.view": "See the partners (boards, institutes) and their membership",
    "partner.manage": "Add partners, record joining and leaving, the penvoerder",
    "school.view": "See schools, their training-school path and role holders",
    "school.manage": "Add and edit schools, walk the training-school path, import schools",
    "grouping.view": "See clusters and opleidingsnetwerken",
    "grouping.manage": "Create clusters and opleidingsnetwerken and their members",
    "profile.edit": "Edit a school's public profile",
    "person.view": "See people, their roles, trainings and expertise",
    "person.manage": "Add, edit, import and invite people",
    "role.manage": "Assign and end roles",
    "roledescription.edit": "Edit the partnership's descriptions of roles",
    "body.view": "See the overlegstructuur: bodies, members, meetings",
    "body.manage": "Manage bodies, their members and meetings",
    "certificate.manage": "Record trainings and certificates",
    "training.overview": "See how many mentors and schoolopleiders are trained",
    "expertise.view": "Search the expertise directory",
    "history.view": "See the change history of partners, schools, people and roles",
}


def permissions_markdown() -> str:
    """docs/permissions.md, generated from RULES (a test keeps the two identical)."""
    with translation.override("nl"):
        return _permissions_markdown()


def _permissions_markdown() -> str:
    roles = [r for r in Role if any(r in rules for rules in RULES.values())]
    lines = [
        "# Permissions: role × action",
        "",
        "Generated from `roles/permissions.py` by `python manage.py permissions_table`;",
        "`roles/tests/test_permission_table.py` checks that this file and the code agree and",
        "generates one test per cell. **scope** = every object inside the role assignment's",
        "scope (partnership, board, school); **own** = only objects that name the person in",
        "that role (their own student, their own placement); **member** = every object of the",
        "partnership for any holder of the role, whatever its scope. Empty = no access (404).",
        "Guardian grants on one object add to this table: "
        + ", ".join(f"`{a}` ← `{p}`" for a, p in GUARDIAN_PERMS.items())
        + ".",
        "",
        "| action | what | " + " | ".join(str(r.label) for r in roles) + " |",
        "|---|---|" + "---|" * len(roles),
    ]
    for action, rules in RULES.items():
        cells = [rules[r].value if r in rules else "" for r in roles]
        lines.append(f"| `{action}` | {ACTION_DESCRIPTIONS[action]} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
