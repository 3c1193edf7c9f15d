"""What quality shows on other pages (samen.panels): the dashboard's quality card, with the
dossiers and — composed from the room below, cycle — the calendar's links."""

from cycle.panels import calendar_links
from samen import panels

from .models import Dossier


def dashboard(request, obj):
    access = request.access
    dossiers = (
        access.filter("dossier.view", Dossier.objects.all()) if access.can("dossier.view") else None
    )
    calendar = calendar_links(request)
    if dossiers is None and calendar is None:
        return None
    return {"dossiers": dossiers, "can_view_moments": calendar is not None, **(calendar or {})}


panels.register("dashboard", "quality/_dashboard_panel.html", dashboard, order=20)
