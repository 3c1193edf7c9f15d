"""This app's tenant routes for tests/test_isolation.py: name -> (method, kwargs from tenant).

`t.review_moment` (a moment at the test world's school) and `t.cycle_activity` (a row of its
kwaliteitscyclus) are built by tests/test_isolation.py's `samen_with_render` fixture.
"""

ROUTES = {
    "cycle:moments": ("get", lambda t: {}),
    "cycle:cycle": ("get", lambda t: {}),
    "cycle:cycle_create": ("get", lambda t: {}),
    "cycle:cycle_edit": ("get", lambda t: {"pk": t.cycle_activity.pk}),
    "cycle:cycle_generate": ("post", lambda t: {}),
    "cycle:calendar": ("get", lambda t: {}),
    # A year and a month are not ids (strings: tests/test_isolation.py takes ints for ids).
    "cycle:calendar_month": ("get", lambda t: {"year": "2026", "month": "3"}),
    "cycle:calendar_year": ("get", lambda t: {"year": "2025"}),
    "cycle:moment": ("get", lambda t: {"pk": t.review_moment.pk}),
    "cycle:moment_done": ("get", lambda t: {"pk": t.review_moment.pk}),
    "cycle:school_quality_list": ("get", lambda t: {}),
    "cycle:school_quality": ("get", lambda t: {"pk": t.school.pk}),
    "cycle:agenda": ("get", lambda t: {}),
    "cycle:agenda_reset": ("get", lambda t: {}),
}

#: The action that guards each route (see placements/tests/routes.py).
GUARDS = {
    "cycle:moments": "reviewmoment.view",
    "cycle:cycle": "cycle.view",
    "cycle:cycle_create": "cycle.manage",
    "cycle:cycle_edit": "cycle.manage",
    "cycle:cycle_generate": "cycle.manage",
    "cycle:calendar": "reviewmoment.view",
    "cycle:calendar_month": "reviewmoment.view",
    "cycle:calendar_year": "reviewmoment.view",
    "cycle:moment": "reviewmoment.view",
    "cycle:moment_done": "reviewmoment.complete",
    "cycle:school_quality_list": "school.quality",
    "cycle:school_quality": "school.quality",
    # Anyone with a person in the partnership: their own feed address (someone without one,
    # such as an external reviewer, gets 404).
    "cycle:agenda": None,
    "cycle:agenda_reset": None,
}

# The agenda feed: open to calendar apps, which log in to nothing; the secret in its URL is
# the key (a wrong one answers 404). cycle/tests/test_calendar.py tests it.
PUBLIC_ROUTES = {
    "cycle:feed": ("get", lambda t: {"token": "geen-geldig-geheim"}),
}
