"""This app's tenant routes for tests/test_isolation.py: name -> (method, kwargs from tenant)."""

ROUTES = {
    "placements:list": ("get", lambda t: {}),
    "placements:create": ("get", lambda t: {}),
    "placements:detail": ("get", lambda t: {"pk": t.placement.pk}),
    "placements:transition": ("post", lambda t: {"pk": t.placement.pk}),
    "placements:start_form": ("get", lambda t: {"pk": t.placement.pk}),
}

#: The action that guards each route, by hand: tests/test_isolation.py sends a member of the
#: partnership without it and expects 404.
GUARDS = {
    "placements:list": "placement.view",
    "placements:create": "placement.manage",
    "placements:detail": "placement.view",
    "placements:transition": "placement.manage",
    "placements:start_form": "startform.view",
}
