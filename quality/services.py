"""Quality operations: the kritische reflectie and the review moments of the kwaliteitscyclus.

Its PDF (documents) and its reminders (notifications) are made by the engines; what they are
is registered in quality/documents.py and quality/notifications.py.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from notifications import services as notifications
from roles.models import Person, RoleAssignment
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
    goes to the coordinators for the whole partnership only.
    """
    roles = RoleAssignment.objects.filter(partnership_id=moment.partnership_id).active_in(
        Schooljaar(moment.schooljaar)
    )
    wide = Q(partner__isnull=True, school__isnull=True, grouping__isnull=True)
    involved = Q(role__in=COORDINATOR_ROLES) & wide
    if moment.school_id:
        school = moment.school
        at_school = (
            Q(school_id=school.pk) | Q(partner_id=school.board_id) | Q(grouping__schools=school)
        )
        local = COORDINATOR_ROLES | {Role.SCHOOLOPLEIDER, Role.SCHOOLLEIDER}
        involved |= Q(role__in=local) & at_school
    person_ids = roles.filter(involved).values("person_id")
    return Person.objects.filter(partnership_id=moment.partnership_id, pk__in=person_ids).exclude(
        email=""
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
