"""Who may see and enter capacity, ask for a place and open the matching board
(samen.permissions reads these)."""

from placements.models import PlacementPeriod
from samen.permissions import Reach, Role, Rule, coordinators, register

from .models import Capacity, PlacementRequest

register(
    Rule(
        "capacity.view",
        Capacity,
        {**coordinators(), Role.SCHOOLOPLEIDER: Reach.SCOPE, Role.SCHOOLLEIDER: Reach.SCOPE},
        "See the places and mentors a school offers in a placement period",
    ),
    Rule(
        "capacity.manage",
        Capacity,
        {**coordinators(), Role.SCHOOLOPLEIDER: Reach.SCOPE},
        "Enter a school's places and available mentors per period (an active opleidingsschool)",
    ),
    Rule(
        "request.view",
        PlacementRequest,
        {**coordinators(), Role.STUDENT: Reach.OWN},
        "See placement requests (a student their own; an institute's coordinator its periods')",
    ),
    Rule(
        "request.manage",
        PlacementRequest,
        {**coordinators(), Role.STUDENT: Reach.OWN},
        "Ask for a place, change or withdraw an open request (a student their own; the "
        "coordinator on a student's behalf, also by import)",
    ),
    Rule(
        "matching.view",
        PlacementPeriod,
        coordinators(),
        "Open the matching board of a period: demand against capacity, suggestions, assigning",
    ),
)
