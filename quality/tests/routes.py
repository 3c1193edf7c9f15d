"""This app's tenant routes for tests/test_isolation.py: name -> (method, kwargs from tenant)."""

ROUTES = {
    "quality:dossier": ("get", lambda t: {"pk": t.dossier.pk}),
    "quality:section_edit": ("get", lambda t: {"pk": t.dossier.pk, "waarborg": 1}),
    "quality:render_create": ("post", lambda t: {"pk": t.dossier.pk}),
    "quality:render_status": ("get", lambda t: {"pk": t.render.pk}),
    "quality:render_download": ("get", lambda t: {"pk": t.render.pk}),
    "quality:moments": ("get", lambda t: {}),
}
