"""What other rooms do when a placement's life changes: they register here, placements calls.

The forms of the gouden driehoek (`placementforms`) stand a floor above placements — their
rows point at the placement — yet the lifecycle has to open them, wait for them and move
them along:

- a placement that becomes bevestigd or lopend (or starts so: an overstap's continuation)
  has its forms opened (`started`);
- it becomes afgerond only when every room says it is complete — the eindbeoordeling fully
  signed — unless a coordinator overrides with a recorded reason (`is_complete`);
- a verlenging moves the due dates of the forms still open (`dates_changed`), and its
  confirmation says beforehand which ones move (`due_changes`);
- an overstap closes the old placement's forms that can no longer be completed (`moved`).

So services.py announces these moments through this registry, inside its transaction, and
placementforms answers them (placementforms/lifecycle.py, imported by its AppConfig.ready()).
One explicit list in one place, read in order — not Django signals, whose receivers a reader
of services.transition() cannot find.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from .models import ACTIVE_STATUSES


@dataclass(frozen=True)
class DueChange:
    """What a verlenging does to one form's due date: from `old` to `new` (the same when it
    stays), and whether the form was already late."""

    kind: str
    label: str
    old: dt.date
    new: dt.date
    was_overdue: bool = False

    @property
    def moves(self):
        return self.new != self.old

    def as_details(self):
        return {
            "form": self.kind,
            "old": self.old.isoformat(),
            "new": self.new.isoformat(),
            "was_overdue": self.was_overdue,
        }


@dataclass(frozen=True)
class Hooks:
    """One room's part in the lifecycle; each hook is optional."""

    started: Callable | None = None  # (actor, placement): it is bevestigd or lopend now
    is_complete: Callable | None = None  # (placement) -> bool: may it become afgerond?
    #: (placement, *, move_overdue) -> [DueChange]: its dates moved (a verlenging)
    dates_changed: Callable | None = None
    #: (placement, ends_on, *, move_overdue) -> [DueChange]: what a verlenging would move
    due_changes: Callable | None = None
    #: (actor, placement, continuation) -> [str]: it moved to another school (an overstap);
    #: returns what it closed, for the overstap's log
    moved: Callable | None = None
    #: (placement, move_on) -> [str]: the names of what an overstap on move_on would close
    closing_on_move: Callable | None = None


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


def dates_changed(placement, *, move_overdue=False) -> list[DueChange]:
    changes = []
    for hooks in _HOOKS.values():
        if hooks.dates_changed:
            changes += hooks.dates_changed(placement, move_overdue=move_overdue) or []
    return changes


def due_changes(placement, ends_on, *, move_overdue=False) -> list[DueChange]:
    """What extending `placement` to `ends_on` would do to the due dates (nothing saved)."""
    changes = []
    for hooks in _HOOKS.values():
        if hooks.due_changes:
            changes += hooks.due_changes(placement, ends_on, move_overdue=move_overdue)
    return changes


def closing_on_move(placement, move_on) -> list[str]:
    """What an overstap on `move_on` would close, named for its confirmation."""
    names = []
    for hooks in _HOOKS.values():
        if hooks.closing_on_move:
            names += hooks.closing_on_move(placement, move_on)
    return names


def moved(actor, placement, continuation) -> list[str]:
    """Tells every room that `placement` moved on to `continuation` (an overstap)."""
    closed = []
    for hooks in _HOOKS.values():
        if hooks.moved:
            closed += hooks.moved(actor, placement, continuation) or []
    return closed
