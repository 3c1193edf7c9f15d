"""What placements show on other pages (samen.panels): the dashboard's placements and
leergroepen."""

from django.db.models import Count, Min, Q
from django.utils import timezone

from samen import panels
from samen.schooljaar import Schooljaar

from .models import Leergroep, Placement, PlacementStatus

#: Placements that are over: on the dashboard under "Eerdere stages", apart from the current.
FINISHED_STATUSES = (
    PlacementStatus.AFGEROND,
    PlacementStatus.AFGEBROKEN,
    PlacementStatus.OVERGESTAPT,
)


def dashboard(request, obj):
    """The placements in reach: the current ones first (the earliest start first), each with
    its status and period; the finished ones apart, the latest first."""
    access = request.access
    if not access.can("placement.view"):
        return None
    placements = access.filter("placement.view", Placement.objects.all())
    finished = Q(status__in=FINISHED_STATUSES)
    rows = placements.select_related("student", "school", "period")
    return {
        "current_placements": rows.exclude(finished).order_by("starts_on", "pk")[:10],
        "earlier_placements": rows.filter(finished).order_by("-ends_on", "-pk")[:5],
        **placements.aggregate(
            current_count=Count("pk", filter=~finished), earlier_count=Count("pk", filter=finished)
        ),
        "can_manage_placements": access.can("placement.manage"),
    }


def leergroepen(request, obj):
    """This schooljaar's leergroepen in reach (a student: her own), each with its next meeting."""
    access = request.access
    if not access.can("leergroep.view"):
        return None
    year = Schooljaar.current().start_year
    groups = access.filter("leergroep.view", Leergroep.objects.filter(schooljaar__gte=year))
    can_manage = access.can("leergroep.manage")
    count = groups.count()
    if not count and not can_manage:
        return None
    return {
        "leergroepen": groups.select_related("school", "period")
        .annotate(
            next_meeting=Min(
                "meetings__starts_at", filter=Q(meetings__starts_at__gte=timezone.now())
            )
        )
        .order_by("schooljaar", "name")[:5],
        "leergroep_count": count,
        "can_manage_leergroepen": can_manage,
    }


panels.register("dashboard", "placements/_dashboard_panel.html", dashboard, order=10)
panels.register("dashboard", "placements/_leergroep_panel.html", leergroepen, order=11)
