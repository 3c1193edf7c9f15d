"""This app's tenant routes for tests/test_isolation.py: name -> (method, kwargs from tenant).

The tenant `t` is tests.fixtures.Tenant (partnership, board, institute, school, users,
people, placement, dossier, …). Add every new route here.
"""

ROUTES = {}


class _Shape:
    """Stands in for rows when tests/test_isolation.py only needs the shape of a URL."""

    pk = 1


def _is_tenant(t):
    from partnerships.models import Partnership

    return isinstance(getattr(t, "partnership", None), Partnership)


# --- people and roles (roles/urls.py) -------------------------------------------------------


def _people_person(t):
    """The mentor of tenant `t` (a stand-in when only the shape of a URL matters)."""
    if not _is_tenant(t):
        return _Shape()
    return t.people["mentor"]


def _people_assignment_kwargs(t):
    if not _is_tenant(t):
        return {"pk": 1, "assignment_pk": 1}
    from django_scopes import scopes_disabled

    with scopes_disabled():
        assignment = t.people["mentor"].roles.get()
    return {"pk": assignment.person_id, "assignment_pk": assignment.pk}


def _people_description(t):
    if not _is_tenant(t):
        return _Shape()
    from django_scopes import scopes_disabled

    from roles.models import RoleDescription

    with scopes_disabled():
        return RoleDescription.objects.get_or_create(partnership=t.partnership, role="mentor")[0]


ROUTES.update(
    {
        "roles:person_list": ("get", lambda t: {}),
        "roles:person_create": ("get", lambda t: {}),
        "roles:person_bulk": ("post", lambda t: {}),
        "roles:person_import": ("get", lambda t: {}),
        "roles:person_import_confirm": ("post", lambda t: {}),
        "roles:person_detail": ("get", lambda t: {"pk": _people_person(t).pk}),
        "roles:person_edit": ("get", lambda t: {"pk": _people_person(t).pk}),
        "roles:person_invite": ("post", lambda t: {"pk": _people_person(t).pk}),
        "roles:assignment_create": ("get", lambda t: {"pk": _people_person(t).pk}),
        "roles:assignment_edit": ("get", _people_assignment_kwargs),
        "roles:assignment_end": ("post", _people_assignment_kwargs),
        "roles:role_catalogue": ("get", lambda t: {}),
        "roles:role_description_edit": ("get", lambda t: {"pk": _people_description(t).pk}),
        "roles:role_description_create": ("post", lambda t: {"role": "mentor"}),
    }
)

#: The action that guards each route (see placements/tests/routes.py); None: any holder of a
#: role this schooljaar may open it (the role catalogue).
GUARDS = {
    "roles:person_list": "person.view",
    "roles:person_create": "person.manage",
    "roles:person_bulk": "person.view",
    "roles:person_import": "person.manage",
    "roles:person_import_confirm": "person.manage",
    "roles:person_detail": "person.view",
    "roles:person_edit": "person.manage",
    "roles:person_invite": "person.manage",
    "roles:assignment_create": "role.manage",
    "roles:assignment_edit": "role.manage",
    "roles:assignment_end": "role.manage",
    "roles:role_catalogue": None,
    "roles:role_description_edit": "roledescription.edit",
    "roles:role_description_create": "roledescription.edit",
}
