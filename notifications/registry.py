"""The kinds of notification: each app registers the ones it sends.

A kind is a name ("reviewmoment.upcoming": what the notification is about, then what it says)
and the callables the engine calls when the notification is sent, never before:

    registry.register(
        "reviewmoment.upcoming",
        recipients=people_involved,  # target -> the recipients (each with .pk, .email, str())
        message=reminder_message,  # (target, recipient) -> Message(subject, body, url)
        # Optional:
        recipients_many=people_involved_many,  # [targets] -> {target.pk: [recipients]}
        related=("partnership", "school"),  # what message() reads of the target, loaded with it
        label=gettext_lazy("Herinnering evaluatiemoment"),  # how pages name the kind
        permission="reviewmoment.view",  # what the recipient must still may do to the target
        permission_on="",  # …on this attribute path of the target ("placement"); "": itself
    )

A mail is about something the recipient opens: when it is sent (and again when a weekly digest
goes out) the engine asks the permission engine whether each recipient still holds the kind's
`permission` on the mail's object (notifications.reach); whoever lost it (a mentor taken off a
placement) gets nothing. The engine has no Person model: the app that knows people registers
how to read their access (`register_access`, roles/notifications.py).

The sweep sends a batch of notifications of one kind and one partnership at a time. It loads
their targets in one query (with `related`), asks `recipients_many` once for the whole batch
(without it: `recipients` once per target), and calls `message` per recipient, which should
then need no query of its own. A kind whose target no longer matters (a moment already held)
returns no recipients: the notification is done without a mail.

Apps register their kinds in `<app>/notifications.py`, which NotificationsConfig.ready()
imports (as samen imports `<app>/rules.py`). The engine knows no app: it stores the kind's
name and calls these callables inside the target's partnership scope, in the site language.
"""

from collections.abc import Callable, Iterable, Mapping
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
    """What one recipient receives: a subject, a plain-text body and, optionally, the link it
    is about (an absolute URL, see services.absolute_url), which a weekly digest lists."""

    subject: str
    body: str
    url: str = ""


@dataclass(frozen=True)
class NotificationKind:
    name: str
    recipients: Callable[[Any], Iterable[Recipient]]
    message: Callable[[Any, Recipient], tuple]
    recipients_many: Callable[[list], Mapping[int, Iterable[Recipient]]] | None = None
    related: tuple[str, ...] = ()
    label: Any = None
    #: The samen.permissions action the recipient must hold on the mail's object ("": none).
    permission: str = ""
    #: Where the mail's object is, as an attribute path from the target ("": the target).
    permission_on: str = ""

    def recipients_of(self, targets) -> dict[int, list]:
        """{target.pk: recipients} for a batch of targets: the batch form when the kind has one."""
        if self.recipients_many is not None:
            found = self.recipients_many(targets)
            return {t.pk: list(found.get(t.pk, ())) for t in targets}
        return {t.pk: list(self.recipients(t)) for t in targets}

    def __str__(self):
        return str(self.label or self.name)


class UnknownKind(LookupError):
    """No app registered a notification kind of this name."""


_KINDS: dict[str, NotificationKind] = {}


def register(
    name: str,
    *,
    recipients,
    message,
    recipients_many=None,
    related=(),
    label=None,
    permission="",
    permission_on="",
) -> NotificationKind:
    """Registers a kind. A name is registered once: two apps cannot silently share one."""
    if name in _KINDS:
        raise ImproperlyConfigured(f"Notification kind {name!r} is registered twice.")
    kind = NotificationKind(
        name,
        recipients,
        message,
        recipients_many,
        tuple(related),
        label,
        permission,
        permission_on,
    )
    _KINDS[name] = kind
    return kind


#: How to read people's access (samen.permissions.Access) for the permission re-check:
#: (partnership_id, person pks, today) -> {person pk: Access}. Registered by the app that
#: owns people (roles/notifications.py); None: no kind's permission can be checked.
_ACCESS: list = [None]


def register_access(loader) -> None:
    _ACCESS[0] = loader


def access_loader():
    return _ACCESS[0]


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


def label(name: str) -> str:
    """How pages name a kind: its label, or its name when it has none or is unknown."""
    kind = _KINDS.get(name)
    return str(kind) if kind is not None else name
