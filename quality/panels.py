"""What quality shows on other pages (samen.panels): dossiers and review moments."""

from django.utils import timezone

from partnerships.models import School
from samen import panels
from samen.schooljaar import Schooljaar

from . import calendar_services
from .models import Dossier


def dashboard(request, obj):
    access = request.access
    dossiers = (
        access.filter("dossier.view", Dossier.objects.all()) if access.can("dossier.view") else None
    )
    can_view_moments = access.can("reviewmoment.view")
    if dossiers is None and not can_view_moments:
        return None
    return {
        "dossiers": dossiers,
        "can_view_moments": can_view_moments,
        # The kwaliteitscyclus's calendar, the cycle itself and the schools' traffic lights.
        "can_view_cycle": access.can("cycle.view"),
        "can_view_school_quality": access.can("school.quality"),
        "schooljaar": Schooljaar.current(),
    }


panels.register("dashboard", "quality/_dashboard_panel.html", dashboard, order=20)


def school_quality(request, school):
    """On a school's page: its traffic light, and a link to its quality dashboard."""
    if not request.access.can("school.quality", school):
        return None
    annotated = calendar_services.with_quality(
        School.objects.filter(pk=school.pk), timezone.localdate()
    ).first()
    if annotated is None:
        return None
    return {"quality_school": annotated, "light": calendar_services.light(annotated)}


panels.register("school", "quality/_school_panel.html", school_quality, order=40)
