"""This app's tenant routes for tests/test_isolation.py: name -> (method, kwargs from tenant).

The dossier's PDF routes belong to the documents engine: documents/tests/routes.py. The quality
cycle's routes are pdca/tests/routes.py and cycle/tests/routes.py.
"""

ROUTES = {
    "quality:dossier": ("get", lambda t: {"pk": t.dossier.pk}),
    "quality:section_edit": ("get", lambda t: {"pk": t.dossier.pk, "waarborg": 1}),
}

#: The action that guards each route (see placements/tests/routes.py).
GUARDS = {
    "quality:dossier": "dossier.view",
    "quality:section_edit": "dossier.edit",
}
