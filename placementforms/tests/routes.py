"""This app's tenant routes for tests/test_isolation.py: name -> (method, kwargs from tenant)."""

ROUTES = {
    # The forms of the gouden driehoek: the tenant placement's startgesprek.
    "placementforms:list": ("get", lambda t: {}),
    "placementforms:open": ("post", lambda t: {"pk": t.placement.pk}),
    "placementforms:close_without_eind": ("get", lambda t: {"pk": t.placement.pk}),
    "placementforms:detail": ("get", lambda t: {"pk": t.placement.pk, "kind": "start"}),
    "placementforms:autosave": ("post", lambda t: {"pk": t.placement.pk, "kind": "start"}),
    "placementforms:submit": ("get", lambda t: {"pk": t.placement.pk, "kind": "start"}),
    "placementforms:sign": ("get", lambda t: {"pk": t.placement.pk, "kind": "start"}),
    "placementforms:reopen": ("get", lambda t: {"pk": t.placement.pk, "kind": "start"}),
}

#: The action that guards each route, by hand: tests/test_isolation.py sends a member of the
#: partnership without it and expects 404.
GUARDS = {
    "placementforms:list": "placementform.view",
    "placementforms:open": "placement.manage",
    "placementforms:close_without_eind": "placement.manage",
    "placementforms:detail": "placementform.view",
    "placementforms:autosave": "placementform.edit",
    "placementforms:submit": "placementform.edit",
    "placementforms:sign": "placementform.sign",
    "placementforms:reopen": "placementform.reopen",
}
