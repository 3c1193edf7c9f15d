"""Demo rows of the placement lifecycle: an overstap, a verlenging and a leergroep.

Called by demo.data for each demo partnership, inside its scope, after its placements exist.
In SAMEN, Emma Koster started the year at De Meander and moved to De Zevensprong after five
weeks (the chain and the story show on both placements); Noor Jansen's spring placement is
extended by two weeks; the students at De Zevensprong meet as a leergroep led by the
schoolopleider, with one meeting behind them and one ahead. (VO Groningen's vakbegeleider +
coach placement is an ordinary row of demo.data's table.) Everything goes through the
services, so the logs say who did it, as they would in use.
"""

import dataclasses
import datetime as dt

from django.utils import timezone

from placements import services
from placements.models import LeergroepMeeting, Placement
from samen.schooljaar import Schooljaar

# (student, school moved to, new mentor, weeks after the start, reason)
SAMEN_OVERSTAP = (
    "student5",
    "zevensprong",
    "mentor",
    5,
    "Emma is met haar gezin van Almere naar Lelystad verhuisd; de reis naar De Meander kostte "
    "haar elke stagedag twee uur. In overleg met de instituutsopleider en de schoolopleiders "
    "van beide scholen loopt zij haar stage verder in groep 6 van De Zevensprong.",
)

# (student, days longer, reason)
SAMEN_VERLENGING = (
    "student3",
    11,
    "Twee weken langer, zodat Noor haar lessenserie rekenen kan afronden en het eindgesprek met "
    "mentor en instituutsopleider in de stagegroep kan houden. Afgesproken met de mentor.",
)

SAMEN_LEERGROEP = {
    "school": "zevensprong",
    "name": "Leergroep De Zevensprong",
    "leader": "schoolopleider",
    # (days from today, topic, notes, everyone attended)
    "meetings": (
        (
            -12,
            "Kennismaking en leervragen",
            "Ieder vertelde over de eigen stagegroep en de persoonlijke leerdoelen uit het "
            "startgesprek. Afspraak: elke bijeenkomst brengt één van ons een casus in.",
            True,
        ),
        (
            9,
            "Intervisie: rust en orde bij de start van de les",
            "Neem een situatie uit de eigen stagegroep mee. We werken met de "
            "intervisiemethode van de schoolopleiderstraining.",
            False,
        ),
    ),
}


def extend(context):
    if context.slug != "samen":
        return
    _overstap(context)
    _verlenging(context)
    _leergroep(context)


def _placement_of(context, student):
    return Placement.objects.filter(student=context.persons[student]).order_by("starts_on").first()


def _overstap(context):
    student, school, mentor, weeks, reason = SAMEN_OVERSTAP
    placement = _placement_of(context, student)
    services.overstap(
        context.actor,
        placement,
        school=context.schools[school],
        mentor=context.persons[mentor],
        move_on=placement.starts_on + dt.timedelta(weeks=weeks),
        reason=reason,
        group=placement.group,
    )


def _verlenging(context):
    student, days, reason = SAMEN_VERLENGING
    placement = _placement_of(context, student)
    services.extend(
        context.actor,
        placement,
        ends_on=placement.ends_on + dt.timedelta(days=days),
        reason=reason,
    )


def _leergroep(context):
    spec = SAMEN_LEERGROEP
    leader = context.persons[spec["leader"]]
    leergroep = services.create_leergroep(
        context.actor,
        school=context.schools[spec["school"]],
        name=spec["name"],
        leader=leader,
        schooljaar=Schooljaar.current().start_year,
    )
    # The meetings are the schoolopleider's own work.
    schoolopleider = dataclasses.replace(context.actor, person=leader, user=leader.user)
    today = timezone.localdate()
    for days, topic, notes, everyone in spec["meetings"]:
        starts_at = timezone.make_aware(
            dt.datetime.combine(today + dt.timedelta(days=days), dt.time(15, 30))
        )
        services.save_meeting(
            schoolopleider,
            LeergroepMeeting(leergroep=leergroep, starts_at=starts_at, topic=topic, notes=notes),
            attendees=leergroep.members.all() if everyone else (),
        )
