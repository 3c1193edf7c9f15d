"""What the kwaliteitscyclus shows on other pages (samen.panels): a school's traffic light on
its page, and the calendar's links on the dashboard's quality card (quality/panels.py puts
them on the card, beside the dossiers)."""

from django.utils import timezone

from partnerships.models import School
from samen import panels
from samen.schooljaar import Schooljaar

from . import traffic_light


def calendar_links(request):
    """The calendar, the cycle itself and the schools' traffic lights, for whoever may see
    review moments; None for anyone else."""
    access = request.access
    if not access.can("reviewmoment.view"):
        return None
    return {
        "can_view_cycle": access.can("cycle.view"),
        "can_view_school_quality": access.can("school.quality"),
        "schooljaar": Schooljaar.current(),
    }


def school_panel(request, school):
    """On a school's page: its traffic light, and a link to its quality dashboard."""
    if not request.access.can("school.quality", school):
        return None
    annotated = traffic_light.with_quality(
        School.objects.filter(pk=school.pk), timezone.localdate()
    ).first()
    if annotated is None:
        return None
    return {"quality_school": annotated, "light": traffic_light.light(annotated)}


panels.register("school", "cycle/_school_panel.html", school_panel, order=40)
