"""The documents engine's tenant routes for tests/test_isolation.py.

The engine's routes are guarded by the actions of the kind of document they serve; the test
world's dossier (a kritische reflectie, registered by quality) fills them.
"""

ROUTES = {
    "documents:render_create": (
        "post",
        lambda t: {"kind": "kritische_reflectie", "pk": t.dossier.pk},
    ),
    "documents:render_status": ("get", lambda t: {"pk": t.render.pk}),
    "documents:render_download": ("get", lambda t: {"pk": t.render.pk}),
}

#: The action that guards each route, here: the kritische reflectie's (quality/documents.py).
GUARDS = {
    "documents:render_create": "dossier.render",
    "documents:render_status": "dossier.render",
    "documents:render_download": "dossier.download",
}
