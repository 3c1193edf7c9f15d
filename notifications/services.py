"""The notification engine's operations, and its public face for the apps that plan them.

The engine is split by job:

- notifications.planning — plan a notification (schedule, schedule_many) and link to the
  portal from a mail (absolute_url);
- notifications.sending — the sweep that sends what is due (sweep, send_due), each recipient
  once, with its back-off (MAX_ATTEMPTS, BACKOFF);
- notifications.claims — how a sweep claims a batch (CLAIM_TIMEOUT);
- notifications.digests — the weekly digest (DIGEST, next_digest_day);
- here — what coordinators and people do on the engine's pages: retry a failed notification,
  choose immediate mail or the weekly digest.

Apps import from here (quality, placementforms, the demo, bench and the tests call
`services.schedule`, `schedule_many`, `absolute_url`, `send_due`, `sweep`, `MAX_ATTEMPTS`), so
the names of the modules above are re-exported; the engine's own modules import each other.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from samen.errors import DomainError
from samen.permissions import OutOfReach

from .claims import CLAIM_TIMEOUT
from .digests import DIGEST, DIGEST_WEEKDAY, next_digest_day
from .models import MailPreference, Notification
from .planning import absolute_url, schedule, schedule_many
from .sending import (
    BACKOFF,
    BATCH_SIZE,
    MAX_ATTEMPTS,
    RENEW_EVERY,
    SMTP_ROUND_TRIPS,
    SweepResult,
    longest_send,
    send_due,
    sweep,
)

__all__ = [
    "BACKOFF",
    "BATCH_SIZE",
    "CLAIM_TIMEOUT",
    "DIGEST",
    "DIGEST_WEEKDAY",
    "MAX_ATTEMPTS",
    "RENEW_EVERY",
    "SMTP_ROUND_TRIPS",
    "SweepResult",
    "absolute_url",
    "longest_send",
    "next_digest_day",
    "preference_of",
    "retry",
    "schedule",
    "schedule_many",
    "send_due",
    "set_preference",
    "sweep",
]


@transaction.atomic
def retry(actor, notification):
    """Queues a failed notification again: the next sweep tries it, with fresh attempts.

    Guarantees: only someone who may `notification.retry` it; only a notification that is
    failed (DomainError otherwise, e.g. when another coordinator was first); whoever already
    received it is not mailed again (their Delivery stays). It needs no broker: beat's sweep
    finds the row.
    """
    actor.require("notification.retry", notification)
    requeued = Notification.objects.filter(
        pk=notification.pk, failed_at__isnull=False, done_at__isnull=True
    ).update(failed_at=None, attempts=0, next_attempt_at=None, claimed_at=None, claim_token=None)
    if not requeued:
        raise DomainError(_("Deze herinnering is niet mislukt: er is niets opnieuw te proberen."))
    notification.refresh_from_db()
    actor.require("notification.retry", notification)
    return notification


def preference_of(actor):
    """The acting person's MailPreference.Mode (direct when they never chose)."""
    if actor.person is None:
        return MailPreference.Mode.DIRECT
    mode = (
        MailPreference.objects.filter(person_id=actor.person.pk)
        .values_list("mode", flat=True)
        .first()
    )
    return mode or MailPreference.Mode.DIRECT


@transaction.atomic
def set_preference(actor, mode):
    """Stores how the acting person wants their notifications: each at once, or weekly.

    Guarantees: a person sets only their own (someone without a person in this partnership
    is refused); reminders already waiting in their digest still go out with it, and the
    change applies to every notification sent from now on.
    """
    if actor.person is None:
        raise OutOfReach()
    if mode not in MailPreference.Mode.values:
        raise DomainError(_("Kies hoe u herinneringen wilt ontvangen."))
    preference, _created = MailPreference.objects.update_or_create(
        partnership=actor.partnership, person_id=actor.person.pk, defaults={"mode": mode}
    )
    return preference
