"""Who may do what to dossiers and review moments (samen.permissions reads these).

A dossier is a partnership-level record: only roles for the whole partnership reach it, and
an external reviewer reaches one dossier through a django-guardian grant.
"""

from partnerships.models import School
from samen.permissions import Reach, Role, Rule, coordinators, everyone, register

from .models import (
    CycleActivity,
    DialogueSession,
    Dossier,
    FollowUpAction,
    Gesprekskader,
    Jaarplan,
    JaarplanActivity,
    ReviewMoment,
)

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


# --- Plan, Do, Check, Act ------------------------------------------------------------------
# Who reads the quality cycle: the coordinators, the stuurgroep and the projectgroep, for the
# whole partnership (these are partnership-level records, like the dossier: a school-scoped
# role reaches none). Who writes it: the projectgroep and the projectcoördinator. Who adopts
# the jaarplan: the stuurgroep only. Besides them, the people a record names reach it
# whatever their role: an activity's or a vervolgactie's owner moves it along, and a
# participant of a dialogue session (a schoolopleider, a mentor at a netwerkbijeenkomst)
# reads back the session they took part in, not the others.

# The cycle's records belong to the whole partnership: a coordinator of one board or institute
# reaches none of them, so only an assignment for the whole partnership counts (WIDE) — the
# pages then never offer a link that answers 404.
QUALITY_READERS = {
    **coordinators(Reach.WIDE),
    Role.STUURGROEP: Reach.SCOPE,
    Role.PROJECTGROEP: Reach.SCOPE,
}
QUALITY_WRITERS = {Role.PROJECTCOORDINATOR: Reach.SCOPE, Role.PROJECTGROEP: Reach.SCOPE}

register(
    Rule(
        "gesprekskader.view",
        Gesprekskader,
        QUALITY_READERS,
        "Read the Gesprekskader of each schooljaar",
    ),
    Rule(
        "gesprekskader.edit",
        Gesprekskader,
        QUALITY_WRITERS,
        "Start a schooljaar's Gesprekskader and edit its themes and items",
    ),
    Rule("jaarplan.view", Jaarplan, QUALITY_READERS, "Read the jaarplan and its versions"),
    Rule(
        "jaarplan.edit",
        Jaarplan,
        QUALITY_WRITERS,
        "Draft the jaarplan (goals, activities) and submit it for adoption",
    ),
    Rule(
        "jaarplan.adopt",
        Jaarplan,
        {Role.STUURGROEP: Reach.SCOPE},
        "Adopt (vaststellen) the jaarplan or send it back to concept",
    ),
    Rule(
        "activity.progress",
        JaarplanActivity,
        {**everyone(Reach.OWN), **QUALITY_WRITERS},
        "Record an activity's progress and notes (its owner, and the projectgroep)",
    ),
    Rule(
        "dialogue.view",
        DialogueSession,
        {**everyone(Reach.OWN), **QUALITY_READERS},
        "Read dialogue sessions, their findings and next steps (participants: their own)",
    ),
    Rule(
        "dialogue.edit",
        DialogueSession,
        QUALITY_WRITERS,
        "Record dialogue sessions, findings, next steps and the actions they lead to",
    ),
    Rule(
        "followup.view",
        FollowUpAction,
        {**everyone(Reach.OWN), **QUALITY_READERS},
        "See follow-up actions (their owners: their own)",
    ),
    Rule(
        "followup.edit",
        FollowUpAction,
        {**everyone(Reach.OWN), **QUALITY_WRITERS},
        "Mark a follow-up action done or open again (its owner, and the projectgroep)",
    ),
    Rule(
        "quality.overview",
        None,
        QUALITY_READERS,
        "See the quality cycle per waarborg and the year's look back at the steps taken",
    ),
)
