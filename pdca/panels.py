"""What the quality cycle shows on the dashboard (samen.panels): the jaarplannen to adopt, this
year's jaarplan, one's own activities and actions, and the links to its pages."""

from samen import panels

from .models import ActivityStatus, DialogueSession, FollowUpAction, Jaarplan, JaarplanActivity


def dashboard(request, obj):
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


panels.register("dashboard", "pdca/_dashboard_panel.html", dashboard, order=21)
