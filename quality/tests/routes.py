"""This app's tenant routes for tests/test_isolation.py: name -> (method, kwargs from tenant)."""

ROUTES = {
    "quality:dossier": ("get", lambda t: {"pk": t.dossier.pk}),
    "quality:section_edit": ("get", lambda t: {"pk": t.dossier.pk, "waarborg": 1}),
    "quality:render_create": ("post", lambda t: {"pk": t.dossier.pk}),
    "quality:render_status": ("get", lambda t: {"pk": t.render.pk}),
    "quality:render_download": ("get", lambda t: {"pk": t.render.pk}),
    "quality:moments": ("get", lambda t: {}),
}

#: The action that guards each route (see placements/tests/routes.py).
GUARDS = {
    "quality:dossier": "dossier.view",
    "quality:section_edit": "dossier.edit",
    "quality:render_create": "dossier.render",
    "quality:render_status": "dossier.render",
    "quality:render_download": "dossier.download",
    "quality:moments": "reviewmoment.view",
}
