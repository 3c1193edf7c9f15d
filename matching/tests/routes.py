"""This app's tenant routes for tests/test_isolation.py: name -> (method, kwargs from tenant)."""

ROUTES = {
    "matching:capacity_list": ("get", lambda t: {}),
    "matching:capacity_open": ("get", lambda t: {}),
    "matching:capacity": ("get", lambda t: {"pk": t.capacity.pk}),
    "matching:request_list": ("get", lambda t: {}),
    "matching:request_create": ("get", lambda t: {}),
    "matching:request_import": ("get", lambda t: {}),
    "matching:request_import_confirm": ("post", lambda t: {}),
    "matching:request": ("get", lambda t: {"pk": t.placement_request.pk}),
    "matching:request_withdraw": ("get", lambda t: {"pk": t.placement_request.pk}),
    "matching:index": ("get", lambda t: {}),
    "matching:board": ("get", lambda t: {"pk": t.period.pk}),
    "matching:bulk": ("post", lambda t: {"pk": t.period.pk}),
    "matching:assign": (
        "get",
        lambda t: {"pk": t.period.pk, "request_pk": t.placement_request.pk},
    ),
}

#: The action that guards each route, by hand: tests/test_isolation.py sends a member of the
#: partnership without it and expects 404.
GUARDS = {
    "matching:capacity_list": "capacity.view",
    "matching:capacity_open": "capacity.manage",
    "matching:capacity": "capacity.view",
    "matching:request_list": "request.view",
    "matching:request_create": "request.manage",
    "matching:request_import": "matching.view",
    "matching:request_import_confirm": "matching.view",
    "matching:request": "request.view",
    "matching:request_withdraw": "request.manage",
    "matching:index": "matching.view",
    "matching:board": "matching.view",
    "matching:bulk": "matching.view",
    "matching:assign": "matching.view",
}
