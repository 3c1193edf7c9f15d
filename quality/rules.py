"""Who may do what to dossiers (samen.permissions reads these).

A dossier is a partnership-level record: only roles for the whole partnership reach it, and
an external reviewer reaches one dossier through a django-guardian grant.
"""

from samen.permissions import Reach, Role, Rule, coordinators, register

from .models import Dossier

register(
    Rule(
        "dossier.view",
        Dossier,
        {**coordinators(), Role.STUURGROEP: Reach.SCOPE, Role.PROJECTGROEP: Reach.SCOPE},
        "Read a peer-review dossier and its kritische reflectie",
        grant="quality.view_dossier",
    ),
    Rule(
        "dossier.edit",
        Dossier,
        {Role.PROJECTCOORDINATOR: Reach.SCOPE, Role.PROJECTGROEP: Reach.SCOPE},
        "Write the chapters of the kritische reflectie",
    ),
    Rule(
        "dossier.render",
        Dossier,
        {
            Role.PROJECTCOORDINATOR: Reach.SCOPE,
            Role.PROJECTGROEP: Reach.SCOPE,
            Role.STUURGROEP: Reach.SCOPE,
        },
        "Have the kritische reflectie rendered as PDF and follow its status",
    ),
    Rule(
        "dossier.download",
        Dossier,
        {Role.STUURGROEP: Reach.SCOPE},
        "Download the kritische reflectie PDF",
        grant="quality.download_dossier",
    ),
)
