"""This app's tenant routes for tests/test_isolation.py: name -> (method, kwargs from tenant).

The tenant `t` is tests.fixtures.Tenant (partnership, board, institute, school, users,
people, placement, dossier, …). Add every new route here.
"""

ROUTES = {}


# --- network: overlegstructuur, professionalisering, expertise (roles/urls/network.py) ----


class _NetworkShape:
    """Stands in for rows when tests/test_isolation.py only needs the shape of a URL."""

    pk = 1


def _network_is_tenant(t):
    from partnerships.models import Partnership

    return isinstance(getattr(t, "partnership", None), Partnership)


def _network_body(t):
    """A body of tenant `t` with one member and one meeting (created for the route)."""
    import datetime as dt

    if not _network_is_tenant(t):
        return _NetworkShape(), _NetworkShape(), _NetworkShape()

    from django.utils import timezone
    from django_scopes import scopes_disabled

    from roles.models import Body, BodyMembership, Meeting

    with scopes_disabled():
        body = Body.objects.create(partnership=t.partnership, kind="stuurgroep", name="Stuurgroep")
        membership = BodyMembership.objects.create(
            partnership=t.partnership, body=body, person=t.people["stuurgroep"]
        )
        meeting = Meeting.objects.create(
            partnership=t.partnership, body=body, starts_at=timezone.now() + dt.timedelta(days=7)
        )
    return body, membership, meeting


def _network_certificate(t):
    import datetime as dt

    if not _network_is_tenant(t):
        return _NetworkShape()

    from django_scopes import scopes_disabled

    from roles.models import Certificate

    with scopes_disabled():
        return Certificate.objects.create(
            partnership=t.partnership,
            person=t.people["mentor"],
            kind="mentorentraining",
            obtained_on=dt.date(2025, 9, 1),
        )


def _network_area(t):
    from django_scopes import scopes_disabled

    if not _network_is_tenant(t):
        return _NetworkShape()

    from roles.models import ExpertiseArea

    with scopes_disabled():
        return ExpertiseArea.objects.get_or_create(partnership=t.partnership, name="Rekenen")[0]


def _network_member_kwargs(t):
    body, membership, _meeting = _network_body(t)
    return {"pk": body.pk, "membership_pk": membership.pk}


def _network_meeting_kwargs(t):
    body, _membership, meeting = _network_body(t)
    return {"pk": body.pk, "meeting_pk": meeting.pk}


ROUTES.update(
    {
        "roles:body_list": ("get", lambda t: {}),
        "roles:body_create": ("get", lambda t: {}),
        "roles:body_detail": ("get", lambda t: {"pk": _network_body(t)[0].pk}),
        "roles:body_edit": ("get", lambda t: {"pk": _network_body(t)[0].pk}),
        "roles:body_member_add": ("get", lambda t: {"pk": _network_body(t)[0].pk}),
        "roles:body_member_end": ("post", _network_member_kwargs),
        "roles:body_member_remove": ("post", _network_member_kwargs),
        "roles:meeting_create": ("get", lambda t: {"pk": _network_body(t)[0].pk}),
        "roles:meeting_edit": ("get", _network_meeting_kwargs),
        "roles:certificate_list": ("get", lambda t: {}),
        "roles:certificate_create": ("get", lambda t: {}),
        "roles:training_record": ("get", lambda t: {}),
        "roles:certificate_delete": ("post", lambda t: {"pk": _network_certificate(t).pk}),
        "roles:training_overview": ("get", lambda t: {}),
        "roles:expertise_directory": ("get", lambda t: {}),
        "roles:expertise_areas": ("get", lambda t: {}),
        "roles:expertise_area_edit": ("get", lambda t: {"pk": _network_area(t).pk}),
        "roles:expertise_area_delete": ("post", lambda t: {"pk": _network_area(t).pk}),
        "roles:expertise_person": (
            "get",
            lambda t: {"pk": t.people["mentor"].pk if _network_is_tenant(t) else 1},
        ),
    }
)


# --- people and roles (roles/urls/people.py) ------------------------------------------------


def _people_person(t):
    """The mentor of tenant `t` (a stand-in when only the shape of a URL matters)."""
    if not _network_is_tenant(t):
        return _NetworkShape()
    return t.people["mentor"]


def _people_assignment_kwargs(t):
    if not _network_is_tenant(t):
        return {"pk": 1, "assignment_pk": 1}
    from django_scopes import scopes_disabled

    with scopes_disabled():
        assignment = t.people["mentor"].roles.get()
    return {"pk": assignment.person_id, "assignment_pk": assignment.pk}


def _people_description(t):
    if not _network_is_tenant(t):
        return _NetworkShape()
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
    "roles:body_list": "body.view",
    "roles:body_create": "body.manage",
    "roles:body_detail": "body.view",
    "roles:body_edit": "body.manage",
    "roles:body_member_add": "body.manage",
    "roles:body_member_end": "body.manage",
    "roles:body_member_remove": "body.manage",
    "roles:meeting_create": "body.manage",
    "roles:meeting_edit": "body.manage",
    "roles:certificate_list": "certificate.manage",
    "roles:certificate_create": "certificate.manage",
    "roles:training_record": "certificate.manage",
    "roles:certificate_delete": "certificate.manage",
    "roles:training_overview": "training.overview",
    "roles:expertise_directory": "expertise.view",
    "roles:expertise_areas": "expertise.manage",
    "roles:expertise_area_edit": "expertise.manage",
    "roles:expertise_area_delete": "expertise.manage",
    "roles:expertise_person": "expertise.edit",
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
