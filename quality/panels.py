"""What quality shows on other pages (samen.panels): dossiers and review moments."""

from samen import panels

from .models import Dossier


def dashboard(request, obj):
    access = request.access
    dossiers = (
        access.filter("dossier.view", Dossier.objects.all()) if access.can("dossier.view") else None
    )
    can_view_moments = access.can("reviewmoment.view")
    if dossiers is None and not can_view_moments:
        return None
    return {"dossiers": dossiers, "can_view_moments": can_view_moments}


panels.register("dashboard", "quality/_dashboard_panel.html", dashboard, order=20)
