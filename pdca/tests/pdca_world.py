"""The quality cycle's rows of a test tenant (tests/fixtures.py builds them for each tenant):
a Gesprekskader with two items, a concept jaarplan with a goal and an activity, a dialogue
session with a finding, a next step and a follow-up action. Nobody of the tenant's role
accounts is named in them, so only the rules' readers and writers reach them."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from pdca.models import (
    DialogueSession,
    Finding,
    FollowUpAction,
    Gesprekskader,
    GesprekskaderItem,
    Jaarplan,
    JaarplanActivity,
    JaarplanGoal,
    NextStep,
)
from samen.schooljaar import Schooljaar


@dataclass
class PdcaWorld:
    kader: object
    item: object
    jaarplan: object
    goal: object
    activity: object
    session: object
    finding: object
    step: object
    action: object


def build_pdca(partnership, marker):
    year = Schooljaar.current()
    kader = Gesprekskader.objects.create(partnership=partnership, schooljaar=year.start_year)
    item = GesprekskaderItem.objects.create(
        partnership=partnership,
        kader=kader,
        waarborg=2,
        theme="Opleidingsprogramma",
        subtheme="Leeromgeving",
        number=1,
        text=f"Er heerst een open en veilige sfeer ({marker})",
    )
    GesprekskaderItem.objects.create(
        partnership=partnership,
        kader=kader,
        waarborg=4,
        theme="Kwaliteitscultuur",
        number=1,
        text="SO&P is zichtbaar op websites",
    )
    jaarplan = Jaarplan.objects.create(
        partnership=partnership, schooljaar=year.start_year, title=f"Jaarplan {marker}"
    )
    goal = JaarplanGoal.objects.create(
        partnership=partnership, jaarplan=jaarplan, waarborg=1, title=f"Doel {marker}"
    )
    activity = JaarplanActivity.objects.create(
        partnership=partnership, goal=goal, title=f"Activiteit {marker}"
    )
    session = DialogueSession.objects.create(
        partnership=partnership,
        held_on=year.first_day,
        schooljaar=year.start_year,
        title=f"Contactmiddag {marker}",
        context="contactmiddag",
    )
    session.items.add(item)
    finding = Finding.objects.create(
        partnership=partnership,
        source_type=ContentType.objects.get_for_model(DialogueSession),
        source_id=session.pk,
        schooljaar=year.start_year,
        waarborg=2,
        item=item,
        text=f"Opbrengst {marker}",
    )
    step = NextStep.objects.create(
        partnership=partnership, session=session, kind="ik_ga", waarborg=2, text="Ik ga iets doen"
    )
    action = FollowUpAction.objects.create(
        partnership=partnership,
        schooljaar=year.start_year,
        waarborg=2,
        title=f"Actie {marker}",
        finding=finding,
    )
    return PdcaWorld(kader, item, jaarplan, goal, activity, session, finding, step, action)
