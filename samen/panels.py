"""Panels: what each app shows on pages that are not its own, without the page importing it.

A page offers a slot ("dashboard", "school", "grouping", "person"); each app registers panels
for it in `<app>/panels.py`:

    panels.register("school", "roles/_school_role_holders.html", role_holders, order=20)

where `role_holders(request, obj)` returns the panel's template context, or None to show
nothing (the person may not see it, or there is nothing to show). The page renders
`{% panels "school" school %}` (samen/templatetags/samen.py). So the dashboard is composed of
what placements, quality and roles contribute, and a school's page shows its role holders
although partnerships knows nothing of roles: the arrows keep running one way.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    slot: str
    template: str
    context: Callable  # (request, obj) -> dict | None
    order: int = 50


_PANELS: dict[str, list[Panel]] = {}


def register(slot, template, context, *, order=50):
    panels = _PANELS.setdefault(slot, [])
    panels.append(Panel(slot, template, context, order))
    panels.sort(key=lambda p: p.order)


def for_slot(slot, request, obj=None):
    """(template, context) of every panel of `slot` that has something to show."""
    shown = []
    for panel in _PANELS.get(slot, []):
        context = panel.context(request, obj)
        if context is not None:
            shown.append((panel.template, context))
    return shown
