"""The kinds of notification: each app registers the ones it sends.

A kind is a name ("reviewmoment.upcoming": what the notification is about, then what it says)
and two callables the engine calls when the notification is sent, never before:

    registry.register(
        "reviewmoment.upcoming",
        recipients=people_involved,  # target -> the recipients (each with .pk, .email, str())
        message=reminder_message,  # (target, recipient) -> Message(subject, body)
    )

Apps register their kinds in `<app>/notifications.py`, which NotificationsConfig.ready()
imports (as samen imports `<app>/rules.py`). The engine knows no app: it stores the kind's
name and calls these callables inside the target's partnership scope, in the site language.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from django.core.exceptions import ImproperlyConfigured


class Recipient(Protocol):
    """Whom a notification goes to: usually a roles.Person (the engine does not import it).

    `pk` identifies the recipient within the partnership (Delivery.person_id), `email` is where
    the mail goes (empty: skipped), `str()` names them in the delivery log.
    """

    pk: int
    email: str


class Message(NamedTuple):
    """What one recipient receives. A tuple, so `subject, body = message` reads naturally."""

    subject: str
    body: str


@dataclass(frozen=True)
class NotificationKind:
    name: str
    recipients: Callable[[Any], Iterable[Recipient]]
    message: Callable[[Any, Recipient], tuple[str, str]]


class UnknownKind(LookupError):
    """No app registered a notification kind of this name."""


_KINDS: dict[str, NotificationKind] = {}


def register(name: str, *, recipients, message) -> NotificationKind:
    """Registers a kind. A name is registered once: two apps cannot silently share one."""
    if name in _KINDS:
        raise ImproperlyConfigured(f"Notification kind {name!r} is registered twice.")
    kind = NotificationKind(name, recipients, message)
    _KINDS[name] = kind
    return kind


def unregister(name: str) -> None:
    """Forgets a kind (tests register their own and clean up after themselves)."""
    _KINDS.pop(name, None)


def get(name: str) -> NotificationKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise UnknownKind(name) from None


def kinds() -> dict[str, NotificationKind]:
    return dict(_KINDS)
