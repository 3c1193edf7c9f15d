"""This app's tenant routes for tests/test_isolation.py: name -> (method, kwargs from tenant).

The dossier's PDF routes belong to the documents engine: documents/tests/routes.py.
`t.review_moment` (a moment at the test world's school) and `t.cycle_activity` (a row of its
kwaliteitscyclus) are built by tests/test_isolation.py's `samen_with_render` fixture.
"""

ROUTES = {
    "quality:dossier": ("get", lambda t: {"pk": t.dossier.pk}),
    "quality:section_edit": ("get", lambda t: {"pk": t.dossier.pk, "waarborg": 1}),
    "quality:moments": ("get", lambda t: {}),
    "quality:cycle": ("get", lambda t: {}),
    "quality:cycle_create": ("get", lambda t: {}),
    "quality:cycle_edit": ("get", lambda t: {"pk": t.cycle_activity.pk}),
    "quality:cycle_generate": ("post", lambda t: {}),
    "quality:calendar": ("get", lambda t: {}),
    # A year and a month are not ids (strings: tests/test_isolation.py takes ints for ids).
    "quality:calendar_month": ("get", lambda t: {"year": "2026", "month": "3"}),
    "quality:calendar_year": ("get", lambda t: {"year": "2025"}),
    "quality:moment": ("get", lambda t: {"pk": t.review_moment.pk}),
    "quality:moment_done": ("get", lambda t: {"pk": t.review_moment.pk}),
    "quality:school_quality_list": ("get", lambda t: {}),
    "quality:school_quality": ("get", lambda t: {"pk": t.school.pk}),
    "quality:agenda": ("get", lambda t: {}),
    "quality:agenda_reset": ("get", lambda t: {}),
}

#: The action that guards each route (see placements/tests/routes.py).
GUARDS = {
    "quality:dossier": "dossier.view",
    "quality:section_edit": "dossier.edit",
    "quality:moments": "reviewmoment.view",
    "quality:cycle": "cycle.view",
    "quality:cycle_create": "cycle.manage",
    "quality:cycle_edit": "cycle.manage",
    "quality:cycle_generate": "cycle.manage",
    "quality:calendar": "reviewmoment.view",
    "quality:calendar_month": "reviewmoment.view",
    "quality:calendar_year": "reviewmoment.view",
    "quality:moment": "reviewmoment.view",
    "quality:moment_done": "reviewmoment.complete",
    "quality:school_quality_list": "school.quality",
    "quality:school_quality": "school.quality",
    # Anyone with a person in the partnership: their own feed address (someone without one,
    # such as an external reviewer, gets 404).
    "quality:agenda": None,
    "quality:agenda_reset": None,
}

# The agenda feed: open to calendar apps, which log in to nothing; the secret in its URL is
# the key (a wrong one answers 404). quality/tests/test_calendar.py tests it.
PUBLIC_ROUTES = {
    "quality:feed": ("get", lambda t: {"token": "geen-geldig-geheim"}),
}
