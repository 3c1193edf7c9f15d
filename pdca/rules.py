"""Who may do what in the quality cycle: Plan, Do, Check, Act (samen.permissions reads these)."""

from samen.permissions import Reach, Role, Rule, coordinators, everyone, register

from .models import DialogueSession, FollowUpAction, Gesprekskader, Jaarplan, JaarplanActivity

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
