"""Reads of placements that several pages share: the chain of an overstap and its story.

The story is told from the append-only `PlacementEvent` log, never from the current state of
the rows: a school renamed later still shows under its new name (names are looked up), but
which school a student moved from, and which end date a verlenging replaced, is what the
event recorded at the time.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.models import School
from roles.models import Person
from samen import history

from .models import FormKind, Placement, PlacementEvent, PlacementStatus

#: A student moves school a few times at most; a longer chain is cut here, not followed on.
MAX_CHAIN = 20


def chain(placement):
    """The placements this one continues and is continued by (overstap), earliest first.

    One query per link: a chain is a handful of placements.
    """
    rows = Placement.objects.select_related("school")
    before, current = [], placement
    while current.previous_id and len(before) < MAX_CHAIN:
        current = rows.filter(pk=current.previous_id).first()
        if current is None:
            break
        before.append(current)
    after, current = [], placement
    while len(after) < MAX_CHAIN:
        current = rows.filter(previous_id=current.pk).first()
        if current is None:
            break
        after.append(current)
    return [*reversed(before), placement, *after]


@dataclass
class Entry:
    """One event of the story, ready to show."""

    at: dt.datetime
    who: object
    title: str
    kind: str
    placement: Placement
    reason: str = ""
    lines: list = field(default_factory=list)


def story(placements, partnership):
    """The events of `placements` (those the viewer may see), newest first, told in Dutch.

    A fixed number of queries: the events with their people, then the schools and people
    their details name, then which accounts belong to this partnership.
    """
    by_pk = {p.pk: p for p in placements}
    events = list(
        PlacementEvent.objects.filter(placement_id__in=by_pk)
        .select_related("by")
        .order_by("-at", "-pk")
    )
    school_ids, person_ids = set(), set()
    for e in events:
        d = e.details or {}
        school_ids.update(v for k in ("from_school", "to_school") if (v := d.get(k)))
        person_ids.update(v for k in ("old", "new", "mentor", "coach") if (v := d.get(k)))
    schools = School.objects.in_bulk(school_ids) if school_ids else {}
    people = Person.objects.in_bulk(person_ids) if person_ids else {}
    accounts = {e.by_user_id for e in events if e.by_id is None and e.by_user_id}
    known = history.members(partnership, accounts)
    return [
        _entry(e, by_pk[e.placement_id], schools, people, known)
        for e in events
        if e.placement_id in by_pk
    ]


FORM_EVENTS = (
    PlacementEvent.Kind.FORM_SUBMITTED,
    PlacementEvent.Kind.FORM_SIGNED,
    PlacementEvent.Kind.FORM_REOPENED,
)
_FORM_ROLES = {
    "student": gettext_lazy("aankomende leraar"),
    "mentor": gettext_lazy("mentor"),
    "instituutsopleider": gettext_lazy("instituutsopleider"),
}


def _moment(value):
    if not value:
        return "—"
    return date_format(timezone.localtime(dt.datetime.fromisoformat(value)), "j F Y H:i")


def _date(value):
    return date_format(dt.date.fromisoformat(value), "j F Y") if value else "—"


def _form_label(kind):
    return str(FormKind(kind).label) if kind in FormKind.values else "—"


def _due_line(change):
    """One form's due date in a verlenging's story: moved, kept while late, or moved although
    it was late (said so)."""
    values = {
        "form": _form_label(change.get("form")),
        "old": _date(change.get("old")),
        "new": _date(change.get("new")),
    }
    if change.get("old") == change.get("new"):
        return _("%(form)s: blijft uiterlijk %(old)s (te laat)") % values
    if change.get("was_overdue"):
        return _("%(form)s: was te laat (uiterlijk %(old)s), nu uiterlijk %(new)s") % values
    return _("%(form)s: uiterlijk %(old)s → %(new)s") % values


def _status(value):
    return str(PlacementStatus(value).label) if value else "—"


def _entry(e, placement, schools, people, known):
    d = e.details or {}

    def school(key):
        row = schools.get(d.get(key))
        return row.name if row is not None else _("een school die niet meer bestaat")

    def person(key):
        row = people.get(d.get(key))
        return str(row) if row is not None else "—"

    lines = []
    kind = e.kind
    if kind == PlacementEvent.Kind.CREATED:
        title = _("Aangemaakt")
    elif kind == PlacementEvent.Kind.STATUS:
        title = f"{_status(e.from_status)} → {_status(e.to_status)}"
    elif kind == PlacementEvent.Kind.OVERSTAP:
        title = _("Overstap van %(from)s naar %(to)s") % {
            "from": school("from_school"),
            "to": school("to_school"),
        }
        lines.append(_("Overstapdatum: %(day)s") % {"day": _date(d.get("move_on"))})
        if "old_ends_on" in d:  # the placement that ended
            lines.append(
                _("Status: %(old)s → %(new)s")
                % {"old": _status(e.from_status), "new": _status(e.to_status)}
            )
            old_end = dt.date.fromisoformat(d["old_ends_on"])
            last_day = dt.date.fromisoformat(d["move_on"]) - dt.timedelta(days=1)
            lines.append(
                _("Einddatum: %(old)s → %(new)s")
                % {"old": _date(old_end.isoformat()), "new": _date(last_day.isoformat())}
            )
            if d.get("closed_forms"):
                lines.append(
                    _("Gesloten door de overstap: %(forms)s")
                    % {"forms": ", ".join(_form_label(k) for k in d["closed_forms"])}
                )
        else:  # the placement that continues
            lines.append(_("Begeleiding: %(mentor)s") % {"mentor": person("mentor")})
            if d.get("coach"):
                lines.append(_("Coach: %(coach)s") % {"coach": person("coach")})
            lines.append(_("Loopt tot %(day)s") % {"day": _date(d.get("ends_on"))})
    elif kind == PlacementEvent.Kind.VERLENGING:
        title = _("Verlenging")
        lines.append(
            _("Einddatum: %(old)s → %(new)s")
            % {"old": _date(d.get("old_ends_on")), "new": _date(d.get("new_ends_on"))}
        )
        lines += [_due_line(change) for change in d.get("due", ())]
    elif kind == PlacementEvent.Kind.COACH:
        title = _("Coach gewijzigd")
        lines.append(_("Coach: %(old)s → %(new)s") % {"old": person("old"), "new": person("new")})
    elif kind in FORM_EVENTS:
        form = FormKind(d["form"]).label if d.get("form") in FormKind.values else "—"
        title = f"{e.get_kind_display()}: {form}"
        if d.get("role"):
            lines.append(_("Als %(role)s") % {"role": _FORM_ROLES.get(d["role"], d["role"])})
        if d.get("due_on") and d.get("due_on") != d.get("old_due_on"):
            lines.append(
                _("Uiterlijk op: %(old)s → %(new)s")
                % {"old": _date(d.get("old_due_on")), "new": _date(d["due_on"])}
            )
        for removed in d.get("removed", ()):
            lines.append(
                _("Handtekening vervallen: %(name)s (%(when)s)")
                % {
                    "name": removed.get("name", "—"),
                    "when": _moment(removed.get("signed_at")),
                }
            )
    else:
        title = e.get_kind_display()
    if kind == PlacementEvent.Kind.STATUS and d.get("override"):
        lines.append(_("Afgerond zonder ondertekende eindbeoordeling"))
    who = e.by if e.by_id else history.who(e.by_user_id, lambda: e.by_user, known)
    return Entry(
        at=e.at,
        who=who,
        title=title,
        kind=kind,
        placement=placement,
        reason=e.reason,
        lines=lines,
    )
