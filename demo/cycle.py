"""Demo rows of the kwaliteitscyclus (SAMEN only): its cycle from seed 000 and the calendar of
last, this and next schooljaar, so the month and schooljaar views, the schools' traffic lights
and the agenda feed show something real.

Last schooljaar was held: its moments are done, with an outcome — except the evaluatiegesprek
of OBS De Kameleon, which is overdue (its school shows red). This schooljaar's moments whose
last day has passed are done too (but the first of OBS Het Polderpalet's, once there is one);
what lies ahead is planned, and its reminders go out on their days. The moments of a school's
route (verkennend gesprek, go/no-go, 0-meting) are left to its route, which marks them done
when it records the step (cycle/route.py): a go/no-go still to come is never "held".
"""

import datetime as dt

from django.utils import timezone

from cycle import generation, route
from cycle.models import ReviewMoment
from samen.schooljaar import Schooljaar

OUTCOME = "Gehouden met het Gesprekskader; opbrengsten en vervolgstappen staan in het verslag."


def extend(context):
    if context.slug != "samen":
        return
    today = timezone.localdate()
    current = Schooljaar.of(today).start_year
    generation.seed_cycle(context.partnership)
    for year in (current - 1, current, current + 1):
        generation.generate_schooljaar(context.partnership, year, today=today)

    past = (
        ReviewMoment.objects.filter(
            partnership=context.partnership, due_on__lt=today, done_on__isnull=True
        )
        .exclude(cycle_key="")
        .exclude(kind__in=route.ROUTE_KINDS)
    )
    kameleon = context.schools.get("kameleon")
    polderpalet = context.schools.get("polderpalet")
    left_open = []
    if kameleon is not None:
        left_open += list(
            past.filter(
                school=kameleon, kind=ReviewMoment.Kind.EVALUATIEGESPREK, schooljaar=current - 1
            ).values_list("pk", flat=True)
        )
    if polderpalet is not None:
        left_open += list(
            past.filter(school=polderpalet, schooljaar=current).values_list("pk", flat=True)[:1]
        )
    for moment in past.exclude(pk__in=left_open):
        moment.done_on = min(moment.due_on, today - dt.timedelta(days=1))
        moment.outcome_note = OUTCOME
        moment.save(update_fields=["done_on", "outcome_note"])
