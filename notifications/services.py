"""Notification operations: plan one, and the sweep that sends what is due."""

import datetime as dt
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django_scopes import scope, scopes_disabled

from . import registry
from .models import Delivery, Notification

log = logging.getLogger(__name__)

#: A claim this old belongs to a sweep that died mid-send: another sweep takes it over.
CLAIM_TIMEOUT = dt.timedelta(minutes=15)
#: A notification that failed this often is no longer tried; its `last_error` says why.
MAX_ATTEMPTS = 5


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


def absolute_url(path):
    """A link for a mail: `path` (from reverse()) on SAMEN_BASE_URL, the portal's address."""
    return settings.SAMEN_BASE_URL + path


def send_due(today=None, batch_size=200):
    """Sends every notification that is due and not done yet; returns how many mails went out.

    Guarantees:
    - Two sweeps at once (two beats, a redelivered task) never send the same mail twice to a
      recipient. A sweep first claims a notification in a short transaction — SELECT … FOR
      UPDATE SKIP LOCKED (PostgreSQL) to spread the work, then a conditional UPDATE of
      `claimed_at` that only one sweep can win, on every database — and sends the mails after
      that commit, so no database lock is held while talking to the SMTP server. Before each
      mail it renews its claim with another conditional UPDATE, and stops when it lost it.
    - Recipients are resolved when sending, by the kind's `recipients(target)` (those without
      an e-mail address are left out). Whoever already has a Delivery is skipped; each mail is
      recorded as a Delivery as soon as the SMTP server accepted it. A worker that dies
      mid-send leaves a claim that another sweep takes over after CLAIM_TIMEOUT: at worst the
      one mail in flight is sent again, and nothing is lost.
    - A failure (of the SMTP server, or of the kind's own code) releases the claim and records
      the attempt and the error; the mails that did go out stay recorded and are not sent
      again. After MAX_ATTEMPTS attempts a notification is no longer tried.
    - A notification is done when every recipient resolved has a Delivery (nobody resolved:
      done without a mail). One whose target no longer exists is done with a note.
    """
    today = today or timezone.localdate()
    sent = 0
    tried = set()  # picked by this sweep already: never twice in one sweep
    # Crosses tenants on purpose: the sweep serves every partnership; each notification is
    # resolved, rendered and recorded inside its own partnership's scope.
    with scopes_disabled():
        while sent < batch_size:
            now = timezone.now()
            claimable = _claimable(today, now)
            with transaction.atomic():
                notification = (
                    claimable.select_for_update(skip_locked=True, of=("self",))
                    .exclude(pk__in=tried)
                    .order_by("send_on", "pk")
                    .first()
                )
                if notification is None:
                    return sent
                tried.add(notification.pk)
                won = claimable.filter(pk=notification.pk).update(claimed_at=now)
            if not won:
                continue  # another sweep claimed it meanwhile
            with scope(partnership=notification.partnership_id):
                sent += _send(notification, claim=now)
    return sent


def _claimable(today, now):
    return Notification.objects.filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT),
        done_at__isnull=True,
        send_on__lte=today,
        attempts__lt=MAX_ATTEMPTS,
    )


def _send(notification, claim):
    """Sends the mails of one claimed notification; returns how many went out.

    Ends by releasing the claim (done, or failed with the attempt recorded), unless the
    claim was lost to another sweep: that one finishes the notification.
    """
    sent = 0
    errors = []
    try:
        kind = registry.get(notification.kind)
        target = notification.target
        if target is None:
            _release(notification, claim, done=True, note="The target no longer exists.")
            return 0
        delivered = set(notification.deliveries.values_list("person_id", flat=True))
        for recipient in _addressed(kind.recipients(target)):
            if recipient.pk in delivered:
                continue  # mailed by an earlier attempt
            claim = _renew(notification, claim)
            if claim is None:
                log.warning("Notification %s: claim lost to another sweep", notification.pk)
                return sent
            try:
                with translation.override(settings.LANGUAGE_CODE):
                    subject, body = kind.message(target, recipient)
                send_mail(subject, body, None, [recipient.email], fail_silently=False)
            except Exception as exc:  # SMTP errors of every kind, or the kind's message
                log.warning("Notification %s to %s failed: %s", notification.pk, recipient.pk, exc)
                errors.append(f"{type(exc).__name__}: {exc}")
                continue
            _record_delivery(notification, recipient)
            sent += 1
    except Exception as exc:  # the kind's own code (or an unknown kind): an attempt, recorded
        log.exception("Notification %s failed", notification.pk)
        errors.append(f"{type(exc).__name__}: {exc}")
    _release(notification, claim, done=not errors, note="\n".join(errors))
    return sent


def _addressed(recipients):
    """The recipients with an e-mail address, each once."""
    seen = set()
    for recipient in recipients:
        if recipient.email and recipient.pk not in seen:
            seen.add(recipient.pk)
            yield recipient


def _renew(notification, claim):
    """The claim renewed (its new time), or None when another sweep took it over."""
    now = timezone.now()
    won = Notification.objects.filter(pk=notification.pk, claimed_at=claim).update(claimed_at=now)
    return now if won else None


def _record_delivery(notification, recipient):
    try:
        with transaction.atomic():
            Delivery.objects.create(
                partnership_id=notification.partnership_id,
                notification=notification,
                person_id=recipient.pk,
                name=str(recipient)[:250],
                email=recipient.email,
                sent_at=timezone.now(),
            )
    except IntegrityError:  # cannot happen while the claim holds; say so if it ever does
        log.error("Notification %s: %s had a delivery already", notification.pk, recipient.pk)


def _release(notification, claim, *, done, note=""):
    """Releases this sweep's claim: the notification is done, or its attempt is recorded."""
    mine = Notification.objects.filter(pk=notification.pk, claimed_at=claim)
    if done:
        mine.update(claimed_at=None, done_at=timezone.now(), last_error=note)
    else:
        mine.update(claimed_at=None, attempts=F("attempts") + 1, last_error=note)
