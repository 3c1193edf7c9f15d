"""The faults the engine was tried under (issue 14), each reproduced: they failed before the fix.

- after five failed attempts a reminder was dropped for good, with no alert;
- EMAIL_TIMEOUT was unset: a hanging mail server blocked the sweep, and its claim could be
  taken over and the mail sent twice;
- the final update did not check that the claim was still its own (a timestamp, no token);
- a claim transaction and eight queries per reminder, and a growing `NOT IN` list;
- at most 200 mails per sweep (4,800 a day with the hourly beat).
"""

import datetime as dt
import re
import threading
import time

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scopes_disabled

from notifications import registry, services
from notifications.models import Notification
from tests import factories as f

from .mail import HangingInbox, SMTPServer
from .support import KIND, deliveries, notifications, plan


def schools(tenant, n):
    with scopes_disabled():
        return [
            f.SchoolFactory(partnership=tenant.partnership, board=tenant.board) for _ in range(n)
        ]


# --- Dropped for good after five attempts ---------------------------------------------------


def test_a_reminder_that_keeps_failing_is_visibly_failed_not_silently_dropped(
    samen, kind, smtp_server
):
    plan(samen, kind)
    kind.broken = {samen.people["coordinator"].pk, samen.people["schoolopleider"].pk}
    now = timezone.now()
    for _ in range(services.MAX_ATTEMPTS + 3):
        services.send_due(now=now)
        now += max(services.BACKOFF) + dt.timedelta(minutes=1)

    [row] = notifications()
    assert row.attempts == services.MAX_ATTEMPTS
    assert row.failed_at is not None, "a reminder that gave up must say so"
    assert row.done_at is None
    assert "RuntimeError" in row.last_error
    assert kind.asked == services.MAX_ATTEMPTS


# --- EMAIL_TIMEOUT --------------------------------------------------------------------------


def test_email_timeout_is_set_by_default():
    assert isinstance(django_settings.EMAIL_TIMEOUT, int | float)
    assert 0 < django_settings.EMAIL_TIMEOUT <= 60


@pytest.fixture
def hanging_server(settings):
    server = SMTPServer(HangingInbox(hang=30))
    server.start()
    server.point_django_at_it(settings)
    settings.EMAIL_TIMEOUT = 1
    yield server
    server.stop()


def test_a_hanging_mail_server_fails_the_attempt_within_the_timeout(samen, kind, hanging_server):
    plan(samen, kind)

    started = time.monotonic()
    assert services.send_due() == 0
    elapsed = time.monotonic() - started

    assert elapsed < 10, f"the sweep waited {elapsed:.1f}s for a hanging server"
    [row] = notifications()
    assert row.attempts == 1
    assert row.claimed_at is None
    assert row.next_attempt_at is not None
    assert "time" in row.last_error.lower()
    assert deliveries() == []


@pytest.mark.skipif(
    django_settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="two sweeps at once: SQLite's in-memory test database lets only one write at a time",
)
def test_a_claim_is_not_taken_over_while_its_send_may_still_run(
    transactional_db, samen, kind, settings
):
    """Sweep A hangs on the mail server. Sweep B comes at the last moment A's send is still
    allowed to run (its claim renewed before the mail, plus the longest a mail may take):
    B must not take the notification over, so the mail can never go out twice."""
    server = SMTPServer(HangingInbox(hang=4))
    server.start()
    server.point_django_at_it(settings)
    settings.EMAIL_TIMEOUT = 30  # longer than the hang: A's mail goes out, late
    plan(samen, kind, who=("coordinator",))
    started = timezone.now()
    results = []

    def sweep_a():
        try:
            results.append(services.send_due(now=started))
        finally:
            connection.close()

    a = threading.Thread(target=sweep_a)
    a.start()
    try:
        deadline = time.monotonic() + 10
        while not notifications(claimed_at__isnull=False) and time.monotonic() < deadline:
            time.sleep(0.05)
        [claimed] = notifications()
        assert claimed.claim_token is not None
        latest = claimed.claimed_at + services.longest_send() - dt.timedelta(seconds=1)
        assert services.send_due(now=latest) == 0
    finally:
        a.join(timeout=60)
        server.stop()
    assert results == [1]
    assert server.inbox.recipients() == [samen.people["coordinator"].email]


def test_the_claim_timeout_exceeds_the_longest_time_a_send_may_run(settings):
    assert services.longest_send() < services.CLAIM_TIMEOUT
    settings.EMAIL_TIMEOUT = 600
    from notifications.checks import check_email_timeout

    assert [e.id for e in check_email_timeout(None)] == ["notifications.E001"]
    settings.EMAIL_TIMEOUT = None
    assert [e.id for e in check_email_timeout(None)] == ["notifications.E001"]


# --- The final write checks the claim is its own ------------------------------------------


def test_a_sweep_whose_claim_was_taken_over_at_the_same_instant_does_not_finish_it(
    samen, kind, smtp_server
):
    """Time alone does not say whose claim it is: here another sweep took the notification
    over with the very same timestamp (clocks of two machines, or a coarse clock). The first
    sweep's mail went out and is recorded; the notification is left to the other sweep."""
    notification = plan(samen, kind, who=("coordinator",))
    now = timezone.now()
    resolve = kind.recipients

    def recipients(target):
        with scopes_disabled():
            Notification.objects.filter(pk=notification.pk).update(
                claimed_at=now, claim_token="0" * 32
            )
        yield from resolve(target)

    registry.unregister(KIND)
    registry.register(KIND, recipients=recipients, message=kind.message)

    services.send_due(now=now)

    [row] = notifications()
    assert row.done_at is None, "the other sweep's notification was finished by this one"
    assert str(row.claim_token).replace("-", "") == "0" * 32
    assert row.claimed_at == now


# --- Queries per batch ----------------------------------------------------------------------


def _sweep_queries(n, tenant, kind):
    for school in schools(tenant, n):
        plan(tenant, kind, target=school)
    with CaptureQueriesContext(connection) as queries:
        result = services.sweep()
    return result, [q["sql"] for q in queries.captured_queries]


def test_a_batch_takes_the_same_number_of_queries_for_5_reminders_as_for_50(
    samen, kind, smtp_server
):
    few, few_sql = _sweep_queries(5, samen, kind)
    many, many_sql = _sweep_queries(50, samen, kind)

    assert (few.batches, many.batches) == (1, 1)
    assert (few.sent, many.sent) == (10, 100)
    # One INSERT per mail records it the moment the server accepted it (so a worker that dies
    # resends at most that one mail); everything else is the same for 5 and 50 reminders.
    assert len(few_sql) - few.sent == len(many_sql) - many.sent
    assert len(many_sql) - many.sent <= 12
    for sql in many_sql:
        assert "NOT IN" not in sql.upper() and "NOT (" not in sql.upper(), sql
        assert len(re.findall(r"%s|\?", sql)) <= 250 or "IN (" in sql.upper()


# --- 4,800 a day ------------------------------------------------------------------------------


def test_one_sweep_sends_everything_that_is_due(samen, kind, smtp_server):
    for school in schools(samen, 130):
        plan(samen, kind, target=school)

    assert services.send_due() == 260  # 130 notifications to two people each
    assert notifications(done_at__isnull=True) == []
    assert smtp_server.inbox.count() == 260
