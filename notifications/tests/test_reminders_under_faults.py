"""Reminders under faults, with real things: a Celery worker on the test broker (Redis with
REDIS_URL), a real SMTP server (aiosmtpd), beat and a worker in processes of their own, and the
clock passed to the sweep (`now`) instead of mocked. Each test counts the mails the server got.

- exactly once per recipient per reminder with a duplicated (and a redelivered) sweep;
- exactly once with two beats;
- a worker killed (SIGKILL) while the server holds its mail: nothing lost, and at most that one
  mail twice — only when the server had accepted it and the worker died before recording it;
- every reminder delivered after a mail server outage of a day;
- a reminder that exhausted its attempts is on the failed page, and "opnieuw proberen" sends it;
- with the broker down, pages work and nothing is lost; what is due goes out once it is back.
"""

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from kombu.exceptions import OperationalError

from cycle import services as quality
from documents.tests.support import DEAD_BROKER, broker
from notifications import services, tasks
from notifications.models import Notification
from samen.permissions import OutOfReach
from tests import factories as f
from tests.fixtures import actor

from .mail import BlockingInbox, RefusingInbox, SMTPServer, wait_until
from .support import deliveries, notifications, plan

ROOT = Path(__file__).resolve().parents[2]
ON_SQLITE = django_settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
REDIS_URL = os.environ.get("REDIS_URL", "")

needs_redis = pytest.mark.skipif(
    not REDIS_URL,
    reason="beat and a worker in processes of their own need a broker both processes reach "
    "(REDIS_URL); the in-memory transport lives inside this process",
)
needs_postgresql = pytest.mark.skipif(
    ON_SQLITE,
    reason="a worker in another process cannot open SQLite's in-memory test database",
)

pytestmark = pytest.mark.celery


@pytest.fixture
def worker(transactional_db):
    """A real Celery worker in a thread on the test broker. On PostgreSQL it runs two sweeps
    at once (a thread pool of two), so duplicated sweeps really overlap; SQLite's in-memory
    test database takes one writer at a time, so there it runs one after the other."""
    from celery.contrib.testing.worker import start_worker

    from samen.celery import app

    with start_worker(
        app,
        pool="solo" if ON_SQLITE else "threads",
        concurrency=1 if ON_SQLITE else 2,
        perform_ping_check=False,
        loglevel="WARNING",
        shutdown_timeout=30,
    ) as started:
        yield started


def sweep(finished_sweeps, now, *, copies=1):
    """Sends beat's sweep as of `now` (`copies` times at once) and waits until the worker
    finished them all."""
    before = len(finished_sweeps)
    for _ in range(copies):
        tasks.send_due_notifications.delay(now=now.isoformat())
    wait_until(lambda: len(finished_sweeps) >= before + copies, what=f"{copies} sweeps", timeout=60)
    assert [state for state, _ in finished_sweeps[before:]] == ["SUCCESS"] * copies


def many_schools(tenant, n):
    with scopes_disabled():
        return [
            f.SchoolFactory(partnership=tenant.partnership, board=tenant.board) for _ in range(n)
        ]


def each_once(smtp_server, expected):
    mails = smtp_server.inbox.mails()
    assert sorted(mails) == sorted(expected)
    assert set(mails.values()) == {1}, {k: v for k, v in mails.items() if v != 1}


def expected_mails(tenant, schools, who=("coordinator", "schoolopleider")):
    return [
        (tenant.people[key].email, f"Bericht: {school.name}") for school in schools for key in who
    ]


# --- A duplicated and a redelivered sweep ---------------------------------------------------------


def test_a_duplicated_and_a_redelivered_sweep_send_each_reminder_once_per_recipient(
    samen, other, kind, smtp_server, worker, finished_sweeps
):
    schools = many_schools(samen, 130) + many_schools(other, 20)  # two batches and a bit
    for school in schools:
        plan(samen if school.partnership_id == samen.partnership.pk else other, kind, target=school)
    now = timezone.now()

    # Three at once: beat's, a duplicate of it, and the same message delivered again (a
    # redelivery carries the same task id).
    message = tasks.send_due_notifications.apply_async(kwargs={"now": now.isoformat()})
    tasks.send_due_notifications.apply_async(kwargs={"now": now.isoformat()}, task_id=message.id)
    tasks.send_due_notifications.delay(now=now.isoformat())
    wait_until(lambda: len(finished_sweeps) == 3, what="three sweeps", timeout=90)

    assert [state for state, _ in finished_sweeps] == ["SUCCESS"] * 3
    assert sum(sent for _, sent in finished_sweeps) == 300
    expected = expected_mails(samen, schools[:130]) + expected_mails(other, schools[130:])
    each_once(smtp_server, expected)
    assert notifications(done_at__isnull=True) == []
    assert len(deliveries()) == 300
    sweep(finished_sweeps, now)  # and later: nothing left
    assert smtp_server.inbox.count() == 300


# --- Two beats ----------------------------------------------------------------------------------


def start(*args, env=None):
    return subprocess.Popen(  # noqa: S603 (our own module, fixed arguments)
        [sys.executable, "-m", "notifications.tests.processes", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def stop(process, sig=signal.SIGTERM):
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@needs_redis
def test_two_beats_send_each_reminder_once_per_recipient(
    samen, kind, smtp_server, worker, finished_sweeps, tmp_path
):
    """Two beat processes (a second one started by mistake) each send the sweep every second;
    the worker runs every one of them. Every reminder still reaches each person once."""
    from samen.celery import app

    schools = many_schools(samen, 30)
    for school in schools:
        plan(samen, kind, target=school)
    queue = app.conf.task_default_queue
    beats = [start("beat", queue, str(tmp_path / f"beat-{n}")) for n in (1, 2)]
    try:
        wait_until(lambda: len(finished_sweeps) >= 6, what="six sweeps from two beats", timeout=90)
    finally:
        for beat in beats:
            stop(beat)
    wait_until(lambda: not notifications(done_at__isnull=True), what="every reminder sent")

    assert all(state == "SUCCESS" for state, _ in finished_sweeps)
    assert sum(sent for _, sent in finished_sweeps) == 60
    each_once(smtp_server, expected_mails(samen, schools))


# --- A worker killed mid-send -------------------------------------------------------------------


def _database_url():
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


@needs_redis
@needs_postgresql
@pytest.mark.parametrize("accepted", [False, True], ids=["not-accepted", "accepted"])
def test_a_worker_killed_mid_send_loses_nothing_and_resends_at_most_that_one_mail(
    transactional_db, samen, settings, worker, finished_sweeps, tmp_path, accepted
):
    """The worker (a process of its own) sends a batch of six mails; the server holds the third
    without answering, and the worker is killed (SIGKILL): no clean-up, no acknowledgement. The
    held mail was either not delivered, or delivered by a server that queued it before the
    worker could hear the 250 and record it. Another sweep takes the claim over once it
    expired, and sends what is still owed: every mail exactly once — or, when the server had
    delivered the held one, that one mail twice and no other."""
    from samen.celery import app

    server = SMTPServer(BlockingInbox(block_at=3, deliver_held=accepted))
    server.start()
    server.point_django_at_it(settings)
    with samen.scope():
        for n in range(3):
            quality.plan_review_moment(
                partnership=samen.partnership,
                school=samen.school,
                due_on=timezone.localdate() + dt.timedelta(days=7 - n),
                title=f"Evaluatiegesprek {n + 1}",
            )
    queue = app.conf.task_default_queue + "-killed"
    process = start(
        "worker",
        queue,
        env={
            "DATABASE_URL": _database_url(),
            "EMAIL_URL": f"smtp://127.0.0.1:{server.port}",
            "EMAIL_TIMEOUT": "60",
            "SAMEN_VAR_DIR": str(tmp_path),
        },
    )
    now = timezone.now()
    try:
        tasks.send_due_notifications.apply_async(kwargs={"now": now.isoformat()}, queue=queue)
        if not server.inbox.blocked.wait(timeout=90):
            process.kill()
            raise AssertionError(f"the worker never sent: {process.stderr.read().decode()}")
        assert len(deliveries()) == 2, "the two accepted mails are recorded at once"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=20)
    finally:
        stop(process, signal.SIGKILL)
    server.inbox.release()
    assert server.inbox.count() == 2 + accepted
    [claimed] = notifications(claimed_at__isnull=False)[:1]

    # Before the dead worker's claim expires, no sweep touches its notifications.
    sweep(finished_sweeps, now + services.longest_send())
    assert server.inbox.count() == 2 + accepted
    # After, one sweep takes them over and sends what is still owed (a duplicate sweep too).
    sweep(finished_sweeps, claimed.claimed_at + services.CLAIM_TIMEOUT, copies=2)
    server.stop()

    mails = server.inbox.mails()
    assert len(mails) == 6
    assert all(n.done_at for n in notifications(kind=quality.UPCOMING))
    assert len(deliveries()) == 6
    twice = [mail for mail, count in mails.items() if count > 1]
    if accepted:
        assert len(twice) == 1 and mails[twice[0]] == 2
    else:
        assert twice == []


# --- A day-long mail server outage --------------------------------------------------------------


def test_every_reminder_goes_out_after_the_mail_server_was_down_for_a_day(
    samen, kind, smtp_server, settings, worker, finished_sweeps
):
    """The mail server is down from the first sweep for 24 hours; beat keeps sweeping every
    hour. The sweeps fail, back off and stop early; none gives a reminder up. When the server is
    back, every reminder reaches each of its people exactly once."""
    schools = many_schools(samen, 150)
    for school in schools:
        plan(samen, kind, target=school)
    port = smtp_server.port
    smtp_server.stop()  # nothing listens on the port: refused at once, like a server that is down
    start_at = timezone.now()

    for hour in range(25):
        sweep(finished_sweeps, start_at + dt.timedelta(hours=hour))
    assert smtp_server.inbox.count() == 0
    assert deliveries() == []
    tried = notifications(attempts__gt=0)
    assert tried, "the sweeps during the outage tried and backed off"
    assert notifications(failed_at__isnull=False) == []
    assert max(n.attempts for n in tried) < services.MAX_ATTEMPTS

    smtp_server.start()
    assert smtp_server.port == port
    hour = 25
    while notifications(done_at__isnull=True):
        assert hour < 25 + 48, "a reminder was still not sent two days after the outage"
        sweep(finished_sweeps, start_at + dt.timedelta(hours=hour))
        hour += 1

    each_once(smtp_server, expected_mails(samen, schools))
    assert notifications(failed_at__isnull=False) == []


# --- Exhausted attempts, and "opnieuw proberen" ---------------------------------------------------


def test_a_reminder_that_exhausted_its_attempts_is_on_the_failed_page_and_retry_sends_it(
    samen, settings, worker, finished_sweeps, client_for
):
    """The server refuses the schoolopleider's mailbox at every attempt; the coordinator's mail
    goes out the first time. After the last attempt the failed page names the reminder, whom it
    did not reach, the error and the attempts; once the mailbox is fixed, "opnieuw proberen"
    sends it to the schoolopleider only."""
    schoolopleider = samen.people["schoolopleider"].email
    coordinator = samen.people["coordinator"].email
    server = SMTPServer(RefusingInbox(refused={schoolopleider}))
    server.start()
    server.point_django_at_it(settings)
    with samen.scope():
        moment = quality.plan_review_moment(
            partnership=samen.partnership,
            school=samen.school,
            due_on=timezone.localdate() + dt.timedelta(days=7),
            title="Evaluatiegesprek Zonnebloem",
        )
    with scopes_disabled():  # one reminder is the subject here, not the one when overdue
        Notification.objects.filter(review_moment=moment, kind=quality.OVERDUE).delete()
    now = timezone.now()
    for _ in range(services.MAX_ATTEMPTS):
        sweep(finished_sweeps, now)
        now += max(services.BACKOFF) + dt.timedelta(minutes=1)
    sweep(finished_sweeps, now)  # one more: a failed reminder is not tried again
    [row] = notifications(kind=quality.UPCOMING)
    assert row.attempts == services.MAX_ATTEMPTS and row.failed_at is not None
    assert server.inbox.recipients() == [coordinator]

    client = client_for(samen.users["coordinator"])
    page = client.get(reverse("notifications:failed", args=[samen.partnership.slug]))
    html = page.content.decode()
    assert "Herinnering aan een evaluatiemoment" in html
    assert "Evaluatiegesprek Zonnebloem" in html
    assert schoolopleider in html
    assert "550" in html and "Mailbox unavailable" in html
    assert f'<td data-label="Pogingen">{services.MAX_ATTEMPTS}</td>' in html
    retry_url = reverse("notifications:retry", args=[samen.partnership.slug, row.pk])
    assert retry_url in html

    server.inbox.refused.clear()
    assert "Ja, opnieuw proberen" in client.get(retry_url).content.decode()
    assert client.post(retry_url, {"confirm": "1"}).status_code == 302
    sweep(finished_sweeps, now)
    server.stop()

    assert server.inbox.recipients() == sorted([coordinator, schoolopleider])
    [row] = notifications(kind=quality.UPCOMING)
    assert row.done_at is not None and row.failed_at is None
    assert {d.email for d in deliveries(notification=row)} == {coordinator, schoolopleider}
    assert moment.pk == row.object_id


# --- The broker down ----------------------------------------------------------------------------


def test_with_the_broker_down_pages_work_nothing_is_lost_and_what_is_due_goes_out_after(
    transactional_db, samen, kind, smtp_server, client_for, request, finished_sweeps
):
    """Redis is down: the coordinator plans, browses and retries as usual (the pages never
    wait for the broker); beat cannot hand its sweep over, and nothing is lost, because the
    reminders are rows. When the broker is back, beat's next sweep sends them, once."""
    client = client_for(samen.users["coordinator"])
    failed = plan(samen, kind, days_ago=3)
    with scopes_disabled():
        Notification.objects.filter(pk=failed.pk).update(
            attempts=services.MAX_ATTEMPTS, failed_at=timezone.now(), last_error="550"
        )
    slug = samen.partnership.slug
    with broker(DEAD_BROKER):
        with samen.scope():
            moment = quality.plan_review_moment(
                partnership=samen.partnership,
                school=samen.school,
                due_on=timezone.localdate() + dt.timedelta(days=7),
                title="Evaluatiegesprek Zonnebloem",
            )
        for name, args in (
            ("dashboard", [slug]),
            ("cycle:moments", [slug]),
            ("notifications:failed", [slug]),
            ("notifications:deliveries", [slug]),
            ("notifications:preferences", [slug]),
            ("notifications:retry", [slug, failed.pk]),
        ):
            started = time.monotonic()
            assert client.get(reverse(name, args=args)).status_code == 200, name
            assert time.monotonic() - started < 3, f"{name} waited for the broker"
        retried = client.post(
            reverse("notifications:retry", args=[slug, failed.pk]), {"confirm": "1"}
        )
        assert retried.status_code == 302
        # Beat's publish fails within seconds; the sweep it meant to send is simply not run.
        started = time.monotonic()
        with pytest.raises(OperationalError):
            tasks.send_due_notifications.delay()
        assert time.monotonic() - started < 10

    assert smtp_server.inbox.count() == 0
    with scopes_disabled():
        planned = moment.notifications.get(kind=quality.UPCOMING)
    waiting = [n.pk for n in notifications(done_at__isnull=True) if n.kind != quality.OVERDUE]
    assert waiting == sorted([failed.pk, planned.pk])

    request.getfixturevalue("worker")
    sweep(finished_sweeps, timezone.now(), copies=2)

    each_once(
        smtp_server,
        [
            *expected_mails(samen, [samen.school]),
            *[
                (
                    samen.people[key].email,
                    f"Herinnering: {moment.title} uiterlijk op {moment.due_on:%d-%m-%Y}",
                )
                for key in ("coordinator", "schoolopleider")
            ],
        ],
    )
    # Only the moment's reminder for when it is overdue still waits.
    assert [n.kind for n in notifications(done_at__isnull=True)] == [quality.OVERDUE]


def test_retry_is_refused_to_whoever_may_not_see_the_failed_page(samen, kind, smtp_server):
    failed = plan(samen, kind)
    with scopes_disabled():
        Notification.objects.filter(pk=failed.pk).update(failed_at=timezone.now(), attempts=8)
    with samen.scope(), pytest.raises(OutOfReach):
        services.retry(actor(samen, "schoolopleider"), failed)
    assert notifications()[0].failed_at is not None
