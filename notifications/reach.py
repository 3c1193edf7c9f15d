"""May the recipient still open what the mail is about? Asked when it is sent.

A kind names the permission its mail's object needs (`registry.register(permission=…,
permission_on=…)`). Who receives a notification is resolved from the target as it is then,
but a person can be named by a target and still have lost the right to open it (a mentor
whose role was taken away, a reminder that waited a week in a digest while the mentor was
taken off the placement). So, for a batch, the engine reads the recipients' access once (the
loader the people's app registered) and asks samen.permissions, in one query for the whole
batch, which (object, person) pairs are in reach; the others get nothing.
"""

from collections import defaultdict

from django.core.exceptions import ImproperlyConfigured
from django.db.models import IntegerField, Value

from . import registry

#: People per UNION query (SQLite allows 500 compound SELECTs).
CHUNK = 200


def object_of(kind, target):
    """(model, pk) of the object the kind's permission is checked on: the target, or the row
    at the end of `permission_on` (read by its foreign key: no query for one step)."""
    *path, last = kind.permission_on.split(".")
    if not last:
        return type(target), target.pk
    obj = target
    for part in path:
        obj = getattr(obj, part)
    field = obj._meta.get_field(last)
    return field.related_model, getattr(obj, field.attname)


def reachable(kind, partnership_id, pairs, today):
    """The (target pk, person pk) of `pairs` ([(target, person pk)]) whose person holds the
    kind's permission on the target's object now; all of them for a kind without one."""
    pairs = list(pairs)
    if not kind.permission or not pairs:
        return {(target.pk, person) for target, person in pairs}
    loader = registry.access_loader()
    if loader is None:
        raise ImproperlyConfigured(
            f"Notification kind {kind.name!r} checks {kind.permission!r}, but no app "
            "registered how to read people's access (notifications.registry.register_access)."
        )
    objects = {}  # target pk -> pk of the object checked
    wanted = defaultdict(set)  # person pk -> object pks
    model = None
    for target, person in pairs:
        if target.pk not in objects:
            model, objects[target.pk] = object_of(kind, target)
        wanted[person].add(objects[target.pk])
    accesses = loader(partnership_id, set(wanted), today)
    allowed = _allowed(kind.permission, model, accesses, wanted)
    return {
        (target.pk, person) for target, person in pairs if (objects[target.pk], person) in allowed
    }


def _allowed(action, model, accesses, wanted):
    """{(object pk, person pk)} in reach, one UNION query per CHUNK people."""
    found = set()
    people = [p for p in wanted if p in accesses]
    for start in range(0, len(people), CHUNK):
        parts = []
        for person in people[start : start + CHUNK]:
            rows = model._base_manager.filter(
                partnership_id=accesses[person].partnership.pk, pk__in=wanted[person]
            )
            parts.append(
                accesses[person]
                .filter(action, rows)
                .order_by()
                .annotate(_person=Value(person, output_field=IntegerField()))
                .values_list("pk", "_person")
            )
        found |= set(parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0])
    return found
