"""The sweep: send what is due, batch by batch, each recipient once.

The guarantee (docs/architecture.md, "Notifications: exactly once"): every recipient of a
notification receives it once — as its own mail, or in their weekly digest
(notifications.digests) — whatever runs twice (two beats, a duplicated or redelivered sweep
task); a worker killed mid-send resends at most the one mail it was sending and loses none; a
failure backs off and, after the last attempt, is shown as failed to the coordinators instead
of being dropped. A batch is claimed by notifications.claims.
"""

import datetime as dt
import json
import logging
import smtplib
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, get_connection
from django.db.models import Case, DateTimeField, F, JSONField, Value, When
from django.utils import timezone, translation
from django_scopes import scope, scopes_disabled

from . import digests, reach, registry
from .claims import Claimed, Row, claim
from .models import Delivery, DigestEntry, Notification

log = logging.getLogger(__name__)

#: A sweep renews its claim before a mail once this much time has passed since the last time.
RENEW_EVERY = dt.timedelta(minutes=1)
#: SMTP round trips one mail may wait for, each up to EMAIL_TIMEOUT: opening the connection
#: (connect, EHLO, STARTTLS, EHLO, AUTH) and sending (MAIL, RCPT, DATA, the message, RSET).
SMTP_ROUND_TRIPS = 10
#: Attempts before a notification is failed. With BACKOFF the last attempt comes 46 hours
#: after the first, so a mail server that is down for a day loses nothing
#: (notifications/tests/test_reminders_under_faults.py sends through such an outage).
MAX_ATTEMPTS = 8
#: The wait after the 1st, 2nd, … failed attempt (the sweep runs every few minutes, so the
#: next attempt is the first sweep after it).
BACKOFF = (
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=15),
    dt.timedelta(hours=1),
    dt.timedelta(hours=3),
    dt.timedelta(hours=6),
    dt.timedelta(hours=12),
    dt.timedelta(hours=24),
)
#: Notifications claimed at once: all of one partnership and one kind.
BATCH_SIZE = 100
assert len(BACKOFF) == MAX_ATTEMPTS - 1


def longest_send():
    """The longest a sweep may hold a claim without renewing it while a mail is still allowed
    to run: the renewal interval plus every SMTP round trip of one mail at EMAIL_TIMEOUT."""
    timeout = settings.EMAIL_TIMEOUT or 0
    return RENEW_EVERY + SMTP_ROUND_TRIPS * dt.timedelta(seconds=timeout)


@dataclass
class SweepResult:
    sent: int = 0  # mails the server accepted
    batches: int = 0
    claimed: int = 0  # notifications claimed
    queued: int = 0  # reminders put in someone's weekly digest
    stopped: str = ""  # why the sweep stopped early (the mail server is unreachable)


def send_due(today=None, *, now=None, batch_size=BATCH_SIZE):
    """Sends every notification that is due; returns how many mails went out. See sweep()."""
    return sweep(today, now=now, batch_size=batch_size).sent


def sweep(today=None, *, now=None, batch_size=BATCH_SIZE):
    """Sends what is due (`send_on` ≤ today, not backing off), batch by batch, until nothing
    is left or the mail server is unreachable. `now` (default: the clock) lets tests and
    benchmarks run the sweep at any moment; time passes from it as it does on the clock.

    Guarantees:
    - **Claims.** A batch — up to `batch_size` notifications of one partnership and one kind
      — is claimed in one statement (PostgreSQL: UPDATE … WHERE id IN (SELECT … FOR UPDATE
      SKIP LOCKED LIMIT n) RETURNING; elsewhere a conditional UPDATE that only one sweep can
      win) with a token of its own. Nothing else holds a lock while mail is sent. The claim is
      renewed (every RENEW_EVERY, before a mail) and only a claim older than CLAIM_TIMEOUT is
      taken over: longer than any mail may run (EMAIL_TIMEOUT per round trip), so a live
      sweep's claim is never taken while it may still send.
    - **Once per recipient.** Recipients are resolved now, for the whole batch (the kind's
      `recipients_many`). Whoever already has a Delivery or a DigestEntry is skipped. Each
      mail is recorded as a Delivery the moment the server accepted it (one INSERT), so a
      worker killed mid-send leaves at most that one mail unrecorded: it is sent again, and
      nothing is lost. A recipient who chose the weekly digest gets a DigestEntry instead.
    - **Failures back off.** Every final write asks for the claim token. A notification whose
      mail failed (for one recipient, or the kind's own code) counts an attempt and waits
      BACKOFF before the next; after MAX_ATTEMPTS it is failed, with the error and whom it
      did not reach. An unreachable or hanging mail server (EMAIL_TIMEOUT) fails the batch
      and stops the sweep: the rest waits for the next one.
    - **Constant queries per batch**: the claim, the targets, the recipients, the
      preferences, who already has theirs, and the final updates, whatever the batch holds;
      plus one INSERT per mail. One SMTP connection per batch.
    """
    clock = _Clock(now)
    today = today or timezone.localdate(clock.start)
    result = SweepResult()
    # Crosses tenants on purpose: the sweep serves every partnership; each batch is one
    # partnership's, and the kind's code runs inside that partnership's scope.
    with scopes_disabled(), translation.override(settings.LANGUAGE_CODE):
        while True:
            batch = claim(today, clock(), batch_size)
            if batch is None:
                break
            result.batches += 1
            result.claimed += len(batch.rows)
            outcome = _Batch(batch, clock, today).run()
            result.sent += outcome.sent
            result.queued += outcome.queued
            if outcome.server_down:
                result.stopped = outcome.server_down
                log.warning("Notification sweep stopped: %s", outcome.server_down)
                break
    return result


class _Clock:
    """`now` as given, then running on with the monotonic clock."""

    def __init__(self, now=None):
        self.start = now or timezone.now()
        self._t0 = time.monotonic()

    def __call__(self):
        return self.start + dt.timedelta(seconds=time.monotonic() - self._t0)


#: SMTP errors about one message (the connection stays usable); every other OSError — refused,
#: timed out, disconnected, a failed EHLO or login — means the server cannot be used now.
MESSAGE_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


@dataclass
class _Item:
    """One mail (or digest entry) to one recipient about one notification."""

    row: Row
    recipient: Any


@dataclass
class _Batch:
    claimed: Claimed
    clock: _Clock
    today: dt.date
    sent: int = 0
    queued: int = 0
    server_down: str = ""
    held: dict = field(default_factory=dict)  # pk -> _Row, while the claim is ours
    notes: dict = field(default_factory=dict)  # pk -> a note for a notification done anyway
    errors: dict = field(default_factory=lambda: defaultdict(list))  # pk -> error lines
    unreached: dict = field(default_factory=lambda: defaultdict(list))  # pk -> "Name <email>"
    renewed: float = 0.0
    smtp: Any = None
    last_error: str = ""

    def run(self):
        self.held = {row.pk: row for row in self.claimed.rows}
        self.renewed = time.monotonic()
        try:
            with scope(partnership=self.claimed.partnership_id):
                self._send()
        except Exception as exc:  # a bug or a database error: the attempt is recorded
            log.exception("Notification batch %s failed", sorted(self.held))
            self._fail_all(f"{type(exc).__name__}: {exc}")
            self._finish()
            raise
        finally:
            self._close_smtp()
        self._finish()
        return self

    # --- sending ---------------------------------------------------------------------------

    def _send(self):
        try:
            kind = registry.get(self.claimed.kind)
        except registry.UnknownKind:
            self._fail_all(f"Unknown notification kind {self.claimed.kind!r}")
            return
        if kind.name == digests.DIGEST:
            digests.send(self)
            return
        targets = self._targets(kind)
        try:
            recipients = kind.recipients_of(list({t.pk: t for t in targets.values()}.values()))
        except Exception as exc:  # the kind's own code: an attempt, recorded
            log.exception("Notification kind %s: recipients failed", kind.name)
            self._fail_all(f"{type(exc).__name__}: {exc}")
            return
        items = [
            _Item(row, recipient)
            for row in self.claimed.rows
            if row.pk in targets
            for recipient in _addressed(recipients.get(targets[row.pk].pk, ()))
        ]
        done = self._already_delivered(items)
        items = [i for i in items if (i.row.pk, i.recipient.pk) not in done]
        items = self._in_reach(kind, targets, items)
        digest = digests.preferences(self, items)
        digests.queue(self, kind, targets, [i for i in items if i.recipient.pk in digest], digest)
        for item in items:
            if item.recipient.pk in digest:
                continue
            if self.server_down:
                self.record_unreached(item, "")
                continue
            if not self.still_ours(item.row):
                continue
            try:
                message = kind.message(targets[item.row.pk], item.recipient)
            except Exception as exc:  # the kind's own code
                log.exception("Notification %s: no message for %s", item.row.pk, item.recipient.pk)
                self.record_unreached(item, f"{type(exc).__name__}: {exc}")
                continue
            if self.mail(item.row.pk, item.recipient.pk, item.recipient.email, message):
                _record(
                    Delivery(
                        partnership_id=self.claimed.partnership_id,
                        notification_id=item.row.pk,
                        person_id=item.recipient.pk,
                        name=str(item.recipient)[:250],
                        email=item.recipient.email,
                        subject=str(message[0])[:250],
                        sent_at=self.clock(),
                    )
                )
                self.sent += 1
            else:
                self.record_unreached(item, "" if self.server_down else self.last_error)

    def _targets(self, kind):
        """{notification pk: target}, one query per content type (one, for one kind); a
        notification whose target is gone is done with a note."""
        by_type = defaultdict(list)
        for row in self.claimed.rows:
            by_type[row.content_type_id].append(row)
        targets = {}
        for content_type_id, rows in by_type.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            found = model._base_manager.filter(
                pk__in={r.object_id for r in rows}, partnership_id=self.claimed.partnership_id
            )
            if kind.related:
                found = found.select_related(*kind.related)
            found = {t.pk: t for t in found}
            for row in rows:
                if row.object_id in found:
                    targets[row.pk] = found[row.object_id]
                else:
                    self.notes[row.pk] = "The target no longer exists."
        return targets

    def _in_reach(self, kind, targets, items):
        """The items whose recipient may still open what the mail is about (the kind's
        permission, asked now: notifications.reach); the others are left out, not failed."""
        allowed = reach.reachable(
            kind,
            self.claimed.partnership_id,
            [(targets[i.row.pk], i.recipient.pk) for i in items],
            self.today,
        )
        return [i for i in items if (targets[i.row.pk].pk, i.recipient.pk) in allowed]

    def _already_delivered(self, items):
        """(notification pk, person pk) of whoever has their mail or digest entry already."""
        pks = {i.row.pk for i in items}
        if not pks:
            return set()
        delivered = (
            Delivery._base_manager.filter(notification_id__in=pks)
            .order_by()
            .values_list("notification_id", "person_id")
        )
        waiting = (
            DigestEntry._base_manager.filter(notification_id__in=pks)
            .order_by()
            .values_list("notification_id", "person_id")
        )
        return set(delivered.union(waiting, all=True))

    def mail(self, notification_pk, person_pk, address, message):
        """Sends one mail over the batch's connection: True when the server accepted it."""
        subject, body = str(message[0]), str(message[1])
        try:
            if self.smtp is None:
                self.smtp = get_connection(fail_silently=False)
                self.smtp.open()
            mail = EmailMessage(
                subject,
                body,
                None,
                [address],
                connection=self.smtp,
                headers={"Message-ID": _message_id(notification_pk, person_pk)},
            )
            return mail.send() == 1
        except MESSAGE_ERRORS as exc:
            log.warning("Notification %s to %s failed: %s", notification_pk, person_pk, exc)
            self.last_error = f"{address}: {type(exc).__name__}: {exc}"
            return False
        except OSError as exc:  # refused, timed out, disconnected: the server is not usable
            self.server_down = f"{type(exc).__name__}: {exc}"
            self._close_smtp(broken=True)
            return False

    def _close_smtp(self, broken=False):
        if self.smtp is None:
            return
        try:
            if broken:  # QUIT would wait for the hanging server again
                if getattr(self.smtp, "connection", None) is not None:
                    self.smtp.connection.close()
                    self.smtp.connection = None
            else:
                self.smtp.close()
        except OSError as exc:
            log.warning("Closing the SMTP connection failed: %s", exc)
        self.smtp = None

    def still_ours(self, row):
        """Renews the claim when RENEW_EVERY has passed; False for a notification whose claim
        was lost (another sweep took it over: that one finishes it)."""
        if row.pk not in self.held:
            return False
        if time.monotonic() - self.renewed >= RENEW_EVERY.total_seconds():
            mine = Notification._base_manager.filter(
                pk__in=self.held, claim_token=self.claimed.token
            )
            if mine.update(claimed_at=self.clock()) < len(self.held):
                kept = set(mine.values_list("pk", flat=True))
                for pk in set(self.held) - kept:
                    log.warning("Notification %s: claim lost to another sweep", pk)
                    del self.held[pk]
            self.renewed = time.monotonic()
        return row.pk in self.held

    def record_unreached(self, item, error):
        if error:
            self.errors[item.row.pk].append(error)
        self.unreached[item.row.pk].append(f"{item.recipient} <{item.recipient.email}>")

    def _fail_all(self, error):
        for pk in self.held:
            self.errors[pk].append(error)

    # --- finishing ---------------------------------------------------------------------------

    def _finish(self):
        """Two UPDATEs, each only where the claim is still this batch's token: the done ones,
        and the failed attempts (backing off, or failed for good)."""
        now = self.clock()
        if self.server_down:
            for pk in self.held:
                if pk in self.unreached:
                    self.errors[pk].append(self.server_down)
        failed = {pk for pk in self.held if self.errors.get(pk)}
        done = set(self.held) - failed
        mine = Notification._base_manager.filter(claim_token=self.claimed.token)
        if done:
            mine.filter(pk__in=done).update(
                done_at=now,
                claimed_at=None,
                claim_token=None,
                next_attempt_at=None,
                failed_recipients=[],
                last_error=_per_row({pk: self.notes.get(pk, "") for pk in done}),
            )
        if failed:
            mine.filter(pk__in=failed).update(
                attempts=F("attempts") + 1,
                claimed_at=None,
                claim_token=None,
                last_error=_per_row(
                    {pk: "\n".join(dict.fromkeys(self.errors[pk])) for pk in failed}
                ),
                failed_recipients=_per_row(
                    {pk: self.unreached.get(pk, []) for pk in failed}, output=JSONField()
                ),
                next_attempt_at=Case(
                    *(When(attempts=n, then=Value(now + wait)) for n, wait in enumerate(BACKOFF)),
                    default=Value(None),
                    output_field=DateTimeField(),
                ),
                failed_at=Case(
                    When(attempts__gte=MAX_ATTEMPTS - 1, then=Value(now)),
                    default=Value(None),
                    output_field=DateTimeField(),
                ),
            )
        self.held = {}


def _per_row(values, output=None):
    """A value per row for one UPDATE: the value itself when all rows share it, else a CASE
    over the primary key."""
    first = next(iter(values.values()))
    if len({json.dumps(v, sort_keys=True) for v in values.values()}) == 1:
        return Value(first, output_field=output)
    whens = [When(pk=pk, then=Value(value, output_field=output)) for pk, value in values.items()]
    return Case(*whens, default=Value(first, output_field=output), output_field=output)


def _addressed(recipients):
    """The recipients with an e-mail address, each once."""
    seen = set()
    for recipient in recipients:
        if recipient.email and recipient.pk is not None and recipient.pk not in seen:
            seen.add(recipient.pk)
            yield recipient


def _record(delivery):
    """Records one accepted mail in one statement; a second record of the same recipient
    (which the claim prevents) is ignored by the unique constraint instead of failing."""
    Delivery._base_manager.bulk_create([delivery], ignore_conflicts=True)


def _message_id(notification_pk, person_pk):
    """The same Message-ID each time this notification is mailed to this person: should a mail
    ever go out twice (a worker killed after the server accepted it), mail clients that
    recognise duplicates show it once."""
    host = urlsplit(settings.SAMEN_BASE_URL).hostname or "samen.localhost"
    return f"<notification.{notification_pk}.{person_pk}@{host}>"
