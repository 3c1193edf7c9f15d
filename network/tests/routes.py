"""This app's tenant routes for tests/test_isolation.py: name -> (method, kwargs from tenant).

The tenant `t` is tests.fixtures.Tenant (partnership, board, institute, school, users,
people, placement, dossier, …). Add every new route here.
"""

ROUTES = {}


# --- network: overlegstructuur, professionalisering, expertise (network/urls.py) ----


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

    from network.models import Body, BodyMembership, Meeting

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

    from network.models import Certificate

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

    from network.models import ExpertiseArea

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
        "network:body_list": ("get", lambda t: {}),
        "network:body_create": ("get", lambda t: {}),
        "network:body_detail": ("get", lambda t: {"pk": _network_body(t)[0].pk}),
        "network:body_edit": ("get", lambda t: {"pk": _network_body(t)[0].pk}),
        "network:body_member_add": ("get", lambda t: {"pk": _network_body(t)[0].pk}),
        "network:body_member_end": ("post", _network_member_kwargs),
        "network:body_member_remove": ("post", _network_member_kwargs),
        "network:meeting_create": ("get", lambda t: {"pk": _network_body(t)[0].pk}),
        "network:meeting_edit": ("get", _network_meeting_kwargs),
        "network:certificate_list": ("get", lambda t: {}),
        "network:certificate_create": ("get", lambda t: {}),
        "network:training_record": ("get", lambda t: {}),
        "network:certificate_delete": ("post", lambda t: {"pk": _network_certificate(t).pk}),
        "network:training_overview": ("get", lambda t: {}),
        "network:expertise_directory": ("get", lambda t: {}),
        "network:expertise_areas": ("get", lambda t: {}),
        "network:expertise_area_edit": ("get", lambda t: {"pk": _network_area(t).pk}),
        "network:expertise_area_delete": ("post", lambda t: {"pk": _network_area(t).pk}),
        "network:expertise_person": (
            "get",
            lambda t: {"pk": t.people["mentor"].pk if _network_is_tenant(t) else 1},
        ),
    }
)


#: The action that guards each route (see placements/tests/routes.py).
GUARDS = {
    "network:body_list": "body.view",
    "network:body_create": "body.manage",
    "network:body_detail": "body.view",
    "network:body_edit": "body.manage",
    "network:body_member_add": "body.manage",
    "network:body_member_end": "body.manage",
    "network:body_member_remove": "body.manage",
    "network:meeting_create": "body.manage",
    "network:meeting_edit": "body.manage",
    "network:certificate_list": "certificate.manage",
    "network:certificate_create": "certificate.manage",
    "network:training_record": "certificate.manage",
    "network:certificate_delete": "certificate.manage",
    "network:training_overview": "training.overview",
    "network:expertise_directory": "expertise.view",
    "network:expertise_areas": "expertise.manage",
    "network:expertise_area_edit": "expertise.manage",
    "network:expertise_area_delete": "expertise.manage",
    "network:expertise_person": "expertise.edit",
}
