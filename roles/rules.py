"""Who may do what to people, roles and the partnership's network (samen.permissions).

A person sits where their roles are: a CoOP'er of one board reaches the people with a role at
that board's schools. Granting roles has rules of its own (`Access.may_grant`).
"""

from samen.permissions import Reach, Role, Rule, coordinators, register

from .models import Person, RoleAssignment, RoleDescription

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
        "history.view",
        None,
        coordinators(),
        "See the change history of partners, schools, people and roles in reach",
    ),
)
