"""The permission policy, written out by hand: who may do what, and how far.

This is the specification the permission tests hold the code to. It is deliberately NOT read
from the apps' rules (samen.permissions.rules()): a wrong cell in the code must fail a test,
so changing who may do what means changing it here too, on purpose.

Reach: "scope" (inside the role's scope), "partnership" (only a role for the whole
partnership), "own" (only objects naming the person), "member" (every object of the
partnership). A role not listed has no access at all.
"""

SCOPE, WIDE, OWN, MEMBER = "scope", "partnership", "own", "member"

COORDINATORS = {"cooper": SCOPE, "projectcoordinator": SCOPE, "instituutscoordinator": SCOPE}
WIDE_COORDINATORS = {"cooper": WIDE, "projectcoordinator": WIDE, "instituutscoordinator": WIDE}
ALL_ROLES = [
    "student",
    "mentor",
    "vakbegeleider",
    "coach",
    "schoolopleider",
    "instituutsopleider",
    "schoolleider",
    "cooper",
    "projectcoordinator",
    "instituutscoordinator",
    "mentorentrainer",
    "starterscoach",
    "bestuurder",
    "stuurgroep",
    "projectgroep",
]
EVERYONE = dict.fromkeys(ALL_ROLES, MEMBER)
SCHOOL_READERS = {
    **COORDINATORS,
    "schoolopleider": SCOPE,
    "schoolleider": SCOPE,
    "bestuurder": SCOPE,
    "stuurgroep": SCOPE,
    "projectgroep": SCOPE,
}
# The quality cycle's records are the partnership's: a board's or institute's coordinator
# reaches none of them (only a partnership-wide assignment counts).
QUALITY_READERS = {
    **dict.fromkeys(COORDINATORS, WIDE),
    "stuurgroep": SCOPE,
    "projectgroep": SCOPE,
}
QUALITY_WRITERS = {"projectcoordinator": SCOPE, "projectgroep": SCOPE}

EXPECTED = {
    # Placement periods: anyone may read when placements run; coordinators plan them, an
    # institute's coordinator only its own institute's.
    "period.view": EVERYONE,
    "period.manage": COORDINATORS,
    # Placements: coordinators in their scope, the school's own people, and the triangle (in
    # VO the vakbegeleider in the mentor's place, and the coach beside them).
    "placement.view": {
        **COORDINATORS,
        "schoolopleider": SCOPE,
        "schoolleider": SCOPE,
        "mentor": OWN,
        "vakbegeleider": OWN,
        "coach": OWN,
        "student": OWN,
        "instituutsopleider": OWN,
    },
    "placement.manage": COORDINATORS,
    # The forms of the gouden driehoek: read by whoever reads the placement's people (not the
    # schoolleider); answered and signed by the student, the mentor (vakbegeleider) and the
    # instituutsopleider, never the coach; reopened by the instituutsopleider only.
    "placementform.view": {
        **COORDINATORS,
        "schoolopleider": SCOPE,
        "mentor": OWN,
        "vakbegeleider": OWN,
        "coach": OWN,
        "student": OWN,
        "instituutsopleider": OWN,
    },
    "placementform.edit": {
        "student": OWN,
        "mentor": OWN,
        "vakbegeleider": OWN,
        "instituutsopleider": OWN,
    },
    "placementform.sign": {
        "student": OWN,
        "mentor": OWN,
        "vakbegeleider": OWN,
        "instituutsopleider": OWN,
    },
    "placementform.reopen": {"instituutsopleider": OWN},
    # Leergroepen: the schoolopleider of the school and coordinators run them; the students in
    # one see it, and their mentors (vakbegeleiders, coaches) read along. Never the
    # instituutsopleider, the schoolleider or anyone of another school.
    "leergroep.view": {
        **COORDINATORS,
        "schoolopleider": SCOPE,
        "student": OWN,
        "mentor": OWN,
        "vakbegeleider": OWN,
        "coach": OWN,
    },
    "leergroep.manage": {**COORDINATORS, "schoolopleider": SCOPE},
    # The forms' templates: an institute's coordinator edits its own institute's (a coordinator
    # for the whole partnership every institute's); its instituutsopleiders read them. Never a
    # mentor, a student or a school's people.
    "formtemplate.view": {**COORDINATORS, "instituutsopleider": SCOPE},
    "formtemplate.manage": COORDINATORS,
    # Capacity: the school's schoolopleider enters it (and the schoolleider reads it); the
    # coordinators for the schools (a board's CoOP'er) or periods (an institute's) in reach.
    "capacity.view": {**COORDINATORS, "schoolopleider": SCOPE, "schoolleider": SCOPE},
    "capacity.manage": {**COORDINATORS, "schoolopleider": SCOPE},
    # Requests: a student asks for herself and reads only her own; the coordinators of the
    # period's institute (or of the whole partnership) read, change and import them.
    "request.view": {**COORDINATORS, "student": OWN},
    "request.manage": {**COORDINATORS, "student": OWN},
    # The matching board of a period: its institute's coordinators, or the partnership's.
    "matching.view": COORDINATORS,
    # The peer-review dossier: never students, mentors or schoolopleiders; only the
    # stuurgroep downloads.
    "dossier.view": {**COORDINATORS, "stuurgroep": SCOPE, "projectgroep": SCOPE},
    "dossier.edit": {"projectcoordinator": SCOPE, "projectgroep": SCOPE},
    "dossier.render": {"projectcoordinator": SCOPE, "projectgroep": SCOPE, "stuurgroep": SCOPE},
    "dossier.download": {"stuurgroep": SCOPE},
    # The calendar: the school's own people (its team, mentors included: they take part in
    # the evaluatiegesprek, scan and peer review) and those who steer, in their scope.
    "reviewmoment.view": {
        **COORDINATORS,
        "schoolopleider": SCOPE,
        "schoolleider": SCOPE,
        "mentor": SCOPE,
        "bestuurder": SCOPE,
        "stuurgroep": SCOPE,
        "projectgroep": SCOPE,
    },
    # Marking a moment done: who runs it at the school, and coordinators; never a mentor.
    "reviewmoment.complete": {**COORDINATORS, "schoolopleider": SCOPE, "schoolleider": SCOPE},
    # The kwaliteitscyclus is the partnership's: read by who steers it, edited by coordinators
    # for the whole partnership only (it has no school, so a scoped role never reaches it).
    "cycle.view": {**COORDINATORS, "stuurgroep": SCOPE, "projectgroep": SCOPE},
    "cycle.manage": COORDINATORS,
    # A school's quality dashboard: whoever reads the school, except its mentors.
    "school.quality": SCHOOL_READERS,
    # The quality cycle (Plan, Do, Check, Act): read by the coordinators, the stuurgroep and
    # the projectgroep; written by the projectgroep and the projectcoördinator; the jaarplan
    # adopted by the stuurgroep only. Never a mentor or student — unless a record names them:
    # an activity's or action's owner moves it along, a participant reads back their session.
    "gesprekskader.view": QUALITY_READERS,
    "gesprekskader.edit": QUALITY_WRITERS,
    "jaarplan.view": QUALITY_READERS,
    "jaarplan.edit": QUALITY_WRITERS,
    "jaarplan.adopt": {"stuurgroep": SCOPE},
    "activity.progress": {**dict.fromkeys(ALL_ROLES, OWN), **QUALITY_WRITERS},
    "dialogue.view": {**dict.fromkeys(ALL_ROLES, OWN), **QUALITY_READERS},
    "dialogue.edit": QUALITY_WRITERS,
    "followup.view": {**dict.fromkeys(ALL_ROLES, OWN), **QUALITY_READERS},
    "followup.edit": {**dict.fromkeys(ALL_ROLES, OWN), **QUALITY_WRITERS},
    "quality.overview": QUALITY_READERS,
    # The organisation.
    "partner.view": SCHOOL_READERS,
    "partner.manage": WIDE_COORDINATORS,
    "school.view": SCHOOL_READERS,
    "school.manage": COORDINATORS,
    "grouping.view": {
        **SCHOOL_READERS,
        "mentor": OWN,
        "vakbegeleider": OWN,
        "coach": OWN,
        "instituutsopleider": OWN,
    },
    "grouping.manage": WIDE_COORDINATORS,
    "profile.edit": {**COORDINATORS, "schoolopleider": SCOPE, "schoolleider": SCOPE},
    # People and roles.
    "person.view": COORDINATORS,
    "person.manage": COORDINATORS,
    "role.manage": COORDINATORS,
    "roledescription.edit": {"projectcoordinator": SCOPE},
    # The network.
    "body.view": EVERYONE,
    "body.manage": WIDE_COORDINATORS,
    "certificate.manage": {**WIDE_COORDINATORS, "mentorentrainer": WIDE},
    "training.overview": {
        **COORDINATORS,
        "stuurgroep": SCOPE,
        "bestuurder": SCOPE,
        "schoolopleider": SCOPE,
        "mentorentrainer": SCOPE,
    },
    "expertise.view": EVERYONE,
    "expertise.manage": WIDE_COORDINATORS,
    "expertise.edit": {**dict.fromkeys(ALL_ROLES, OWN), **COORDINATORS},
    "history.view": COORDINATORS,
    # Notifications (the engine): the partnership's mail, seen and retried only by
    # coordinators for the whole partnership.
    "notification.view": WIDE_COORDINATORS,
    "notification.retry": WIDE_COORDINATORS,
    "delivery.view": WIDE_COORDINATORS,
}

#: Granted on one object through django-guardian (an external reviewer of one dossier).
GRANTS = {"dossier.view": "quality.view_dossier", "dossier.download": "quality.download_dossier"}

#: The roles only a coordinator for the whole partnership may grant; projectcoordinator only
#: a projectcoordinator for the whole partnership.
GOVERNING = {"cooper", "projectcoordinator", "instituutscoordinator", "stuurgroep"}
GOVERNING |= {"bestuurder", "projectgroep"}
