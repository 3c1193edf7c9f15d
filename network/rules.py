"""Who may do what in the partnership's network (samen.permissions reads these)."""

from roles.models import Person
from samen.permissions import Reach, Role, Rule, coordinators, everyone, register

from .models import Body, Certificate, ExpertiseArea

register(
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
)
