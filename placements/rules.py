"""Who may do what to placement periods, placements and leergroepen (samen.permissions reads
these)."""

from samen.permissions import Reach, Role, Rule, coordinators, everyone, register

from .models import Leergroep, Placement, PlacementPeriod

#: The people a placement names: the gouden driehoek, and in VO the vakbegeleider (in the
#: mentor's place) and the coach.
IN_THE_TRIANGLE = {
    Role.MENTOR: Reach.OWN,
    Role.VAKBEGELEIDER: Reach.OWN,
    Role.COACH: Reach.OWN,
    Role.STUDENT: Reach.OWN,
    Role.INSTITUUTSOPLEIDER: Reach.OWN,
}

register(
    Rule(
        "period.view",
        PlacementPeriod,
        everyone(),
        "See the placement periods (dates, programme, phase) of the partnership's institutes",
    ),
    Rule(
        "period.manage",
        PlacementPeriod,
        coordinators(),
        "Plan an institute's placement periods (an institute's coordinator: its own)",
    ),
    Rule(
        "placement.view",
        Placement,
        {
            **coordinators(),
            Role.SCHOOLOPLEIDER: Reach.SCOPE,
            Role.SCHOOLLEIDER: Reach.SCOPE,
            **IN_THE_TRIANGLE,
        },
        "See a placement (list, detail, counts, its history and the placements it continues)",
    ),
    Rule(
        "placement.manage",
        Placement,
        coordinators(),
        "Create placements at a school in reach and move them through their lifecycle "
        "(overstap, verlenging, coach)",
    ),
    Rule(
        "leergroep.view",
        Leergroep,
        {
            **coordinators(),
            Role.SCHOOLOPLEIDER: Reach.SCOPE,
            Role.STUDENT: Reach.OWN,
            Role.MENTOR: Reach.OWN,
            Role.VAKBEGELEIDER: Reach.OWN,
            Role.COACH: Reach.OWN,
        },
        "See a leergroep, its members and meetings (students their own; their mentors read)",
    ),
    Rule(
        "leergroep.manage",
        Leergroep,
        {**coordinators(), Role.SCHOOLOPLEIDER: Reach.SCOPE},
        "Create leergroepen at a school in reach, choose their members, plan their meetings",
    ),
)
