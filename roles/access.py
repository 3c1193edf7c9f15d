"""Who the user is in a partnership: their role assignments, loaded once per request.

`samen.permissions.Access` answers the questions; this module only loads what it needs (one
query for someone with roles; grants are looked up only for someone without).
"""

from django.db.models import Q
from django_scopes import scopes_disabled

from partnerships.models import Partnership
from samen.permissions import Access, granted, rules

from .models import Person, RoleAssignment


def access_for(user, partnership) -> Access:
    """The user's Access in `partnership`, with their role assignments of every schooljaar."""
    access = Access(user=user, partnership=partnership)
    if not user.is_authenticated:
        return access
    # Crosses no tenant: filtered on this partnership explicitly, before its scope is entered.
    with scopes_disabled():
        access.assignments = list(
            RoleAssignment.objects.filter(partnership=partnership, person__user=user)
            .select_related("person", "school", "partner__organisation", "grouping")
            .order_by("-schooljaar_from", "role", "pk")
        )
        if access.assignments:
            access.person = access.assignments[0].person
        else:
            access.person = Person.objects.filter(partnership=partnership, user=user).first()
    return access


def accesses_of(partnership_id, person_pks, today):
    """{person pk: Access} for many people of one partnership at once, as access_for builds
    one for their account (the mail engine asks whether each recipient may still open what a
    mail is about): two queries, whatever their number. A person without an account holds
    only their roles."""
    # Crosses no tenant: both queries are filtered on this partnership explicitly.
    with scopes_disabled():
        people = list(
            Person._base_manager.filter(
                partnership_id=partnership_id, pk__in=person_pks
            ).select_related("user")
        )
        assignments = RoleAssignment._base_manager.filter(
            partnership_id=partnership_id, person_id__in=[p.pk for p in people]
        ).select_related("school", "partner__organisation", "grouping")
        held = {}
        for assignment in assignments.order_by("-schooljaar_from", "role", "pk"):
            held.setdefault(assignment.person_id, []).append(assignment)
    partnership = Partnership(pk=partnership_id)
    return {
        person.pk: Access(
            user=person.user,
            partnership=partnership,
            person=person,
            assignments=held.get(person.pk, []),
            today=today,
        )
        for person in people
    }


def partnerships_with_role(user):
    """The active partnerships where `user` has a role, in any schooljaar, by name: the header's
    switcher (a platform administrator is listed only where they have a role too)."""
    # Crosses tenants on purpose: it lists only this user's own partnerships.
    with scopes_disabled():
        with_role = RoleAssignment.objects.filter(person__user=user).values("partnership_id")
        return Partnership.objects.filter(is_active=True, pk__in=with_role).order_by("name")


def partnerships_for(user):
    """The active partnerships a user may enter: a role there in any schooljaar, or a grant on
    one of its objects (an external reviewer). Platform administrators: all."""
    active = Partnership.objects.filter(is_active=True)
    if user.is_superuser:
        return active
    # Crosses tenants on purpose: it lists only this user's own partnerships.
    with scopes_disabled():
        with_role = RoleAssignment.objects.filter(person__user=user).values("partnership_id")
        condition = Q(pk__in=with_role)
        for rule in rules().values():
            if rule.grant:
                objects = granted(user, rule, rule.model._base_manager.all())
                condition |= Q(pk__in=objects.values("partnership_id"))
        return active.filter(condition)
