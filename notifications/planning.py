"""Planning a notification: the app that owns the target says what is due when.

Who receives it and what it says are decided when it is sent (notifications.sending), by
the kind the app registered (notifications.registry).
"""

from django.contrib.contenttypes.models import ContentType

from samen import origin

from . import registry
from .models import Notification


def schedule(kind, target, send_on):
    """Plans a notification of `kind` about `target` (a tenant row), due on `send_on`.

    Guarantees: the kind is registered (registry.UnknownKind otherwise); there is at most one
    notification per (kind, target, day): planning it again returns the existing one, and a
    database constraint decides between two plans at once. Who receives it is decided when
    it is sent, not now.
    """
    registry.get(kind)
    notification, _created = Notification.objects.get_or_create(
        kind=kind,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        send_on=send_on,
        defaults={"partnership_id": target.partnership_id},
    )
    return notification


def schedule_many(kind, planned):
    """schedule() for many: `planned` is [(target, send_on), …]. One INSERT for all of them;
    what is planned already stays as it is (the same unique constraint), so planning twice
    plans nothing new. Returns nothing: call it when the rows themselves are not needed."""
    registry.get(kind)
    planned = list(planned)
    if not planned:
        return
    content_type = ContentType.objects.get_for_model(planned[0][0])
    Notification.objects.bulk_create(
        [
            Notification(
                partnership_id=target.partnership_id,
                kind=kind,
                content_type=content_type,
                object_id=target.pk,
                send_on=send_on,
            )
            for target, send_on in planned
        ],
        ignore_conflicts=True,
    )


def absolute_url(path):
    """A link for a mail: `path` (from reverse()) on the portal's address: SAMEN_BASE_URL in
    production, the address it is reached on in the demo (samen.origin)."""
    return origin.absolute(path)
