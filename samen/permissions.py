"""The one permission layer: may this person do this, to this object, here, in that schooljaar?

Three parts, all in this module so that every app asks the same question the same way:

- **The vocabulary**: the `Role` catalogue and `Reach`. Roles live here, in the ground floor,
  because the permission engine speaks them; the `roles` app stores who holds which.
- **The rules**: each app declares its own in `<app>/rules.py` with `register(Rule(...))`; they
  meet in one table (`rules()`), from which docs/permissions.md and the generated tests come.
  A rule names its action, the model it is checked on, the reach per role, and optionally a
  django-guardian permission that opens one object to someone without a role.
- **The answer**: `Access` holds one person's role assignments in one partnership (every
  schooljaar) and answers `can(action, obj)` for a page, `filter(action, queryset)` for a list,
  a form's choices or an export, `require()` for a service that re-checks what it saved, and
  `may_grant()` for role grants. `can()` and `filter()` are one rule: `can()` on a saved object
  is `filter()` on that one row, unless the answer needs no query at all.

Where an object sits is declared on its model as `ACCESS = Paths(...)`: the lookups to its
school, board or institute, grouping, its owners per role, and its schooljaar. The engine knows
no app: it only follows those lookups (pretix's `ScopedManager` and NetBox's
`RestrictedQuerySet.restrict()` are the models for this).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import DomainError
from .schooljaar import Schooljaar

# --- The vocabulary ----------------------------------------------------------------------


class Role(models.TextChoices):
    """The role catalogue of Samen Opleiden (see docs/glossary.md)."""

    STUDENT = "student", gettext_lazy("Aankomende leraar")
    MENTOR = "mentor", gettext_lazy("Mentor / werkplekbegeleider")
    VAKBEGELEIDER = "vakbegeleider", gettext_lazy("Vakbegeleider")
    COACH = "coach", gettext_lazy("Coach")
    SCHOOLOPLEIDER = "schoolopleider", gettext_lazy("Schoolopleider")
    INSTITUUTSOPLEIDER = "instituutsopleider", gettext_lazy("Instituutsopleider")
    SCHOOLLEIDER = "schoolleider", gettext_lazy("Schoolleider")
    COOPER = "cooper", gettext_lazy("CoOP'er")
    PROJECTCOORDINATOR = "projectcoordinator", gettext_lazy("Projectcoördinator")
    INSTITUUTSCOORDINATOR = "instituutscoordinator", gettext_lazy("Instituutscoördinator")
    MENTORENTRAINER = "mentorentrainer", gettext_lazy("Mentorentrainer")
    STARTERSCOACH = "starterscoach", gettext_lazy("Starterscoach")
    BESTUURDER = "bestuurder", gettext_lazy("Bestuurder")
    STUURGROEP = "stuurgroep", gettext_lazy("Stuurgroeplid")
    PROJECTGROEP = "projectgroep", gettext_lazy("Projectgroeplid")


#: Roles that arrange placements and run the partnership day to day.
COORDINATOR_ROLES = frozenset({Role.COOPER, Role.PROJECTCOORDINATOR, Role.INSTITUUTSCOORDINATOR})
#: Roles for which a second factor (TOTP) is required, as for staff and superusers.
MFA_REQUIRED_ROLES = COORDINATOR_ROLES | {Role.STUURGROEP}
#: Roles that steer the partnership: granted only by a coordinator for the whole partnership.
GOVERNING_ROLES = COORDINATOR_ROLES | {Role.STUURGROEP, Role.BESTUURDER, Role.PROJECTGROEP}
#: A role that only someone holding it for the whole partnership may grant, because it can do
#: more than any other coordinator (it writes the kritische reflectie and the role catalogue).
GRANTED_ONLY_BY_ITSELF = frozenset({Role.PROJECTCOORDINATOR})


class Reach(StrEnum):
    """How far a role's assignment reaches for one action."""

    #: Objects inside the assignment's scope: the whole partnership, one board or institute
    #: (and a board's schools), one school, or the schools of one grouping.
    SCOPE = "scope"
    #: Only an assignment for the whole partnership counts (partner memberships, groupings).
    WIDE = "partnership"
    #: Objects that name this person in the role's owner lookup (their own placement).
    OWN = "own"
    #: Every object of the partnership, whatever the assignment's scope (the overlegstructuur).
    MEMBER = "member"


#: In `Paths.owners`: the owner lookup for every role without one of its own.
ANY_ROLE = "*"


@dataclass(frozen=True)
class Paths:
    """Where an object sits, as lookups from its model (declared as `Model.ACCESS`).

    `"self"` is the object itself. A lookup that crosses a to-many relation (a person's
    roles, a grouping's schools) is allowed: the filter then becomes a subquery, so a list
    never shows a row twice.
    """

    school: tuple[str, ...] = ()  # lookups to a School
    partner: tuple[str, ...] = ()  # lookups to a Partner (a board or an institute)
    grouping: tuple[str, ...] = ()  # lookups to a Grouping
    owners: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # role -> to a Person
    schooljaar: str | None = None  # lookup to a schooljaar (the year it starts, an integer)
    period: tuple[str, str] | None = None  # lookups to a start and an end date
    #: For a record that sits where related rows with schooljaren say (a person: their roles):
    #: the lookup to those rows, of which only the ones still running (this schooljaar or
    #: later) place it. Someone who moved boards years ago is no longer the old board's.
    running: str | None = None

    @property
    def is_timeless(self):
        """Standing records (schools, people): reached by the roles of the current schooljaar."""
        return self.schooljaar is None and self.period is None

    def owner_lookups(self, role):
        return self.owners.get(role) or self.owners.get(ANY_ROLE) or ()


NO_PATHS = Paths()


def paths_of(model) -> Paths:
    return getattr(model, "ACCESS", NO_PATHS)


# --- The rules -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    action: str
    model: type | None  # what the action is checked on; None for an overview without objects
    reach: Mapping[str, Reach]
    description: str  # English, for docs/permissions.md
    grant: str | None = None  # "app.codename": a django-guardian grant on one object allows it


_RULES: dict[str, Rule] = {}


def register(*new_rules: Rule) -> None:
    """Adds an app's rules to the one table (called from `<app>/rules.py`)."""
    for rule in new_rules:
        if rule.action in _RULES:
            raise ImproperlyConfigured(f"Permission rule {rule.action!r} is declared twice.")
        unknown = set(rule.reach) - set(Role.values)
        if unknown:
            raise ImproperlyConfigured(f"Rule {rule.action!r} names unknown roles {unknown}.")
        _RULES[rule.action] = rule


def rules() -> dict[str, Rule]:
    """Every rule, in the order the apps declared them."""
    return dict(_RULES)


def get_rule(action: str) -> Rule:
    try:
        return _RULES[action]
    except KeyError:
        raise ImproperlyConfigured(f"No permission rule for {action!r}.") from None


def coordinators(reach=Reach.SCOPE):
    return dict.fromkeys(COORDINATOR_ROLES, reach)


def everyone(reach=Reach.MEMBER):
    return dict.fromkeys(Role, reach)


# --- The answer ------------------------------------------------------------------------------


class OutOfReach(DomainError):
    """An operation would touch or create something outside the acting person's reach."""

    def __init__(self, message=None):
        super().__init__(message or _("Dit valt buiten uw bereik."))


@dataclass
class Access:
    """What one user may do in one partnership. Built once per request (see roles.access).

    `assignments` holds the user's role assignments there in every schooljaar: an object that
    belongs to a schooljaar (a placement, a review moment) is reached by the roles held in
    that schooljaar; standing records (schools, people, dossiers) by this schooljaar's roles.
    """

    user: object
    partnership: object
    person: object | None = None
    assignments: list = field(default_factory=list)
    #: The platform itself acting (demo data, commands): reaches everything in the partnership.
    system: bool = False
    today: dt.date = field(default_factory=timezone.localdate)
    _grant_held: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def for_system(cls, partnership):
        return cls(user=None, partnership=partnership, system=True)

    # --- who is this ---------------------------------------------------------------------

    @cached_property
    def schooljaar(self) -> Schooljaar:
        return Schooljaar.of(self.today)

    @cached_property
    def current_assignments(self) -> list:
        year = self.schooljaar.start_year
        return [a for a in self.assignments if _covers(a, year)]

    @property
    def is_platform_admin(self) -> bool:
        if self.system:
            return True
        user = self.user
        return bool(user is not None and user.is_authenticated and user.is_superuser)

    @property
    def may_enter(self) -> bool:
        """May this user open the partnership's pages at all (what they see is filtered)?"""
        return self.is_platform_admin or bool(self.assignments) or self.has_grants

    @cached_property
    def has_grants(self) -> bool:
        """Does the user hold a django-guardian grant on any object of this partnership?"""
        if not self._authenticated:
            return False
        return any(self._holds_grant(rule) for rule in _RULES.values() if rule.grant)

    @property
    def roles(self) -> set[Role]:
        return {Role(a.role) for a in self.current_assignments}

    def has_role(self, *roles) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def _authenticated(self):
        return bool(self.user is not None and self.user.is_authenticated)

    # --- the questions -----------------------------------------------------------------------

    def can(self, action: str, obj=None) -> bool:
        """May the user do `action` to `obj` (a saved object), or to some object of its kind?"""
        rule = get_rule(action)
        if obj is None:
            return self._reaches_some(rule)
        if getattr(obj, "partnership_id", self.partnership.pk) != self.partnership.pk:
            return False
        if self.is_platform_admin:
            return True
        if obj.pk is None:
            raise ValueError("can() answers for saved objects; ask filter() for choices.")
        if self._reaches_without_query(rule, obj):
            return True
        one = type(obj)._base_manager.filter(partnership=self.partnership, pk=obj.pk)
        return self.filter(action, one).exists()

    def require(self, action: str, obj=None) -> None:
        """Raises OutOfReach unless `can(action, obj)`: services call it on what they saved,
        inside their transaction, so a refused write is rolled back."""
        if not self.can(action, obj):
            raise OutOfReach()

    def filter(self, action: str, queryset):
        """`queryset` narrowed to the objects `can(action, obj)` allows: one rule for both."""
        rule = get_rule(action)
        if self.is_platform_admin:
            return queryset
        model = queryset.model
        paths = paths_of(model)
        condition = None
        for assignment, reach in self._holding(rule, paths):
            q = self._assignment_q(reach, assignment, paths, model)
            if q is None:
                continue
            if not q:  # an empty Q() reaches everything; `Q() | x` would silently become x
                return queryset
            condition = q if condition is None else condition | q
        granted = self._granted(rule, queryset) if rule.grant else None
        if granted is not None:
            grant_q = Q(pk__in=granted.values("pk"))
            condition = grant_q if condition is None else condition | grant_q
        if condition is None:
            return queryset.none()
        return queryset.filter(condition)

    def may_grant(self, role, *, school=None, partner=None, grouping=None, years=None) -> bool:
        """May the user give someone `role` in this scope (none given: the whole partnership),
        for the schooljaren `years` ((first, last); last None: open-ended; None: not asked)?

        Nobody grants a role wider than their own reach for `role.manage`, in scope or in
        time: the years granted lie within those of the granter's own assignment. The governing
        roles (coordinators, stuurgroep, bestuurder, projectgroep) only a coordinator for the
        whole partnership; the projectcoördinator only a projectcoördinator for the whole
        partnership.
        """
        if self.is_platform_admin:
            return True
        managing = [
            a
            for a, reach in self._holding(get_rule("role.manage"), NO_PATHS)
            if reach is not Reach.OWN
            and (reach is not Reach.WIDE or a.is_partnership_wide)
            and (years is None or _within(years, a))
        ]
        if role in GRANTED_ONLY_BY_ITSELF:
            return any(a.is_partnership_wide and a.role == role for a in managing)
        if role in GOVERNING_ROLES:
            return any(a.is_partnership_wide for a in managing)
        return any(
            _contains(a, school=school, partner=partner, grouping=grouping) for a in managing
        )

    @property
    def is_partnership_wide_coordinator(self) -> bool:
        return self.is_platform_admin or any(
            a.is_partnership_wide and a.role in COORDINATOR_ROLES for a in self.current_assignments
        )

    # --- how ---------------------------------------------------------------------------------

    def _holding(self, rule: Rule, paths: Paths) -> Iterable[tuple[object, Reach]]:
        """(assignment, reach) for each assignment whose role has a reach for `rule`.

        Standing records are reached by the current schooljaar's roles only; objects of a
        schooljaar by the roles of every year (the year is matched in `_assignment_q`).
        """
        assignments = self.current_assignments if paths.is_timeless else self.assignments
        for assignment in assignments:
            reach = rule.reach.get(assignment.role)
            if reach is not None:
                yield assignment, Reach(reach)

    def _reaches_some(self, rule: Rule) -> bool:
        """Could any object of the rule's kind be in reach? Answers from the rule, no query."""
        if self.is_platform_admin:
            return True
        paths = paths_of(rule.model) if rule.model is not None else NO_PATHS
        if any(self._may_reach(reach, a, paths, rule) for a, reach in self._holding(rule, paths)):
            return True
        return bool(rule.grant) and self._holds_grant(rule)

    @staticmethod
    def _may_reach(reach, assignment, paths, rule) -> bool:
        if rule.model is None:
            return True  # an overview: what it shows is filtered by its own objects' rules
        if reach is Reach.OWN:
            return bool(paths.owner_lookups(assignment.role))
        if reach is Reach.MEMBER or assignment.is_partnership_wide:
            return True
        return reach is Reach.SCOPE and bool(_scope_lookups(assignment, paths))

    def _reaches_without_query(self, rule: Rule, obj) -> bool:
        """True when a partnership-wide or member reach covers `obj` without asking the database."""
        paths = paths_of(type(obj))
        years = _object_years(obj, paths)
        if years is None:
            return False  # the object's schooljaar is behind a relation: ask the database
        for assignment, reach in self._holding(rule, paths):
            if reach is Reach.OWN:
                continue
            if reach is not Reach.MEMBER and not assignment.is_partnership_wide:
                continue
            if years == () or _overlaps(assignment, *years):
                return True
        return False

    def _assignment_q(self, reach, assignment, paths: Paths, model) -> Q | None:
        """The objects one assignment reaches, or None; an empty Q() means every object."""
        if reach is Reach.MEMBER:
            scope_q = Q()
        elif reach is Reach.OWN:
            lookups = paths.owner_lookups(assignment.role)
            if not lookups or self.person is None:
                return None
            scope_q = _any_of(model, [_lookup(p, "pk") for p in lookups], self.person.pk)
        elif assignment.is_partnership_wide:
            scope_q = Q()
        elif reach is Reach.WIDE:
            return None
        else:
            lookups = _scope_lookups(assignment, paths)
            if not lookups:
                return None
            scope_q = _any_of(model, lookups, _scope_value(assignment), self._running_q(paths))
        return scope_q & _year_q(paths, assignment)

    def _running_q(self, paths: Paths) -> Q | None:
        if paths.running is None:
            return None
        year = self.schooljaar.start_year
        return Q(**{f"{paths.running}__schooljaar_to__isnull": True}) | Q(
            **{f"{paths.running}__schooljaar_to__gte": year}
        )

    def _holds_grant(self, rule: Rule) -> bool:
        """Does the user hold the rule's grant on any object? Asked once per grant a request:
        the menu, the switcher and the page itself ask the same of the same rules."""
        key = (rule.model, rule.grant)
        if key not in self._grant_held:
            self._grant_held[key] = self._granted(rule).exists()
        return self._grant_held[key]

    def _granted(self, rule: Rule, queryset=None):
        """The objects of `rule.model` (or `queryset`) the user holds the rule's grant on."""
        if queryset is None:
            queryset = rule.model._base_manager.filter(partnership=self.partnership)
        return granted(self.user, rule, queryset)


def granted(user, rule: Rule, queryset):
    """The objects in `queryset` on which `user` holds `rule.grant` (django-guardian)."""
    # Imported here, not at the top: models.py files import this module while Django is still
    # loading models, and guardian.shortcuts needs them loaded.
    from guardian.shortcuts import get_objects_for_user

    if user is None or not user.is_authenticated:
        return queryset.none()
    return get_objects_for_user(
        user,
        rule.grant,
        klass=queryset,
        use_groups=False,
        with_superuser=False,
        accept_global_perms=False,
    )


# --- Lookups ---------------------------------------------------------------------------------


def _covers(assignment, year: int) -> bool:
    return assignment.schooljaar_from <= year and (
        assignment.schooljaar_to is None or assignment.schooljaar_to >= year
    )


def _within(years, assignment) -> bool:
    """Do the schooljaren `years` (first, last or None) lie within the assignment's?"""
    first, last = years
    if first < assignment.schooljaar_from:
        return False
    if assignment.schooljaar_to is None:
        return True
    return last is not None and last <= assignment.schooljaar_to


def _overlaps(assignment, first: int, last: int) -> bool:
    """Does the assignment hold in any schooljaar from `first` to `last`?"""
    return assignment.schooljaar_from <= last and (
        assignment.schooljaar_to is None or assignment.schooljaar_to >= first
    )


def _object_years(obj, paths: Paths):
    """(first, last) schooljaar of `obj`, () for a standing record, None if behind a relation."""
    if paths.is_timeless:
        return ()
    if paths.schooljaar is not None:
        if "__" in paths.schooljaar:
            return None
        year = getattr(obj, paths.schooljaar)
        return (year, year)
    start, end = paths.period
    if "__" in start or "__" in end:
        return None
    return (
        Schooljaar.of(getattr(obj, start)).start_year,
        Schooljaar.of(getattr(obj, end)).start_year,
    )


def _year_q(paths: Paths, assignment) -> Q:
    """Objects whose schooljaar falls in the assignment's schooljaren (standing records: all)."""
    first, last = assignment.schooljaar_from, assignment.schooljaar_to
    if paths.schooljaar is not None:
        q = Q(**{f"{paths.schooljaar}__gte": first})
        return q & Q(**{f"{paths.schooljaar}__lte": last}) if last is not None else q
    if paths.period is not None:
        start, end = paths.period
        q = Q(**{f"{end}__gte": Schooljaar(first).first_day})
        if last is not None:
            q &= Q(**{f"{start}__lte": Schooljaar(last).last_day})
        return q
    return Q()


def _lookup(path: str, rest: str) -> str:
    return rest if path == "self" else f"{path}__{rest}"


def _scope_lookups(assignment, paths: Paths) -> list[str]:
    """The lookups that compare an object with a scoped assignment's school/partner/grouping."""
    if assignment.school_id:
        return [_lookup(p, "pk") for p in paths.school]
    if assignment.grouping_id:
        return [_lookup(p, "groupings") for p in paths.school] + [
            _lookup(p, "pk") for p in paths.grouping
        ]
    if assignment.partner_id:
        return [_lookup(p, "board") for p in paths.school] + [
            _lookup(p, "pk") for p in paths.partner
        ]
    return []


def _scope_value(assignment):
    return assignment.school_id or assignment.grouping_id or assignment.partner_id


def _any_of(model, lookups: list[str], value, running: Q | None = None) -> Q:
    """Objects where any of `lookups` equals `value`; a subquery when one crosses a to-many.

    `running` narrows the related rows (in the same filter, so the same row must match both).
    """
    q = Q()
    for lookup in lookups:
        q |= Q(**{lookup: value})
    if running is not None:
        return Q(pk__in=model._base_manager.filter(q & running).values("pk"))
    if any(_is_multi_valued(model, lookup) for lookup in lookups):
        return Q(pk__in=model._base_manager.filter(q).values("pk"))
    return q


def _is_multi_valued(model, lookup: str) -> bool:
    for part in lookup.split("__"):
        if part == "pk":
            return False
        try:
            f = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        if f.many_to_many or f.one_to_many:
            return True
        if not f.is_relation:
            return False
        model = f.related_model
    return False


def _contains(assignment, *, school=None, partner=None, grouping=None) -> bool:
    """Is the scope (school / partner / grouping; none: the partnership) inside `assignment`'s?"""
    if assignment.is_partnership_wide:
        return True
    if school is not None:
        if assignment.school_id:
            return school.pk == assignment.school_id
        if assignment.partner_id:
            return school.board_id == assignment.partner_id
        return school.groupings.filter(pk=assignment.grouping_id).exists()
    if partner is not None:
        return partner.pk == assignment.partner_id
    if grouping is not None:
        if assignment.grouping_id:
            return grouping.pk == assignment.grouping_id
        if assignment.partner_id:
            schools = list(grouping.schools.values_list("board_id", flat=True))
            return bool(schools) and all(board == assignment.partner_id for board in schools)
        return False
    return False
