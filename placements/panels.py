"""What placements show on other pages (samen.panels): the dashboard's list of placements."""

from samen import panels

from .models import Placement


def dashboard(request, obj):
    access = request.access
    if not access.can("placement.view"):
        return None
    placements = access.filter("placement.view", Placement.objects.all())
    return {
        "my_placements": placements.select_related(
            "student", "school", "mentor", "start_form"
        ).order_by("-starts_on")[:10],
        "placement_count": placements.count(),
        "can_manage_placements": access.can("placement.manage"),
    }


panels.register("dashboard", "placements/_dashboard_panel.html", dashboard, order=10)
