"""Who may read, fill in, sign and reopen a placement's forms (samen.permissions reads these).

The rules are checked on the placement (a form is reached through its placement), so the
people of the gouden driehoek reach the forms of their own placements and no others.
"""

from placements.models import Placement
from placements.rules import IN_THE_TRIANGLE
from samen.permissions import Reach, Role, Rule, coordinators, register

#: Who fills in and signs a placement's forms: its student, its mentor (in VO the
#: vakbegeleider, in the mentor's place) and its instituutsopleider. Which questions each
#: answers is the template's (services.form_roles maps the person to a role name).
_SIGNERS = {
    Role.STUDENT: Reach.OWN,
    Role.MENTOR: Reach.OWN,
    Role.VAKBEGELEIDER: Reach.OWN,
    Role.INSTITUUTSOPLEIDER: Reach.OWN,
}

register(
    Rule(
        "placementform.view",
        Placement,
        {**coordinators(), Role.SCHOOLOPLEIDER: Reach.SCOPE, **IN_THE_TRIANGLE},
        "Read a placement's forms (startgesprek, tussentijdse beoordeling, eindbeoordeling), "
        "the list of forms and a completed form's PDF",
    ),
    Rule(
        "placementform.edit",
        Placement,
        _SIGNERS,
        "Answer a placement's forms (each their own questions) and submit them",
    ),
    Rule(
        "placementform.sign",
        Placement,
        _SIGNERS,
        "Sign a placement's submitted form, in turn",
    ),
    Rule(
        "placementform.reopen",
        Placement,
        {Role.INSTITUUTSOPLEIDER: Reach.OWN},
        "Reopen a submitted or signed form of a placement, with a reason",
    ),
)
