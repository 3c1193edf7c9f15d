"""Who may do what to placements and their forms (samen.permissions reads these)."""

from samen.permissions import Reach, Role, Rule, coordinators, everyone, register

from .models import Placement, PlacementPeriod

_IN_THE_TRIANGLE = {
    Role.MENTOR: Reach.OWN,
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
            **_IN_THE_TRIANGLE,
        },
        "See a placement (list, detail, counts)",
    ),
    Rule(
        "placement.manage",
        Placement,
        coordinators(),
        "Create placements at a school in reach and move them through their lifecycle",
    ),
    Rule(
        "startform.view",
        Placement,
        {**coordinators(), Role.SCHOOLOPLEIDER: Reach.SCOPE, **_IN_THE_TRIANGLE},
        "Read a placement's startgesprek",
    ),
    Rule(
        "startform.edit",
        Placement,
        {Role.MENTOR: Reach.OWN},
        "Fill in and submit a placement's startgesprek",
    ),
)
