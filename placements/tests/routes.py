"""This app's tenant routes for tests/test_isolation.py: name -> (method, kwargs from tenant)."""

ROUTES = {
    "placements:list": ("get", lambda t: {}),
    "placements:create": ("get", lambda t: {}),
    "placements:detail": ("get", lambda t: {"pk": t.placement.pk}),
    "placements:transition": ("post", lambda t: {"pk": t.placement.pk}),
    "placements:start_form": ("get", lambda t: {"pk": t.placement.pk}),
}
