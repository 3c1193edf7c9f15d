"""The notification engine: planned once, recipients resolved when sending, each mail sent once.

The kind here is the test's own (registered in the `kind` fixture): the engine must work for
any app's kind. The review moments' reminder (who, what it says) is tested in cycle/tests.
"""

import datetime as dt
import threading
import uuid

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from notifications import registry, sending, services, tasks
from notifications.models import Delivery, Notification
from tests import factories as f

from .mail import free_port, wait_until
from .support import KIND, deliveries, emails, notifications, plan

# --- Planning ---------------------------------------------------------------------------


def test_a_notification_is_planned_once_per_kind_target_and_day(samen, other, kind):
    first = plan(samen, kind)
    again = plan(samen, kind)
    next_day = plan(samen, kind, days_ago=-1)

    assert again.pk == first.pk
    assert next_day.pk != first.pk
    assert first.partnership_id == samen.partnership.pk
    assert first.target == samen.school
    assert (first.done_at, first.claimed_at, first.attempts, first.last_error) == (
        None,
        None,
        0,
        "",
    )
    assert kind.asked == 0, "recipients are resolved when sending, not when planning"
    assert notifications(partnership=other.partnership) == []
    with samen.scope(), pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            partnership=samen.partnership, kind=KIND, target=samen.school, send_on=first.send_on
        )


def test_only_registered_kinds_are_planned(samen):
    with samen.scope(), pytest.raises(registry.UnknownKind):
        services.schedule("test.unknown", samen.school, timezone.localdate())


def test_a_notification_about_another_partnerships_row_is_refused(samen, other, kind):
    with scopes_disabled(), pytest.raises(ValidationError):
        Notification.objects.create(
            partnership=samen.partnership,
            kind=KIND,
            target=other.school,
            send_on=timezone.localdate(),
        )


def test_a_kind_is_registered_once():
    registry.register(KIND, recipients=list, message=str)
    try:
        with pytest.raises(ImproperlyConfigured):
            registry.register(KIND, recipients=list, message=str)
    finally:
        registry.unregister(KIND)


# --- Sending ----------------------------------------------------------------------------


@pytest.mark.celery
def test_worker_sends_each_mail_once_even_when_the_sweep_runs_twice(
    samen, other, kind, smtp_server, celery_worker, finished_sweeps
):
    notification = plan(samen, kind)

    tasks.send_due_notifications.delay()
    tasks.send_due_notifications.delay()

    wait_until(lambda: notifications(done_at__isnull=False), what="the notification to be done")
    wait_until(lambda: len(finished_sweeps) == 2, what="both sweeps to finish")
    assert [state for state, _ in finished_sweeps] == ["SUCCESS", "SUCCESS"]
    assert sum(retval for _, retval in finished_sweeps) == 2

    assert smtp_server.inbox.recipients() == emails(samen, "coordinator", "schoolopleider")
    other_emails = {p.email for p in other.people.values()}
    for received in smtp_server.inbox.received:
        assert not set(received.rcpt_tos) & other_emails
        assert received.subject == "Bericht: School Zonnebloem"
        assert django_settings.SAMEN_BASE_URL + "/bericht/" in received.body
    [done] = notifications()
    assert done.pk == notification.pk
    assert (done.attempts, done.last_error, done.claimed_at) == (0, "", None)
    sent = deliveries(notification=done)
    assert sorted(d.email for d in sent) == emails(samen, "coordinator", "schoolopleider")
    assert {d.person_id for d in sent} == {
        samen.people["coordinator"].pk,
        samen.people["schoolopleider"].pk,
    }
    assert {d.name for d in sent} == {
        str(samen.people["coordinator"]),
        str(samen.people["schoolopleider"]),
    }
    assert all(d.partnership_id == samen.partnership.pk and d.sent_at for d in sent)

    # A third sweep later finds nothing left to do.
    assert services.send_due() == 0
    assert len(smtp_server.inbox.received) == 2


ON_SQLITE = django_settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")


@pytest.mark.skipif(
    ON_SQLITE,
    reason=(
        "SQLite's in-memory test database serialises writers: a second concurrent sweep fails "
        "with 'database table is locked' instead of waiting. Runs on PostgreSQL "
        "(DATABASE_URL, as in CI); the SQLite set-up runs a single worker with concurrency 1."
    ),
)
def test_two_concurrent_sweeps_send_each_mail_once(
    transactional_db, samen, other, kind, smtp_server
):
    with scopes_disabled():
        targets = [
            (tenant, f.SchoolFactory(partnership=tenant.partnership, board=tenant.board))
            for tenant in (samen, samen, samen, samen, other, other)
        ]
    for tenant, school in targets:
        plan(tenant, kind, target=school)
    expected = sorted(
        (tenant.people[key].email, f"Bericht: {school.name}")
        for tenant, school in targets
        for key in ("coordinator", "schoolopleider")
    )
    assert len(expected) == 12  # 2 people per notification
    start = threading.Barrier(2)
    results, errors = [], []

    def sweep():
        try:
            start.wait(timeout=10)
            results.append(services.send_due())
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    assert len(results) == 2
    assert sum(results) == 12
    assert all(n.done_at for n in notifications())
    assert len(deliveries()) == 12
    assert smtp_server.inbox.recipients() == sorted(email for email, _ in expected)
    received = sorted((msg.rcpt_tos[0], msg.subject) for msg in smtp_server.inbox.received)
    assert received == expected


def test_a_notification_not_yet_due_is_not_sent(samen, kind, smtp_server):
    notification = plan(samen, kind, days_ago=-16)

    assert services.send_due() == 0

    assert smtp_server.inbox.received == []
    assert kind.asked == 0
    [row] = notifications()
    assert row.done_at is None and row.attempts == 0
    # On its day it goes out.
    assert services.send_due(today=notification.send_on) == 2
    assert len(smtp_server.inbox.received) == 2


def test_smtp_down_records_the_attempt_and_the_next_sweep_sends_once(
    samen, kind, smtp_server, settings
):
    plan(samen, kind)
    smtp_server.stop()
    settings.EMAIL_PORT = free_port()  # nothing listens here

    assert services.send_due() == 0

    [row] = notifications()
    assert row.done_at is None
    assert row.claimed_at is None, "a failed sweep releases its claim"
    assert row.attempts == 1
    assert row.last_error
    assert deliveries() == []
    assert smtp_server.inbox.received == []

    assert row.next_attempt_at is not None  # the next sweep waits for it
    assert services.send_due(now=row.next_attempt_at - dt.timedelta(seconds=1)) == 0

    smtp_server.start()
    settings.EMAIL_PORT = smtp_server.port

    assert services.send_due(now=row.next_attempt_at) == 2
    assert services.send_due(now=row.next_attempt_at) == 0
    [row] = notifications()
    assert row.done_at is not None
    assert row.attempts == 1
    assert len(deliveries()) == 2
    assert smtp_server.inbox.recipients() == emails(samen, "coordinator", "schoolopleider")


def test_a_failure_for_one_recipient_holds_up_neither_the_others_nor_the_retry(
    samen, kind, smtp_server
):
    plan(samen, kind)
    kind.broken = {samen.people["coordinator"].pk}

    assert services.send_due() == 1

    [row] = notifications()
    assert (row.done_at, row.attempts) == (None, 1)
    assert "RuntimeError" in row.last_error
    coordinator = samen.people["coordinator"]
    assert row.failed_recipients == [f"{coordinator} <{coordinator.email}>"]
    assert smtp_server.inbox.recipients() == emails(samen, "schoolopleider")

    kind.broken = set()
    assert services.send_due(now=row.next_attempt_at) == 1  # only the one still owed
    [row] = notifications()
    assert row.done_at is not None
    assert smtp_server.inbox.recipients() == emails(samen, "coordinator", "schoolopleider")


def test_a_notification_that_keeps_failing_waits_longer_after_each_attempt(
    samen, kind, smtp_server
):
    plan(samen, kind)
    kind.broken = {samen.people["coordinator"].pk, samen.people["schoolopleider"].pk}
    now = timezone.now()
    waits = []
    for _ in range(services.MAX_ATTEMPTS - 1):
        services.send_due(now=now)
        [row] = notifications()
        waits.append(row.next_attempt_at - now)
        assert services.send_due(now=row.next_attempt_at - dt.timedelta(seconds=1)) == 0
        now = row.next_attempt_at
    assert [round(w.total_seconds()) for w in waits] == [
        round(w.total_seconds()) for w in services.BACKOFF
    ]
    assert waits == sorted(waits)
    assert kind.asked == services.MAX_ATTEMPTS - 1
    [row] = notifications()
    assert (row.attempts, row.failed_at, row.done_at) == (services.MAX_ATTEMPTS - 1, None, None)
    assert smtp_server.inbox.received == []


def test_the_attempts_span_a_mail_server_outage_of_more_than_a_day():
    """The last attempt comes every back-off after the first: more than a day and a half, so
    a server down for 24 hours from the first attempt on is still tried after it is back."""
    assert sum(services.BACKOFF, dt.timedelta()) > dt.timedelta(hours=36)


def test_recipients_are_resolved_when_sending(samen, kind, smtp_server):
    plan(samen, kind, who=("coordinator",))
    # Between planning and sending, someone takes up a role: they are reminded too.
    kind.people[samen.school.pk].append(samen.people["schoolopleider"])

    assert services.send_due() == 2
    assert smtp_server.inbox.recipients() == emails(samen, "coordinator", "schoolopleider")


def test_recipients_without_an_address_are_left_out_and_each_gets_one_mail(
    samen, kind, smtp_server
):
    plan(samen, kind, who=("coordinator", "coordinator", "mentor"))
    with scopes_disabled():
        samen.people["mentor"].email = ""

    assert services.send_due() == 1
    assert smtp_server.inbox.recipients() == emails(samen, "coordinator")
    assert notifications()[0].done_at is not None


def test_a_notification_for_nobody_is_done_without_a_mail(samen, kind, smtp_server):
    plan(samen, kind, who=())
    assert services.send_due() == 0
    [row] = notifications()
    assert row.done_at is not None and row.attempts == 0
    assert smtp_server.inbox.received == []


def test_a_notification_whose_target_is_gone_is_done_without_a_mail(samen, kind, smtp_server):
    with scopes_disabled():
        school = f.SchoolFactory(partnership=samen.partnership, board=samen.board)
    plan(samen, kind, target=school)
    with scopes_disabled():
        school.delete()

    assert services.send_due() == 0
    [row] = notifications()
    assert row.done_at is not None
    assert row.last_error
    assert smtp_server.inbox.received == []


def test_a_claim_left_by_a_dead_worker_is_taken_over_but_a_fresh_one_is_not(
    samen, kind, smtp_server
):
    with scopes_disabled():
        school = f.SchoolFactory(partnership=samen.partnership, board=samen.board)
    fresh, stale = plan(samen, kind), plan(samen, kind, target=school)
    with scopes_disabled():
        Notification.objects.filter(pk=fresh.pk).update(claimed_at=timezone.now())
        Notification.objects.filter(pk=stale.pk).update(
            claimed_at=timezone.now() - services.CLAIM_TIMEOUT - dt.timedelta(minutes=1)
        )

    sent = services.send_due()

    assert sent == 2
    assert [n.pk for n in notifications(done_at__isnull=False)] == [stale.pk]
    assert {d.notification_id for d in deliveries()} == {stale.pk}
    assert len(smtp_server.inbox.received) == 2


def test_a_sweep_that_died_mid_send_is_finished_without_resending_what_went_out(
    samen, kind, smtp_server
):
    """The dead sweep had mailed the coordinator (a Delivery says so): only the schoolopleider
    is still owed, and only they get a mail from the sweep that takes over."""
    notification = plan(samen, kind)
    with scopes_disabled():
        Notification.objects.filter(pk=notification.pk).update(
            claimed_at=timezone.now() - services.CLAIM_TIMEOUT - dt.timedelta(minutes=1)
        )
        coordinator = samen.people["coordinator"]
        Delivery.objects.create(
            partnership=samen.partnership,
            notification=notification,
            person_id=coordinator.pk,
            name=str(coordinator),
            email=coordinator.email,
            sent_at=timezone.now(),
        )

    assert services.send_due() == 1

    assert smtp_server.inbox.recipients() == emails(samen, "schoolopleider")
    assert notifications()[0].done_at is not None
    assert len(deliveries()) == 2


def test_a_sweep_that_lost_its_claim_stops_sending(samen, kind, smtp_server, monkeypatch):
    """Should a sweep outlive its claim (another sweep took it over), it notices when it next
    renews its claim, sends no further mail and leaves the notification to the other sweep."""
    monkeypatch.setattr(sending, "RENEW_EVERY", dt.timedelta(0))  # renew before every mail
    notification = plan(samen, kind)
    taken_over = timezone.now() + dt.timedelta(hours=1)
    message = kind.message

    def message_then_lose_the_claim(target, recipient):
        # The first mail is being written when another sweep takes the notification over.
        if not deliveries():
            Notification.objects.filter(pk=notification.pk).update(
                claimed_at=taken_over, claim_token=uuid.uuid4()
            )
        return message(target, recipient)

    registry.unregister(KIND)
    registry.register(KIND, recipients=kind.recipients, message=message_then_lose_the_claim)

    assert services.send_due() == 1

    [row] = notifications()
    assert row.claimed_at == taken_over, "the other sweep's claim is left alone"
    assert (row.done_at, row.attempts) == (None, 0)
    assert len(smtp_server.inbox.received) == 1
    assert len(deliveries()) == 1, "the mail that went out is recorded all the same"


# --- Beat ---------------------------------------------------------------------------------


def test_beat_schedules_the_registered_sweep_task():
    from samen.celery import app

    names = [entry["task"] for entry in django_settings.CELERY_BEAT_SCHEDULE.values()]
    assert "notifications.tasks.send_due_notifications" in names
    app.loader.import_default_modules()
    assert "notifications.tasks.send_due_notifications" in app.tasks
    assert (
        app.tasks["notifications.tasks.send_due_notifications"].name
        == tasks.send_due_notifications.name
    )
