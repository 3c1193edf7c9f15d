"""What other rooms do when a placement's life changes: they register here, placements calls.

The forms of the gouden driehoek (`placementforms`) stand a floor above placements — their
rows point at the placement — yet the lifecycle has to open them, wait for them and move
them along:

- a placement that becomes bevestigd or lopend (or starts so: an overstap's continuation)
  has its forms opened (`started`);
- it becomes afgerond only when every room says it is complete — the eindbeoordeling fully
  signed — unless a coordinator overrides with a recorded reason (`is_complete`);
- a verlenging moves the due dates of the forms still open (`dates_changed`).

So services.py announces these moments through this registry, inside its transaction, and
placementforms answers them (placementforms/lifecycle.py, imported by its AppConfig.ready()).
One explicit list in one place, read in order — not Django signals, whose receivers a reader
of services.transition() cannot find.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from .models import ACTIVE_STATUSES


@dataclass(frozen=True)
class Hooks:
    """One room's part in the lifecycle; each hook is optional."""

    started: Callable | None = None  # (actor, placement): it is bevestigd or lopend now
    is_complete: Callable | None = None  # (placement) -> bool: may it become afgerond?
    dates_changed: Callable | None = None  # (placement): its dates moved (a verlenging)


_HOOKS: dict[str, Hooks] = {}


def register(name: str, hooks: Hooks) -> Hooks:
    if name in _HOOKS:
        raise ImproperlyConfigured(f"Placement lifecycle hooks {name!r} are registered twice.")
    _HOOKS[name] = hooks
    return hooks


def registered() -> dict[str, Hooks]:
    return dict(_HOOKS)


def started(actor, placement):
    """Tells every room that `placement` is (now) bevestigd or lopend; a no-op otherwise."""
    if placement.status not in ACTIVE_STATUSES:
        return
    for hooks in _HOOKS.values():
        if hooks.started:
            hooks.started(actor, placement)


def is_complete(placement) -> bool:
    """May `placement` become afgerond without a coordinator's override?"""
    return all(hooks.is_complete(placement) for hooks in _HOOKS.values() if hooks.is_complete)


def dates_changed(placement):
    for hooks in _HOOKS.values():
        if hooks.dates_changed:
            hooks.dates_changed(placement)
