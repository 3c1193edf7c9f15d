"""Quality operations: the kritische reflectie and the review moments of the kwaliteitscyclus.

Its PDF (documents) and its reminders (notifications) are made by the engines; what they are
is registered in quality/documents.py and quality/notifications.py.
"""

import datetime as dt
from collections import defaultdict

from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from notifications import services as notifications
from partnerships.models import School
from roles.models import RoleAssignment
from samen.permissions import COORDINATOR_ROLES, Role
from samen.schooljaar import Schooljaar

from .models import ReflectieSection, ReviewMoment, Waarborg

REMIND_DAYS_BEFORE = 14
#: The notification kind of a review moment's reminder (registered in quality/notifications.py).
UPCOMING = "reviewmoment.upcoming"
#: The document kind of a dossier's kritische reflectie (registered in quality/documents.py).
KRITISCHE_REFLECTIE = "kritische_reflectie"


# --- The kritische reflectie ------------------------------------------------------


@transaction.atomic
def save_section(actor, section, *, narrative, reflection):
    """Saves one chapter of the kritische reflectie (its dossier's writers only)."""
    actor.require("dossier.edit", section.dossier)
    section.narrative = narrative
    section.reflection = reflection
    section.save(update_fields=["narrative", "reflection"])
    return section


def ensure_sections(dossier):
    """Every dossier has exactly one chapter per waarborg."""
    existing = set(dossier.sections.values_list("waarborg", flat=True))
    ReflectieSection.objects.bulk_create(
        ReflectieSection(partnership_id=dossier.partnership_id, dossier=dossier, waarborg=w)
        for w in Waarborg.values
        if w not in existing
    )


def reflectie_html(dossier, *, language="nl"):
    """The finished HTML of the kritische reflectie, as WeasyPrint will print it."""
    sections = list(dossier.sections.order_by("waarborg"))
    with translation.override(language):
        return render_to_string(
            "quality/pdf/kritische_reflectie.html",
            {
                "dossier": dossier,
                "partnership": dossier.partnership,
                "sections": sections,
                "generated_on": timezone.localdate(),
            },
        )


# --- Review moments ----------------------------------------------------------------


def people_involved(moment):
    """Who is reminded of a moment: those whose role reaches its school in its schooljaar.

    The coordinators for the whole partnership, and the coordinators, schoolopleiders and
    schoolleiders of that school, its board or a grouping it is in. A moment without a school
    goes to the coordinators for the whole partnership only. People without an e-mail address
    are left out.
    """
    return people_involved_many([moment]).get(moment.pk, [])


#: Who is reminded of a moment at its school (besides the coordinators for the partnership).
LOCAL_ROLES = COORDINATOR_ROLES | {Role.SCHOOLOPLEIDER, Role.SCHOOLLEIDER}


def people_involved_many(moments):
    """people_involved() for many moments at once: {moment.pk: [Person, …]} in two queries
    (the groupings of their schools, and every role assignment that could reach one of them,
    with its person), however many moments. The reminder sweep asks it once per batch.

    Plain IN lists, no subquery per moment: a planner with stale statistics (right after a
    bulk import) cannot turn it into a slow plan per moment.
    """
    moments = list(moments)
    if not moments:
        return {}
    schools = {m.school_id for m in moments if m.school_id}
    groupings = defaultdict(set)  # school pk -> its groupings
    if schools:
        for school_id, grouping_id in School.groupings.through.objects.filter(
            school_id__in=schools
        ).values_list("school_id", "grouping_id"):
            groupings[school_id].add(grouping_id)
    boards = {m.school.board_id for m in moments if m.school_id}
    wide = Q(partner__isnull=True, school__isnull=True, grouping__isnull=True)
    reach = Q(role__in=COORDINATOR_ROLES) & wide
    if schools:
        at_schools = (
            Q(school_id__in=schools)
            | Q(partner_id__in=boards)
            | Q(grouping_id__in=set().union(*groupings.values()))
        )
        reach |= Q(role__in=LOCAL_ROLES) & at_schools
    years = {m.schooljaar for m in moments}
    assignments = (
        RoleAssignment.objects.filter(
            reach,
            partnership_id__in={m.partnership_id for m in moments},
            schooljaar_from__lte=max(years),
        )
        .filter(Q(schooljaar_to__isnull=True) | Q(schooljaar_to__gte=min(years)))
        .exclude(person__email="")
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "person_id")
    )
    assignments = list(assignments)
    involved = {}
    for moment in moments:
        people = {}
        for a in assignments:
            if a.partnership_id != moment.partnership_id:
                continue
            if a.schooljaar_from > moment.schooljaar or (
                a.schooljaar_to is not None and a.schooljaar_to < moment.schooljaar
            ):
                continue
            if _reaches(a, moment, groupings):
                people.setdefault(a.person_id, a.person)
        involved[moment.pk] = list(people.values())
    return involved


def _reaches(assignment, moment, groupings):
    if assignment.is_partnership_wide:
        return assignment.role in COORDINATOR_ROLES
    if assignment.role not in LOCAL_ROLES or not moment.school_id:
        return False
    return (
        assignment.school_id == moment.school_id
        or assignment.partner_id == moment.school.board_id
        or assignment.grouping_id in groupings[moment.school_id]
    )


@transaction.atomic
def plan_review_moment(
    *, partnership, school, due_on, title, kind=ReviewMoment.Kind.EVALUATIEGESPREK
):
    """Creates a review moment and plans its reminder, sent REMIND_DAYS_BEFORE days before.

    One notification for the moment (notifications.services.schedule); who receives it is
    decided on the day it is sent (people_involved), so someone who takes up a role in
    between is reminded too.
    """
    moment = ReviewMoment.objects.create(
        partnership=partnership,
        school=school,
        due_on=due_on,
        title=title,
        kind=kind,
        schooljaar=Schooljaar.of(due_on).start_year,
    )
    notifications.schedule(UPCOMING, moment, due_on - dt.timedelta(days=REMIND_DAYS_BEFORE))
    return moment
