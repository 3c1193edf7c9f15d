"""What quality shows on other pages (samen.panels): dossiers and review moments."""

from django.utils import timezone

from partnerships.models import School
from samen import panels
from samen.schooljaar import Schooljaar

from . import calendar_services
from .models import (
    ActivityStatus,
    DialogueSession,
    Dossier,
    FollowUpAction,
    Jaarplan,
    JaarplanActivity,
)


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


# --- Plan, Do, Check, Act --------------------------------------------------------------------


def pdca_dashboard(request, obj):
    """The quality cycle: for the stuurgroep the jaarplannen "te vast te stellen"; for its
    readers this year's jaarplan and the links; for anyone their own activities and actions."""
    access = request.access
    context = {
        "can_overview": access.can("quality.overview"),
        "can_jaarplannen": access.can("jaarplan.view"),
        "can_gesprekskader": access.can("gesprekskader.view"),
        "can_dialogues": access.can("dialogue.view"),
        "can_actions": access.can("followup.view"),
        "to_adopt": [],
        "current": None,
        "my_activities": [],
        "my_actions": [],
    }
    if access.can("jaarplan.adopt"):
        context["to_adopt"] = list(
            access.filter(
                "jaarplan.adopt",
                Jaarplan.objects.filter(status=Jaarplan.Status.TER_VASTSTELLING),
            )
        )
    if access.can("jaarplan.view"):
        context["current"] = access.filter(
            "jaarplan.view", Jaarplan.objects.filter(schooljaar=access.schooljaar.start_year)
        ).first()
    if access.person is not None:
        context["my_activities"] = list(
            JaarplanActivity.objects.filter(owner=access.person)
            .exclude(status=ActivityStatus.GEDAAN)
            .order_by("ends_on", "pk")[:10]
        )
        context["my_actions"] = list(
            FollowUpAction.objects.filter(
                owner=access.person, status=FollowUpAction.Status.OPEN
            ).order_by("due_on", "pk")[:10]
        )
    # A participant with no other part in the cycle sees the panel for the sessions they
    # took part in; the session list link only when there is one.
    context["can_dialogues"] = context["can_dialogues"] and (
        context["can_overview"]
        or access.filter("dialogue.view", DialogueSession.objects.all()).exists()
    )
    if not any(
        context[k] for k in ("can_overview", "can_dialogues", "my_activities", "my_actions")
    ):
        return None
    return context


panels.register("dashboard", "quality/pdca/_dashboard_panel.html", pdca_dashboard, order=21)
