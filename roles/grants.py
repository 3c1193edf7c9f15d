"""The rules for granting a role: is this assignment valid, and may this person grant it?

Shared by the services (one grant, bulk grants) and the import's rows (roles.resources), so
every way of giving someone a role meets the same rules.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from samen.errors import DomainError
from samen.permissions import OutOfReach, Role

from .models import RoleAssignment


def overlapping(queryset, start, end):
    """Assignments in `queryset` whose schooljaren overlap start..end (end None: open)."""
    queryset = queryset.filter(Q(schooljaar_to__isnull=True) | Q(schooljaar_to__gte=start))
    if end is not None:
        queryset = queryset.filter(schooljaar_from__lte=end)
    return queryset


def validate_assignment(assignment):
    person = assignment.person
    scopes = [s for s in (assignment.partner, assignment.school, assignment.grouping) if s]
    if len(scopes) > 1:
        raise DomainError(
            _("Kies één reikwijdte: een bestuur of instituut, een school of een cluster.")
        )
    for obj in scopes:
        if obj.partnership_id != person.partnership_id:
            raise DomainError(_("Deze school, partner of cluster hoort niet bij dit partnerschap."))
    if assignment.role not in Role.values:
        raise DomainError(_("Onbekende rol."))
    if (
        assignment.schooljaar_to is not None
        and assignment.schooljaar_to < assignment.schooljaar_from
    ):
        raise DomainError(_("Het laatste schooljaar ligt vóór het eerste schooljaar."))
    if assignment.hours_per_week is not None and assignment.hours_per_week < 0:
        raise DomainError(_("Het aantal uren kan niet negatief zijn."))
    if person.pk is None:
        return  # a person not saved yet holds no roles
    same = RoleAssignment.objects.filter(
        person=person,
        role=assignment.role,
        partner=assignment.partner,
        school=assignment.school,
        grouping=assignment.grouping,
    )
    if assignment.pk:
        same = same.exclude(pk=assignment.pk)
    if overlapping(same, assignment.schooljaar_from, assignment.schooljaar_to).exists():
        raise DomainError(
            _("%(person)s heeft de rol %(role)s (%(scope)s) al in deze schooljaren.")
            % {
                "person": person,
                "role": assignment.get_role_display(),
                "scope": assignment.scope_label,
            }
        )


def grant_refusal(actor, assignment):
    """Raises OutOfReach when the actor may not grant this (unsaved) assignment: its role in
    its scope and schooljaren, to a person in the actor's reach (or a new one)."""
    person = assignment.person
    if person.pk is not None and not actor.can("role.manage", person):
        # Not named: whether someone exists outside one's reach is not one's business.
        raise OutOfReach(
            _("Deze persoon valt buiten uw bereik; vraag een coördinator van het partnerschap.")
        )
    require_grant(actor, assignment.role, **grant_scope(assignment), years=years_of(assignment))


def years_of(assignment):
    return (assignment.schooljaar_from, assignment.schooljaar_to)


def require_grant(actor, role, *, school=None, partner=None, grouping=None, years=None):
    if actor.may_grant(role, school=school, partner=partner, grouping=grouping, years=years):
        return
    scope = school or partner or grouping or _("heel het partnerschap")
    label = Role(role).label if role in Role.values else role
    if years is not None and actor.may_grant(
        role, school=school, partner=partner, grouping=grouping
    ):
        raise OutOfReach(
            _("U mag de rol %(role)s alleen toekennen voor de schooljaren van uw eigen rol.")
            % {"role": label}
        )
    raise OutOfReach(
        _("U mag de rol %(role)s niet toekennen voor %(scope)s.") % {"role": label, "scope": scope}
    )


def grant_scope(assignment):
    return {
        "school": assignment.school,
        "partner": assignment.partner,
        "grouping": assignment.grouping,
    }
