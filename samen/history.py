"""Change history for every page that shows one, over django-simple-history's `diff_against`.

`entries()` takes the historical records of one or more models (a person and their roles; a
partner and its shared organisation), compares each record with the previous record of the
same object in memory, and returns the changes newest first, with relations shown by name (one
query per related model, whatever the number of records) and choices by their label.

Who made a change is named only when the page's partnership knows them (`members`): a shared
organisation is also changed from other partnerships, and their people are not this page's
business.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TYPES = {
    "+": gettext_lazy("aangemaakt"),
    "~": gettext_lazy("gewijzigd"),
    "-": gettext_lazy("verwijderd"),
}
LIMIT = 50


class Change(NamedTuple):
    field: str  # the field's verbose name
    old: str
    new: str


def entries(
    sources: Iterable[tuple[type, Iterable]],
    *,
    partnership=None,
    subject: Callable[[object, type, Callable], str] | None = None,
    formatters: dict | None = None,
    hidden: Iterable[str] = (),
    limit: int = LIMIT,
) -> list[dict]:
    """The changes recorded in `sources` ((model, historical records) pairs), newest first.

    Each entry: `when`, `who` (the User, "systeem", or — with `partnership` — "someone outside
    this partnership" for an account that is no person of it),
    `what` (`subject(record, model, display)`, default the model's name), `type`
    (aangemaakt / gewijzigd / verwijderd), `changes` (a list of `Change`) and `record`.
    `formatters` shows a field's raw value another way ({field name: callable});
    `hidden` fields never appear. A fixed number of queries: the records, and one per related
    model named in them.
    """
    formatters = formatters or {}
    hidden = set(hidden)
    sources = [(model, sorted(records, key=_order)) for model, records in sources]
    names = _related_names(sources, hidden)
    user_ids = {r.history_user_id for _model, records in sources for r in records}
    known = members(partnership, user_ids - {None}) if partnership is not None else None

    def display(model, field_name, value):
        if value in (None, ""):
            return "—"
        if field_name in formatters:
            return formatters[field_name](value)
        field = model._meta.get_field(field_name)
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _("ja") if value else _("nee")
        if field.is_relation:
            obj = names.get((field.related_model, value))
            return str(obj) if obj is not None else f"#{value}"
        if isinstance(value, dt.datetime):
            return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
        if isinstance(value, dt.date):
            return value.strftime("%d-%m-%Y")
        return str(value)

    result = []
    for model, records in sources:
        previous = {}
        for record in records:
            before = previous.get(record.id)
            previous[record.id] = record
            changes = []
            if record.history_type == "~" and before is not None:
                for change in record.diff_against(before).changes:
                    if change.field in hidden:
                        continue
                    label = str(model._meta.get_field(change.field).verbose_name)
                    changes.append(
                        Change(
                            label,
                            display(model, change.field, change.old),
                            display(model, change.field, change.new),
                        )
                    )
                if not changes:
                    continue  # only hidden or unrecorded fields changed
            result.append(
                {
                    "when": record.history_date,
                    "who": _who(record, known),
                    "what": subject(record, model, lambda f, v, m=model: display(m, f, v))
                    if subject
                    else str(model._meta.verbose_name).capitalize(),
                    "type": str(TYPES.get(record.history_type, TYPES["~"])),
                    "changes": changes,
                    "record": record,
                }
            )
    result.sort(key=lambda e: (e["when"], e["record"].history_id), reverse=True)
    return result[:limit]


def members(partnership, user_ids):
    """Which of these accounts belong to people of `partnership` (one query)."""
    if not user_ids:
        return set()
    # The user model, named by the setting as the ground floor may; "people" is its people.
    users = get_user_model().objects.filter(pk__in=user_ids, people__partnership=partnership)
    return set(users.values_list("pk", flat=True))


def _order(record):
    return (record.history_date, record.history_id)


def _who(record, known):
    return who(record.history_user_id, lambda: record.history_user, known)


def who(user_id, user, known):
    """How a history names the account that acted: "systeem" for none, the account when it
    belongs to a person of the page's partnership (`known`, from `members()`; None: every
    account is named), else "iemand buiten dit partnerschap". `user` is a callable, so the
    account is only loaded when it is named."""
    if user_id is None:
        return _("systeem")
    if known is None or user_id in known:
        return user()
    return _("iemand buiten dit partnerschap")


def _related_names(sources, hidden):
    """{(related model, pk): object} for every foreign key value in the records."""
    wanted = {}
    for model, records in sources:
        relations = [
            f
            for f in model._meta.concrete_fields
            if f.is_relation and f.many_to_one and f.name not in hidden
        ]
        for record in records:
            for field in relations:
                value = getattr(record, field.attname, None)
                if value is not None:
                    wanted.setdefault(field.related_model, set()).add(value)
    names = {}
    for related, ids in wanted.items():
        for pk, obj in related._default_manager.in_bulk(ids).items():
            names[(related, pk)] = obj
    return names
