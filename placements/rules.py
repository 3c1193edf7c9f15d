"""Who may do what to placements, their forms and leergroepen (samen.permissions reads these)."""

from samen.permissions import Reach, Role, Rule, coordinators, everyone, register

from .models import Capacity, FormTemplate, Leergroep, Placement, PlacementPeriod, PlacementRequest

#: The people a placement names: the gouden driehoek, and in VO the vakbegeleider (in the
#: mentor's place) and the coach.
_IN_THE_TRIANGLE = {
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
            **_IN_THE_TRIANGLE,
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

# The forms of the gouden driehoek: an institute's templates (questionnaires engine). Its
# coordinator edits and publishes them; its instituutsopleiders, who examine with them, read
# them (and preview what a student will be asked). Mentors and students see the forms of their
# own placements, never the templates' editor.
register(
    Rule(
        "formtemplate.view",
        FormTemplate,
        {**coordinators(), Role.INSTITUUTSOPLEIDER: Reach.SCOPE},
        "See an institute's form templates, their versions, a preview and the differences",
    ),
    Rule(
        "formtemplate.manage",
        FormTemplate,
        coordinators(),
        "Create an institute's form templates, edit their draft and publish a new version "
        "(an institute's coordinator: its own institute's)",
    ),
)

# --- Capacity, requests, matching ------------------------------------------------------------

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


# --- The forms of the gouden driehoek (PlacementForm; checked on the placement) --------------

#: Who fills in and signs a placement's forms: its student, its mentor (in VO the
#: vakbegeleider, in the mentor's place) and its instituutsopleider. Which questions each
#: answers is the template's (form_services.form_roles maps the person to a role name).
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
        {**coordinators(), Role.SCHOOLOPLEIDER: Reach.SCOPE, **_IN_THE_TRIANGLE},
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
