"""This app's tenant routes for tests/test_isolation.py: name -> (method, kwargs from tenant).

The tenant `t` is tests.fixtures.Tenant (partnership, board, institute, school, users,
people, placement, dossier, …). Add every new route here.
"""

from django_scopes import scopes_disabled

from partnerships.models import Grouping, Partnership


def _grouping_pk(t):
    """A cluster of the tenant's school (made on first use); 1 when only the URL shape counts."""
    if not isinstance(t.partnership, Partnership):
        return 1
    with scopes_disabled():
        grouping, _created = Grouping.objects.get_or_create(
            partnership=t.partnership, kind="cluster", name="Cluster Noord"
        )
        grouping.schools.add(t.school)
    return grouping.pk


ROUTES = {
    "partnerships:school_list": ("get", lambda t: {}),
    "partnerships:school_create": ("get", lambda t: {}),
    "partnerships:school_bulk": ("post", lambda t: {}),
    "partnerships:school_import": ("get", lambda t: {}),
    "partnerships:school_import_confirm": ("post", lambda t: {}),
    "partnerships:school_detail": ("get", lambda t: {"pk": t.school.pk}),
    "partnerships:school_edit": ("get", lambda t: {"pk": t.school.pk}),
    "partnerships:school_step": ("post", lambda t: {"pk": t.school.pk}),
    "partnerships:profile_edit": ("get", lambda t: {"pk": t.school.pk}),
    "partnerships:partner_list": ("get", lambda t: {}),
    "partnerships:partner_create": ("get", lambda t: {}),
    "partnerships:partner_detail": ("get", lambda t: {"pk": t.board.pk}),
    "partnerships:partner_edit": ("get", lambda t: {"pk": t.board.pk}),
    "partnerships:grouping_list": ("get", lambda t: {}),
    "partnerships:grouping_create": ("get", lambda t: {}),
    "partnerships:grouping_detail": ("get", lambda t: {"pk": _grouping_pk(t)}),
    "partnerships:grouping_edit": ("get", lambda t: {"pk": _grouping_pk(t)}),
}

#: The action that guards each route (see placements/tests/routes.py).
GUARDS = {
    "partnerships:school_list": "school.view",
    "partnerships:school_create": "school.manage",
    "partnerships:school_bulk": "school.manage",
    "partnerships:school_import": "school.manage",
    "partnerships:school_import_confirm": "school.manage",
    "partnerships:school_detail": "school.view",
    "partnerships:school_edit": "school.manage",
    "partnerships:school_step": "school.manage",
    "partnerships:profile_edit": "profile.edit",
    "partnerships:partner_list": "partner.view",
    "partnerships:partner_create": "partner.manage",
    "partnerships:partner_detail": "partner.view",
    "partnerships:partner_edit": "partner.manage",
    "partnerships:grouping_list": "grouping.view",
    "partnerships:grouping_create": "grouping.manage",
    "partnerships:grouping_detail": "grouping.view",
    "partnerships:grouping_edit": "grouping.manage",
}

# Routes anonymous visitors may open; tests/test_isolation.py checks they show no
# unpublished data.
PUBLIC_ROUTES = {
    "partnerships:public_index": ("get", lambda t: {}),
    "partnerships:public_profile": ("get", lambda t: {"pk": t.school.pk}),
}
