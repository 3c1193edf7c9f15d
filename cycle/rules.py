"""Who may do what to review moments, the kwaliteitscyclus and a school's quality at a glance
(samen.permissions reads these)."""

from partnerships.models import School
from samen.permissions import Reach, Role, Rule, coordinators, register

from .models import CycleActivity, ReviewMoment

register(
    Rule(
        "reviewmoment.view",
        ReviewMoment,
        {
            **coordinators(),
            Role.SCHOOLOPLEIDER: Reach.SCOPE,
            Role.SCHOOLLEIDER: Reach.SCOPE,
            # The kwaliteitscyclus's participants: the team of an opleidingsschool (mentors
            # take part in its evaluatiegesprek, scan and peer review) and the boards and
            # groups that steer it (jaarplan, netwerkbijeenkomst, landelijke peer review).
            Role.MENTOR: Reach.SCOPE,
            Role.BESTUURDER: Reach.SCOPE,
            Role.STUURGROEP: Reach.SCOPE,
            Role.PROJECTGROEP: Reach.SCOPE,
        },
        "See review moments (the calendar) and the reminders sent for them",
    ),
    Rule(
        "reviewmoment.complete",
        ReviewMoment,
        {**coordinators(), Role.SCHOOLOPLEIDER: Reach.SCOPE, Role.SCHOOLLEIDER: Reach.SCOPE},
        "Mark a review moment as done, with its outcome",
    ),
    Rule(
        "cycle.view",
        CycleActivity,
        {**coordinators(), Role.STUURGROEP: Reach.SCOPE, Role.PROJECTGROEP: Reach.SCOPE},
        "Read the partnership's kwaliteitscyclus (a partnership-level record)",
    ),
    Rule(
        "cycle.manage",
        CycleActivity,
        coordinators(),
        "Edit the kwaliteitscyclus and generate a schooljaar's review moments from it",
    ),
    Rule(
        "school.quality",
        School,
        {
            **coordinators(),
            Role.SCHOOLOPLEIDER: Reach.SCOPE,
            Role.SCHOOLLEIDER: Reach.SCOPE,
            Role.BESTUURDER: Reach.SCOPE,
            Role.STUURGROEP: Reach.SCOPE,
            Role.PROJECTGROEP: Reach.SCOPE,
        },
        "See a school's quality dashboard (its last scan and evaluatiegesprek, next peer "
        "review, traffic light) and the partnership's table of them",
    ),
)
