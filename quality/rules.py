"""Who may do what to dossiers and review moments (samen.permissions reads these).

A dossier is a partnership-level record: only roles for the whole partnership reach it, and
an external reviewer reaches one dossier through a django-guardian grant.
"""

from partnerships.models import School
from samen.permissions import Reach, Role, Rule, coordinators, register

from .models import CycleActivity, Dossier, ReviewMoment

register(
    Rule(
        "dossier.view",
        Dossier,
        {**coordinators(), Role.STUURGROEP: Reach.SCOPE, Role.PROJECTGROEP: Reach.SCOPE},
        "Read a peer-review dossier and its kritische reflectie",
        grant="quality.view_dossier",
    ),
    Rule(
        "dossier.edit",
        Dossier,
        {Role.PROJECTCOORDINATOR: Reach.SCOPE, Role.PROJECTGROEP: Reach.SCOPE},
        "Write the chapters of the kritische reflectie",
    ),
    Rule(
        "dossier.render",
        Dossier,
        {
            Role.PROJECTCOORDINATOR: Reach.SCOPE,
            Role.PROJECTGROEP: Reach.SCOPE,
            Role.STUURGROEP: Reach.SCOPE,
        },
        "Have the kritische reflectie rendered as PDF and follow its status",
    ),
    Rule(
        "dossier.download",
        Dossier,
        {Role.STUURGROEP: Reach.SCOPE},
        "Download the kritische reflectie PDF",
        grant="quality.download_dossier",
    ),
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
)

# --- The kwaliteitscyclus and its calendar ----------------------------------------------------

register(
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
