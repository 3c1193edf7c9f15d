"""One daily reminder sweep for 5,000 schools: about 40,000 due reminders.

Builds 20 partnerships of 250 schools (5,000), each school with a schoolopleider and a
schoolleider; then, for 500, 5,000 and 40,000 reminders, plans review moments due today (two
people each: 5,000 schools × 4 moments × 2 at the last size) and runs the sweep once, as beat
would, sending over SMTP to a local aiosmtpd (in a process of its own) that accepts everything.
It counts every query the sweep makes and the mails the server received.

The statistics of the freshly imported tables are left as they are (no ANALYZE): resolving
recipients must not depend on the planner knowing the new rows.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<scratch db> python bench/sweep.py

Last line: reminders per second at 40,000, and whether the queries per batch stay flat.
"""

import signal
import socket
import subprocess
import sys
import time

from _setup import setup_django

setup_django()

import datetime as dt  # noqa: E402

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from cycle.models import ReviewMoment  # noqa: E402
from cycle.services import UPCOMING  # noqa: E402
from notifications import services  # noqa: E402
from notifications.models import Delivery, Notification  # noqa: E402
from partnerships.models import Organisation, Partner, Partnership, School  # noqa: E402
from roles.models import Person, Role, RoleAssignment  # noqa: E402
from samen.schooljaar import Schooljaar  # noqa: E402

PARTNERSHIPS = 20
SCHOOLS = 250  # per partnership
SIZES = (500, 5_000, 40_000)  # reminders (mails) per sweep
LIMIT = dt.timedelta(minutes=10)
KINDS = ("Evaluatiegesprek", "Schoolscan", "Panelgesprek", "Interne peer review")

SINK = """
import asyncio, signal, sys
from aiosmtpd.controller import Controller

class Sink:
    count = 0
    async def handle_DATA(self, server, session, envelope):
        Sink.count += len(envelope.rcpt_tos)
        return "250 OK"

signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
controller = Controller(Sink(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
signal.sigwait({signal.SIGTERM})
controller.stop()
print(Sink.count, flush=True)
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build():
    """20 partnerships × 250 schools; a schoolopleider and a schoolleider per school."""
    year = Schooljaar.current().start_year
    schools = []
    with scopes_disabled():
        for p in range(PARTNERSHIPS):
            partnership = Partnership.objects.create(
                name=f"Partnerschap {p}", slug=f"p{p}", sector="po"
            )
            board = Partner.objects.create(
                partnership=partnership,
                organisation=Organisation.objects.create(name=f"Bestuur {p}", kind="board"),
                joined_on=dt.date(2020, 1, 1),
            )
            created = School.objects.bulk_create(
                School(
                    partnership=partnership,
                    board=board,
                    name=f"School {p}-{s}",
                    place="Ede",
                    sector="po",
                )
                for s in range(SCHOOLS)
            )
            people = Person.objects.bulk_create(
                Person(
                    partnership=partnership,
                    first_name=role.label.split()[0],
                    last_name=f"{school.name}",
                    email=f"{role.value}.{school.pk}@bench.test",
                )
                for school in created
                for role in (Role.SCHOOLOPLEIDER, Role.SCHOOLLEIDER)
            )
            RoleAssignment.objects.bulk_create(
                RoleAssignment(
                    partnership=partnership,
                    person=person,
                    role=role,
                    school=school,
                    schooljaar_from=year,
                )
                for i, school in enumerate(created)
                for person, role in zip(
                    people[2 * i : 2 * i + 2], (Role.SCHOOLOPLEIDER, Role.SCHOOLLEIDER), strict=True
                )
            )
            schools += created
    return schools


def plan(schools, reminders, round_no):
    """reminders / 2 review moments due today (two people each), spread over the schools, and
    their notifications, as cycle.services.plan_review_moment plans them."""
    today = timezone.localdate()
    moments = reminders // 2
    content_type = ContentType.objects.get_for_model(ReviewMoment)
    with scopes_disabled():
        rows = ReviewMoment.objects.bulk_create(
            ReviewMoment(
                partnership_id=schools[i % len(schools)].partnership_id,
                school=schools[i % len(schools)],
                kind="evaluatiegesprek",
                schooljaar=Schooljaar.of(today).start_year,
                title=f"{KINDS[i // len(schools) % len(KINDS)]} (ronde {round_no})",
                due_on=today + dt.timedelta(days=7),
            )
            for i in range(moments)
        )
        Notification.objects.bulk_create(
            Notification(
                partnership_id=m.partnership_id,
                kind=UPCOMING,
                content_type=content_type,
                object_id=m.pk,
                send_on=today,
            )
            for m in rows
        )


class QueryCounter:
    """Counts every statement the sweep sends (Django's query log keeps only the last 9,000)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def run(reminders):
    counter = QueryCounter()
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        result = services.sweep()
    elapsed = time.perf_counter() - started
    # One INSERT per mail; the last claim, which finds nothing, ends the sweep.
    fixed = (counter.count - result.sent - 1) / result.batches
    return result, counter.count, fixed, elapsed


def main():
    port = free_port()
    sink = subprocess.Popen(  # noqa: S603 (our own script)
        [sys.executable, "-c", SINK, str(port)], stdout=subprocess.PIPE, text=True
    )
    assert sink.stdout.readline().strip() == "ready"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""

    started = time.perf_counter()
    schools = build()
    print(f"built {len(schools)} schools in {time.perf_counter() - started:.1f} s", flush=True)
    figures = {}
    for round_no, reminders in enumerate(SIZES, start=1):
        plan(schools, reminders, round_no)
        result, queries, fixed, elapsed = run(reminders)
        per_batch = queries / result.batches
        figures[reminders] = (result, fixed, elapsed)
        print(
            f"{reminders:>6} reminders: {result.sent} mails in {elapsed:6.1f} s "
            f"({result.sent / elapsed:5.0f}/s), {result.batches} batches, {queries} queries = "
            f"{per_batch:.1f} per batch: {fixed:.1f} + 1 per mail (+1 to end the sweep)",
            flush=True,
        )
        assert result.sent == reminders, result
        assert not result.stopped, result.stopped

    sink.send_signal(signal.SIGTERM)
    received = int(sink.communicate(timeout=30)[0].strip())
    with scopes_disabled():
        recorded = Delivery.objects.count()
        left = Notification.objects.filter(done_at__isnull=True).count()
    total = sum(SIZES)
    assert received == recorded == total, (received, recorded, total)
    assert left == 0
    result, fixed, elapsed = figures[SIZES[-1]]
    fixed_per_size = [round(figures[n][1], 1) for n in SIZES]
    flat = max(fixed_per_size) == min(fixed_per_size)
    within = dt.timedelta(seconds=elapsed) < LIMIT
    print(
        f"server received {received} mails, {recorded} deliveries recorded, none left; "
        f"fixed queries per batch at {', '.join(map(str, SIZES))}: {fixed_per_size}; "
        f"40,000 within 10 minutes: {within} ({elapsed / 60:.1f} min)"
    )
    print(
        f"sweep @{SIZES[-1]}: {result.sent / elapsed:.0f} reminders/s, "
        f"{fixed:.0f} queries per batch + 1 per mail ({'flat' if flat else 'NOT flat'})"
    )


if __name__ == "__main__":
    main()
