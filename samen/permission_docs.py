"""docs/permissions.md, generated from the rules the apps register (samen.permissions): the
role × action table a reader checks the policy against. `python manage.py permissions_table`
prints it; tests/test_permissions.py keeps the file and the code identical."""

from django.utils import translation

from .permissions import GOVERNING_ROLES, GRANTED_ONLY_BY_ITSELF, Role, rules


def permissions_markdown() -> str:
    """docs/permissions.md, generated from the rules (a test keeps the two identical)."""
    with translation.override("nl"):
        return _permissions_markdown()


def _permissions_markdown() -> str:
    table = rules()
    roles = [r for r in Role if any(r in rule.reach for rule in table.values())]
    lines = [
        "# Permissions: role × action",
        "",
        "Generated from the apps' `rules.py` by `python manage.py permissions_table`; a test",
        "checks that this file and the code agree. **scope** = every object inside the role",
        "assignment's scope (the partnership, one board or institute and a board's schools, one",
        "school, or a grouping's schools); **partnership** = only an assignment for the whole",
        "partnership counts; **own** = only objects that name the person in that role (their",
        "own student, their own placement); **member** = every object of the partnership, for",
        "any holder of the role. Empty = no access (404). Objects of a schooljaar (placements,",
        "review moments) are reached by the roles held in that schooljaar; standing records by",
        "this schooljaar's roles. A django-guardian grant on one object adds the actions marked",
        "*grant*.",
        "",
        "Granting roles: nobody grants a role in a scope wider than their own `role.manage`",
        "reach; " + ", ".join(sorted(str(r.label) for r in GOVERNING_ROLES)) + " are granted only",
        "by a coordinator for the whole partnership, and "
        + ", ".join(str(r.label) for r in GRANTED_ONLY_BY_ITSELF)
        + " only by a "
        + ", ".join(str(r.label) for r in GRANTED_ONLY_BY_ITSELF)
        + " for the whole partnership.",
        "",
        "| action | on | what | " + " | ".join(str(r.label) for r in roles) + " | grant |",
        "|---|---|---|" + "---|" * len(roles) + "---|",
    ]
    for action, rule in table.items():
        cells = [rule.reach[r].value if r in rule.reach else "" for r in roles]
        on = rule.model.__name__ if rule.model is not None else "—"
        grant = f"`{rule.grant}`" if rule.grant else ""
        lines.append(
            f"| `{action}` | {on} | {rule.description} | " + " | ".join(cells) + f" | {grant} |"
        )
    return "\n".join(lines) + "\n"
