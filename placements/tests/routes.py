"""This app's tenant routes for tests/test_isolation.py: name -> (method, kwargs from tenant)."""

ROUTES = {
    "placements:list": ("get", lambda t: {}),
    "placements:create": ("get", lambda t: {}),
    "placements:detail": ("get", lambda t: {"pk": t.placement.pk}),
    "placements:transition": ("post", lambda t: {"pk": t.placement.pk}),
    "placements:overstap": ("get", lambda t: {"pk": t.placement.pk}),
    "placements:extend": ("get", lambda t: {"pk": t.placement.pk}),
    "placements:coach": ("get", lambda t: {"pk": t.placement.pk}),
    "placements:leergroep_list": ("get", lambda t: {}),
    "placements:leergroep_create": ("get", lambda t: {}),
    "placements:leergroep": ("get", lambda t: {"pk": t.leergroep.pk}),
    "placements:leergroep_edit": ("get", lambda t: {"pk": t.leergroep.pk}),
    "placements:leergroep_meeting_create": ("get", lambda t: {"pk": t.leergroep.pk}),
    "placements:leergroep_meeting_edit": (
        "get",
        lambda t: {"pk": t.leergroep.pk, "meeting_pk": t.leergroep_meeting.pk},
    ),
}

#: The action that guards each route, by hand: tests/test_isolation.py sends a member of the
#: partnership without it and expects 404.
GUARDS = {
    "placements:list": "placement.view",
    "placements:create": "placement.manage",
    "placements:detail": "placement.view",
    "placements:transition": "placement.manage",
    "placements:overstap": "placement.manage",
    "placements:extend": "placement.manage",
    "placements:coach": "placement.manage",
    "placements:leergroep_list": "leergroep.view",
    "placements:leergroep_create": "leergroep.manage",
    "placements:leergroep": "leergroep.view",
    "placements:leergroep_edit": "leergroep.manage",
    "placements:leergroep_meeting_create": "leergroep.manage",
    "placements:leergroep_meeting_edit": "leergroep.manage",
}
