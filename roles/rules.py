"""Who may do what to people, roles and the partnership's network (samen.permissions).

A person sits where their roles are: a CoOP'er of one board reaches the people with a role at
that board's schools. Granting roles has rules of its own (`Access.may_grant`).
"""

from samen.permissions import Reach, Role, Rule, coordinators, everyone, register

from .models import Body, Certificate, ExpertiseArea, Person, RoleAssignment, RoleDescription

register(
    Rule(
        "person.view",
        Person,
        coordinators(),
        "See people in reach, their roles, trainings and expertise",
    ),
    Rule(
        "person.manage",
        Person,
        coordinators(),
        "Add, edit, import and invite people in reach",
    ),
    Rule(
        "role.manage",
        RoleAssignment,
        coordinators(),
        "Assign and end roles inside one's own reach (see the rules for granting above)",
    ),
    Rule(
        "roledescription.edit",
        RoleDescription,
        {Role.PROJECTCOORDINATOR: Reach.SCOPE},
        "Edit the partnership's descriptions of roles",
    ),
    Rule(
        "body.view",
        Body,
        everyone(),
        "See the overlegstructuur: bodies, members, meetings",
    ),
    Rule(
        "body.manage",
        Body,
        coordinators(Reach.WIDE),
        "Manage bodies, their members and meetings",
    ),
    Rule(
        "certificate.manage",
        Certificate,
        {**coordinators(Reach.WIDE), Role.MENTORENTRAINER: Reach.WIDE},
        "Record trainings and certificates",
    ),
    Rule(
        "training.overview",
        None,
        {
            **coordinators(),
            Role.STUURGROEP: Reach.SCOPE,
            Role.BESTUURDER: Reach.SCOPE,
            Role.SCHOOLOPLEIDER: Reach.SCOPE,
            Role.MENTORENTRAINER: Reach.SCOPE,
        },
        "See how many mentors and schoolopleiders are trained, at the schools in reach",
    ),
    Rule(
        "expertise.view",
        ExpertiseArea,
        everyone(),
        "Search the expertise directory",
    ),
    Rule(
        "expertise.manage",
        ExpertiseArea,
        coordinators(Reach.WIDE),
        "Name, rename and delete the partnership's expertise areas",
    ),
    Rule(
        "expertise.edit",
        Person,
        {**everyone(Reach.OWN), **coordinators()},
        "Choose a person's expertise areas (everyone their own)",
    ),
    Rule(
        "history.view",
        None,
        coordinators(),
        "See the change history of partners, schools, people and roles in reach",
    ),
)
