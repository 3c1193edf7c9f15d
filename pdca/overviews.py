"""The quality cycle per waarborg, read for the overview pages: a schooljaar's goals,
activities, findings and actions (per_waarborg), and the year's look back at the steps taken
(look_back). Reads only, each in a constant number of queries, of what the viewer may see."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils import timezone

from .models import (
    ActivityStatus,
    DialogueSession,
    Finding,
    FollowUpAction,
    Jaarplan,
    NextStep,
    Waarborg,
)


def per_waarborg(access, schooljaar):
    """Per waarborg for one schooljaar: goals, activities done/total, open and overdue actions,
    findings. A constant number of queries."""
    today = timezone.localdate()
    rows = {
        w: {
            "waarborg": w,
            "label": Waarborg(w).label,
            "goals": [],
            "activities": 0,
            "activities_done": 0,
            "open_actions": [],
            "overdue": 0,
            "findings": 0,
        }
        for w in Waarborg.values
    }
    in_reach = access.filter("jaarplan.view", Jaarplan.objects.filter(schooljaar=schooljaar))
    jaarplan = in_reach.first()
    if jaarplan is not None and access.can("jaarplan.view", jaarplan):
        goals = jaarplan.goals.annotate(
            total=Count("activities"),
            done=Count("activities", filter=Q(activities__status=ActivityStatus.GEDAAN)),
        )
        for goal in goals:
            row = rows[goal.waarborg]
            row["goals"].append(goal)
            row["activities"] += goal.total
            row["activities_done"] += goal.done
    actions = access.filter(
        "followup.view",
        FollowUpAction.objects.filter(schooljaar=schooljaar, status=FollowUpAction.Status.OPEN),
    ).select_related("owner")
    for action in actions:
        row = rows[action.waarborg]
        row["open_actions"].append(action)
        if action.is_overdue(today):
            row["overdue"] += 1
    sessions = access.filter("dialogue.view", DialogueSession.objects.filter(schooljaar=schooljaar))
    counts = (
        Finding.objects.filter(
            source_type=ContentType.objects.get_for_model(DialogueSession),
            source_id__in=sessions.values("pk"),
        )
        .values("waarborg")
        .annotate(n=Count("pk"))
    )
    for count in counts:
        rows[count["waarborg"]]["findings"] = count["n"]
    return jaarplan, list(rows.values())


def look_back(access, schooljaar):
    """ "Did we take the steps we said?": per waarborg, the year's follow-up actions and next
    steps, done or not."""
    rows = {
        w: {"waarborg": w, "label": Waarborg(w).label, "actions": [], "steps": []}
        for w in Waarborg.values
    }
    actions = access.filter("followup.view", FollowUpAction.objects.filter(schooljaar=schooljaar))
    for action in actions.select_related("owner", "finding").order_by("waarborg", "due_on", "pk"):
        rows[action.waarborg]["actions"].append(action)
    sessions = access.filter("dialogue.view", DialogueSession.objects.filter(schooljaar=schooljaar))
    steps = NextStep.objects.filter(session__in=sessions).select_related(
        "person", "session", "item"
    )
    for step in steps.order_by("waarborg", "session__held_on", "pk"):
        rows[step.waarborg]["steps"].append(step)
    return list(rows.values())
