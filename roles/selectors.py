"""Reads of people and their roles that pages need beyond one row."""

from django.utils.translation import gettext as _

from samen.schooljaar import Schooljaar


def period_label(assignment):
    """ "2026-2027 – heden", "2024-2025 – 2025-2026" or "2025-2026"."""
    start = str(Schooljaar(assignment.schooljaar_from))
    if assignment.schooljaar_to is None:
        return _("%(start)s – heden") % {"start": start}
    if assignment.schooljaar_to == assignment.schooljaar_from:
        return start
    return f"{start} – {Schooljaar(assignment.schooljaar_to)}"


def assignments_of(access, person):
    """Every role assignment of `person`, newest first, each with what its row on the
    person's page says: `period`, `is_current` (it runs this schooljaar), `can_manage`
    (`access` may grant it, so change it: Access.may_grant) and `can_end` (it runs on after
    this schooljaar, so ending it at the end of this one changes something)."""
    current = Schooljaar.current().start_year
    assignments = list(
        person.roles.select_related("school", "partner__organisation", "grouping").order_by(
            "-schooljaar_from", "role", "pk"
        )
    )
    for a in assignments:
        started = a.schooljaar_from <= current
        a.period = period_label(a)
        a.is_current = started and (a.schooljaar_to is None or a.schooljaar_to >= current)
        a.can_end = started and (a.schooljaar_to is None or a.schooljaar_to > current)
        a.can_manage = access.may_grant(
            a.role, school=a.school, partner=a.partner, grouping=a.grouping
        )
    return assignments
