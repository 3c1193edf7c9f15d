"""Reminder e-mails for review moments: planned per person, sent once, over real SMTP."""

import datetime as dt
import email
import email.policy
import socket
import threading
import time
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from celery import signals
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from quality import services, tasks
from quality.models import Reminder

TITLE = "Evaluatiegesprek Zonnebloem"


# --- A real SMTP server ------------------------------------------------------------------


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list
    message: email.message.EmailMessage

    @property
    def subject(self):
        return str(self.message["Subject"])

    @property
    def body(self):
        return self.message.get_body(preferencelist=("plain",)).get_content()


@dataclass
class Inbox:
    """aiosmtpd handler: keeps every message the server accepted."""

    received: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def recipients(self):
        with self.lock:
            return sorted(rcpt for msg in self.received for rcpt in msg.rcpt_tos)


class SMTPServer:
    def __init__(self):
        self.inbox = Inbox()
        self.port = free_port()
        self.controller = None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server(settings):
    server = SMTPServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    yield server
    server.stop()


# --- Helpers ----------------------------------------------------------------------------


def plan(tenant, *, days_ahead=10, title=TITLE):
    with tenant.scope():
        return services.plan_review_moment(
            partnership=tenant.partnership,
            school=tenant.school,
            due_on=timezone.localdate() + dt.timedelta(days=days_ahead),
            title=title,
        )


def reminders(**filters):
    with scopes_disabled():
        return list(Reminder.objects.filter(**filters).select_related("recipient"))


def wait_until(condition, timeout=30, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@pytest.fixture
def finished_sweeps():
    """Return values of every send_due_reminders task the worker finished during the test."""
    results = []

    def on_postrun(sender=None, task=None, retval=None, state=None, **kwargs):
        if task is not None and task.name == "quality.tasks.send_due_reminders":
            results.append((state, retval))

    signals.task_postrun.connect(on_postrun, weak=False)
    yield results
    signals.task_postrun.disconnect(on_postrun)


# --- Planning ---------------------------------------------------------------------------


def test_planning_creates_reminders_for_coordinator_and_schoolopleider_only(samen, other):
    moment = plan(samen)

    rows = reminders(moment=moment)
    recipients = {r.recipient_id for r in rows}
    assert recipients == {samen.people["coordinator"].pk, samen.people["schoolopleider"].pk}
    assert samen.people["mentor"].pk not in recipients
    assert not recipients & {p.pk for p in other.people.values()}
    for row in rows:
        assert row.partnership_id == samen.partnership.pk
        assert row.send_on == moment.due_on - dt.timedelta(days=services.REMIND_DAYS_BEFORE)
        assert row.sent_at is None
        assert row.attempts == 0
    assert reminders(partnership=other.partnership) == []


# --- Sending ----------------------------------------------------------------------------


@pytest.mark.celery
def test_worker_sends_each_reminder_once_even_when_the_sweep_runs_twice(
    samen, other, smtp_server, celery_worker, finished_sweeps
):
    moment = plan(samen)
    expected = sorted([samen.people["coordinator"].email, samen.people["schoolopleider"].email])

    tasks.send_due_reminders.delay()
    tasks.send_due_reminders.delay()

    wait_until(lambda: all(r.sent_at for r in reminders(moment=moment)), what="all reminders sent")
    wait_until(lambda: len(finished_sweeps) == 2, what="both sweeps to finish")
    assert [state for state, _ in finished_sweeps] == ["SUCCESS", "SUCCESS"]
    assert sum(retval for _, retval in finished_sweeps) == 2

    assert smtp_server.inbox.recipients() == expected
    other_emails = {p.email for p in other.people.values()}
    url = django_settings.SAMEN_BASE_URL + reverse(
        "quality:moments", kwargs={"partnership_slug": samen.partnership.slug}
    )
    assert url.endswith(f"/{samen.partnership.slug}/kwaliteit/momenten/")
    for received in smtp_server.inbox.received:
        assert not set(received.rcpt_tos) & other_emails
        assert received.subject.startswith("Herinnering: ")
        assert TITLE in received.subject
        assert moment.due_on.strftime("%d-%m-%Y") in received.subject
        assert url in received.body
        assert "Beste " in received.body
        assert "Met vriendelijke groet" in received.body
        assert "Partnerschap Samen Test" in received.body
    rows = reminders(moment=moment)
    assert all(r.attempts == 0 and r.last_error == "" for r in rows)

    # A third sweep later finds nothing left to do.
    assert services.send_due_reminders() == 0
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
def test_two_concurrent_sweeps_send_each_reminder_once(transactional_db, samen, other, smtp_server):
    moments = [plan(samen, title=f"Moment {i}") for i in range(4)]
    moments += [plan(other, title=f"Ander moment {i}") for i in range(2)]
    rows = reminders()
    assert len(rows) == 12  # 2 people per moment
    start = threading.Barrier(2)
    results, errors = [], []

    def sweep():
        try:
            start.wait(timeout=10)
            results.append(services.send_due_reminders())
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
    assert all(r.sent_at for r in reminders())
    assert smtp_server.inbox.recipients() == sorted(r.recipient.email for r in rows)
    by_recipient_and_title = sorted(
        (msg.rcpt_tos[0], msg.subject.split(":", 1)[1].rsplit(" op ", 1)[0].strip())
        for msg in smtp_server.inbox.received
    )
    assert by_recipient_and_title == sorted((r.recipient.email, r.moment.title) for r in rows)
    assert len(moments) == 6


def test_reminder_not_yet_due_is_not_sent(samen, smtp_server):
    moment = plan(samen, days_ahead=30)  # send_on is 16 days from now

    assert services.send_due_reminders() == 0

    assert smtp_server.inbox.received == []
    rows = reminders(moment=moment)
    assert len(rows) == 2
    assert all(r.sent_at is None and r.attempts == 0 for r in rows)
    # On its day it goes out.
    send_on = rows[0].send_on
    assert services.send_due_reminders(today=send_on) == 2
    assert len(smtp_server.inbox.received) == 2


def test_smtp_down_records_the_attempt_and_the_next_sweep_sends_once(samen, smtp_server, settings):
    moment = plan(samen)
    smtp_server.stop()
    closed_port = free_port()  # nothing listens here
    settings.EMAIL_PORT = closed_port

    assert services.send_due_reminders() == 0

    rows = reminders(moment=moment)
    assert len(rows) == 2
    for row in rows:
        assert row.sent_at is None
        assert row.attempts == 1
        assert row.last_error
    assert smtp_server.inbox.received == []

    smtp_server.start()
    settings.EMAIL_PORT = smtp_server.port

    assert services.send_due_reminders() == 2
    assert services.send_due_reminders() == 0
    rows = reminders(moment=moment)
    assert all(r.sent_at for r in rows)
    assert all(r.attempts == 1 for r in rows)
    assert smtp_server.inbox.recipients() == sorted(r.recipient.email for r in rows)


# --- Beat ---------------------------------------------------------------------------------


def test_beat_schedules_the_registered_sweep_task():
    from samen.celery import app

    names = [entry["task"] for entry in django_settings.CELERY_BEAT_SCHEDULE.values()]
    assert "quality.tasks.send_due_reminders" in names
    app.loader.import_default_modules()
    assert "quality.tasks.send_due_reminders" in app.tasks
    assert app.tasks["quality.tasks.send_due_reminders"].name == tasks.send_due_reminders.name


def test_a_claim_left_by_a_dead_worker_is_taken_over_but_a_fresh_one_is_not(samen, smtp_server):
    plan(samen)
    rows = reminders()
    fresh, stale = rows[0], rows[1]
    with scopes_disabled():
        Reminder.objects.filter(pk=fresh.pk).update(claimed_at=timezone.now())
        Reminder.objects.filter(pk=stale.pk).update(
            claimed_at=timezone.now() - services.CLAIM_TIMEOUT - dt.timedelta(minutes=1)
        )

    sent = services.send_due_reminders()

    assert sent == len(rows) - 1
    assert {r.pk for r in reminders(sent_at__isnull=False)} == {r.pk for r in rows} - {fresh.pk}
    assert len(smtp_server.inbox.received) == len(rows) - 1
