"""The notification engine's tenant routes for tests/test_isolation.py.

`t.failed_notification` is a failed notification about the test world's school (built by
tests/test_isolation.py's `samen_with_render` fixture).
"""

ROUTES = {
    "notifications:failed": ("get", lambda t: {}),
    "notifications:retry": ("get", lambda t: {"pk": t.failed_notification.pk}),
    "notifications:deliveries": ("get", lambda t: {}),
    "notifications:preferences": ("get", lambda t: {}),
}

#: The action that guards each route; None: anyone with a person in the partnership (each
#: person chooses their own mail preference; someone without one gets 404).
GUARDS = {
    "notifications:failed": "notification.view",
    "notifications:retry": "notification.retry",
    "notifications:deliveries": "delivery.view",
    "notifications:preferences": None,
}
