"""Celery processes of their own for the reminder tests: a beat, and a worker to kill.

    python -m notifications.tests.processes beat <queue> <schedule file>
    python -m notifications.tests.processes worker <queue>

Both talk to REDIS_URL (the tests' Redis database) on the test run's own queue and under its key
prefix (SAMEN_TEST_BROKER_PREFIX, tests/fixtures.py), so nothing of another run reaches them;
the worker uses DATABASE_URL (the test database) and EMAIL_URL (the test's SMTP server) from its
environment, as a production worker does.
"""

import os
import sys


def main(role, queue, *rest):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samen.settings")
    from samen.celery import app

    app.conf.broker_url = os.environ["REDIS_URL"]
    app.conf.task_default_queue = queue
    app.conf.broker_transport_options = {
        **(app.conf.broker_transport_options or {}),
        "global_keyprefix": os.environ.get("SAMEN_TEST_BROKER_PREFIX", ""),
    }
    if role == "beat":
        # One entry only: beat's reminder sweep, every second, as two beats would send it.
        app.conf.beat_schedule = {
            "send-due-notifications": {
                "task": "notifications.tasks.send_due_notifications",
                "schedule": 1.0,
            }
        }
        app.Beat(loglevel="WARNING", schedule=rest[0], max_interval=1).run()
    elif role == "worker":
        app.worker_main(
            [
                "worker",
                "--pool=solo",
                f"--queues={queue}",
                "--without-heartbeat",
                "--without-mingle",
                "--without-gossip",
                "--loglevel=WARNING",
            ]
        )
    else:
        raise SystemExit(f"unknown role {role!r}")


if __name__ == "__main__":
    main(*sys.argv[1:])
