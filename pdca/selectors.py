"""Reads of the quality cycle's pages: a jaarplan by waarborg, two of its versions compared,
a dialogue session's findings by item. The overviews per waarborg are pdca/overviews.py."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404

from samen import pickers

from . import services
from .models import FollowUpAction, Jaarplan, JaarplanActivity, Waarborg

#: Stands for the plan as it is now (a concept being drafted) among its version numbers.
CURRENT = 0


def adopted_in(jaarplan):
    """How the plan's page names the stuurgroep meeting where it was adopted ("" without one,
    or once the meeting is gone): as the meeting picker names it, else as it names itself."""
    meeting = jaarplan.adopted_in if jaarplan.adopted_in_id else None
    if meeting is None:
        return ""
    try:
        return pickers.get(services.STUURGROEP_MEETING_PICKER).label(meeting)
    except Http404:
        return str(meeting)


def goals_by_waarborg(jaarplan):
    """[(waarborg, label, [goals with their activities])] for every waarborg, also those
    without goals: the plan's page shows each, with a way to add one. One query for the goals,
    one for their activities and owners."""
    goals = list(
        jaarplan.goals.prefetch_related(
            Prefetch(
                "activities",
                queryset=JaarplanActivity.objects.select_related("owner").order_by("pk"),
            )
        )
    )
    return [(w, Waarborg(w).label, [g for g in goals if g.waarborg == w]) for w in Waarborg.values]


@dataclass(frozen=True)
class Comparison:
    """Two versions of a jaarplan compared: `old` → `new` (version numbers, CURRENT for the
    plan as it is now, None for a number that is no version), `lines` the difference."""

    numbers: list[int]
    old: int | None
    new: int | None
    lines: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_valid(self):
        return self.old is not None and self.new is not None

    @property
    def changed(self):
        return any(kind != "same" for kind, _line in self.lines)


def compare_versions(jaarplan, old=None, new=None):
    """The difference between two versions of `jaarplan` (numbers as asked for: "2", "0" for
    the plan as it is now, None for the default). By default a concept is compared with its
    last version, a plan that was submitted or adopted with the version before it."""
    versions = {v.number: v for v in jaarplan.versions.all()}
    numbers = sorted(versions)
    if not numbers:
        default_old = default_new = CURRENT
    elif jaarplan.status == Jaarplan.Status.CONCEPT:
        default_old, default_new = numbers[-1], CURRENT
    else:
        default_old, default_new = numbers[-2] if len(numbers) > 1 else numbers[-1], numbers[-1]

    def number(asked, default):
        try:
            value = int(default if asked is None else asked)
        except (TypeError, ValueError):
            return None
        return value if value in versions or value == CURRENT else None

    old, new = number(old, default_old), number(new, default_new)
    if old is None or new is None or not numbers:
        return Comparison(numbers, old, new)
    current = services.snapshot(jaarplan) if CURRENT in (old, new) else None
    before = versions[old].snapshot if old != CURRENT else current
    after = versions[new].snapshot if new != CURRENT else current
    return Comparison(numbers, old, new, services.difference(before, after))


def findings_by_item(session):
    """A session's findings (with their actions and owners) per item it discussed, in the
    order of its items, and those on an item it no longer discusses."""
    findings = list(
        session.findings.select_related("item").prefetch_related(
            Prefetch("actions", queryset=FollowUpAction.objects.select_related("owner"))
        )
    )
    items = list(session.items.all())
    per_item = [(item, [f for f in findings if f.item_id == item.pk]) for item in items]
    discussed = {item.pk for item in items}
    loose = [f for f in findings if f.item_id not in discussed]
    return findings, per_item, loose
