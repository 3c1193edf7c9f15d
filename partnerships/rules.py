"""Who may do what to the organisation of a partnership (samen.permissions reads these)."""

from samen.permissions import Reach, Role, Rule, coordinators, register

from .models import Grouping, Partner, School, SchoolProfile

_SCHOOL_READERS = {
    **coordinators(),
    Role.SCHOOLOPLEIDER: Reach.SCOPE,
    Role.SCHOOLLEIDER: Reach.SCOPE,
    Role.BESTUURDER: Reach.SCOPE,
    Role.STUURGROEP: Reach.SCOPE,
    Role.PROJECTGROEP: Reach.SCOPE,
}
#: The people of an opleidingsteam read their own grouping (Grouping.team).
_TEAM = {
    Role.MENTOR: Reach.OWN,
    Role.VAKBEGELEIDER: Reach.OWN,
    Role.COACH: Reach.OWN,
    Role.INSTITUUTSOPLEIDER: Reach.OWN,
}

register(
    Rule(
        "partner.view",
        Partner,
        _SCHOOL_READERS,
        "See the partners (boards, institutes) and their membership",
    ),
    Rule(
        "partner.manage",
        Partner,
        coordinators(Reach.WIDE),
        "Add partners, record joining and leaving, the penvoerder",
    ),
    Rule(
        "school.view",
        School,
        _SCHOOL_READERS,
        "See schools, their training-school path and role holders",
    ),
    Rule(
        "school.manage",
        School,
        coordinators(),
        "Add and edit schools in reach, walk the training-school path, import schools",
    ),
    Rule(
        "grouping.view",
        Grouping,
        {**_SCHOOL_READERS, **_TEAM},
        "See clusters and opleidingsnetwerken",
    ),
    Rule(
        "grouping.manage",
        Grouping,
        coordinators(Reach.WIDE),
        "Create clusters and opleidingsnetwerken and their members",
    ),
    Rule(
        "profile.edit",
        SchoolProfile,
        {**coordinators(), Role.SCHOOLOPLEIDER: Reach.SCOPE, Role.SCHOOLLEIDER: Reach.SCOPE},
        "Edit a school's public profile",
    ),
)
