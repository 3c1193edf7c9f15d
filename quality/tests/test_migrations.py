"""Quality's data migrations, run on rows shaped as they were before them."""

import datetime as dt

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone


def migrate(targets):
    """Migrates quality to `targets`; returns the models as they are then (the other apps'
    models as they are now: their later migrations stay applied — but for those that depend
    on a later one of quality's, such as pdca's and cycle's first, which go back with it)."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()  # what is applied now
    applied = set(executor.loader.applied_migrations)
    graph = executor.loader.graph
    latest = [
        node
        for node in applied
        if not any(
            child.key in applied and child.key[0] == node[0]
            for child in graph.node_map[node].children
        )
    ]
    return executor.loader.project_state(latest).apps


def migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_migration_fails_extra_pending_renders_before_adding_the_constraint(transactional_db):
    """Rows from before the constraint (a broker outage left several queued) do not stop it."""
    before = [("quality", "0003_reminder_claimed_at")]
    after = [("quality", "0004_one_pending_render_per_dossier")]
    try:
        old = migrate(before)
        partnership = old.get_model("partnerships", "Partnership").objects.create(
            name="Oud", slug="oud", sector="po"
        )
        dossier = old.get_model("quality", "Dossier").objects.create(
            partnership=partnership, title="Oud dossier", schooljaar=2025
        )
        Render = old.get_model("quality", "ReportRender")
        renders = [
            Render.objects.create(partnership=partnership, dossier=dossier, status=status)
            for status in ("queued", "rendering", "ready", "queued")
        ]
        new = migrate(after).get_model("quality", "ReportRender")
        statuses = dict(new.objects.values_list("pk", "status"))
        assert statuses == {
            renders[0].pk: "failed",
            renders[1].pk: "failed",
            renders[2].pk: "ready",
            renders[3].pk: "queued",  # the newest pending one stays
        }
    finally:
        migrate_to_latest()


BEFORE = [("quality", "0004_one_pending_render_per_dossier")]
AFTER = [("quality", "0005_move_reminders_and_renders_to_engines")]


def test_reminders_and_renders_move_into_the_engines_and_back(transactional_db):
    """Renders keep their status, times and file; sent reminders become deliveries of one
    notification per moment and day, which is done only when all of them were sent."""
    try:
        old = migrate(BEFORE)
        partnership = old.get_model("partnerships", "Partnership").objects.create(
            name="Oud", slug="oud", sector="po"
        )
        dossier = old.get_model("quality", "Dossier").objects.create(
            partnership=partnership, title="Oud dossier", schooljaar=2025
        )
        ReportRender = old.get_model("quality", "ReportRender")
        requested = timezone.now() - dt.timedelta(days=3)
        ready = ReportRender.objects.create(
            partnership=partnership,
            dossier=dossier,
            status="ready",
            pdf="reports/2026/kritische-reflectie-1-1.pdf",
            pages=7,
            render_ms=900,
            started_at=requested,
            finished_at=requested + dt.timedelta(seconds=1),
            enqueued_at=requested,
        )
        failed = ReportRender.objects.create(
            partnership=partnership, dossier=dossier, status="failed", error="OSError: vol"
        )
        queued = ReportRender.objects.create(partnership=partnership, dossier=dossier)
        ReportRender.objects.update(requested_at=requested)

        Person = old.get_model("roles", "Person")
        ann, bob, cor = (
            Person.objects.create(
                partnership=partnership, first_name=name, last_name="Oud", email=f"{name}@oud.nl"
            )
            for name in ("Ann", "Bob", "Cor")
        )
        ReviewMoment = old.get_model("quality", "ReviewMoment")
        done_moment, open_moment = (
            ReviewMoment.objects.create(
                partnership=partnership,
                kind="evaluatiegesprek",
                schooljaar=2025,
                title=title,
                due_on=dt.date(2026, 3, 1),
            )
            for title in ("Alles verstuurd", "Half verstuurd")
        )
        Reminder = old.get_model("quality", "Reminder")
        send_on = dt.date(2026, 2, 15)
        sent_at = timezone.now() - dt.timedelta(days=1)
        for moment, person, sent, attempts, error in (
            (done_moment, ann, sent_at, 0, ""),
            (done_moment, bob, sent_at + dt.timedelta(minutes=1), 1, ""),
            (open_moment, ann, sent_at, 0, ""),
            (open_moment, cor, None, 2, "SMTPConnectError: down"),
        ):
            Reminder.objects.create(
                partnership=partnership,
                moment=moment,
                recipient=person,
                send_on=send_on,
                sent_at=sent,
                attempts=attempts,
                last_error=error,
            )

        new = migrate(AFTER)
        assert new.get_model("quality", "ReportRender").objects.count() == 0  # moved, not copied
        assert new.get_model("quality", "Reminder").objects.count() == 0
        Render = new.get_model("documents", "Render")
        moved = {r.status: r for r in Render.objects.all()}
        assert Render.objects.count() == len(moved) == 3
        made = moved["ready"]
        assert made.pdf.name == "reports/2026/kritische-reflectie-1-1.pdf"
        assert (made.kind, made.content_type.app_label, made.content_type.model) == (
            "kritische_reflectie",
            "quality",
            "dossier",
        )
        assert (made.object_id, made.partnership_id) == (dossier.pk, partnership.pk)
        assert (made.status, made.pages, made.render_ms) == ("ready", 7, 900)
        assert (made.requested_at, made.enqueued_at, made.finished_at) == (
            requested,
            ready.enqueued_at,
            ready.finished_at,
        )
        assert moved["failed"].error == "OSError: vol"
        assert moved["queued"].enqueued_at is None
        assert all(r.requested_at == requested for r in moved.values())

        Notification = new.get_model("notifications", "Notification")
        done = Notification.objects.get(object_id=done_moment.pk)
        pending = Notification.objects.get(object_id=open_moment.pk)
        assert Notification.objects.count() == 2
        for row in (done, pending):
            assert (row.kind, row.content_type.model, row.send_on) == (
                "reviewmoment.upcoming",
                "reviewmoment",
                send_on,
            )
            assert row.partnership_id == partnership.pk
            assert row.claimed_at is None
        assert done.done_at == sent_at + dt.timedelta(minutes=1)
        assert (done.attempts, done.last_error) == (0, "")
        assert pending.done_at is None
        assert (pending.attempts, pending.last_error) == (2, "SMTPConnectError: down")
        Delivery = new.get_model("notifications", "Delivery")
        assert sorted(
            Delivery.objects.values_list("notification_id", "person_id", "name", "email")
        ) == sorted(
            [
                (done.pk, ann.pk, "Ann Oud", "Ann@oud.nl"),
                (done.pk, bob.pk, "Bob Oud", "Bob@oud.nl"),
                (pending.pk, ann.pk, "Ann Oud", "Ann@oud.nl"),
            ]
        )
        assert Delivery.objects.get(notification=done, person_id=ann.pk).sent_at == sent_at

        back = migrate(BEFORE)
        ReportRender = back.get_model("quality", "ReportRender")
        assert sorted(ReportRender.objects.values_list("status", "pdf", "error")) == sorted(
            [
                ("ready", "reports/2026/kritische-reflectie-1-1.pdf", ""),
                ("failed", "", "OSError: vol"),
                ("queued", "", ""),
            ]
        )
        assert back.get_model("documents", "Render").objects.count() == 0
        Reminder = back.get_model("quality", "Reminder")
        assert sorted(Reminder.objects.values_list("moment_id", "recipient_id", "send_on")) == (
            sorted(
                [
                    (done_moment.pk, ann.pk, send_on),
                    (done_moment.pk, bob.pk, send_on),
                    (open_moment.pk, ann.pk, send_on),
                ]
            )
        )
        assert all(r.sent_at for r in Reminder.objects.all())
        assert back.get_model("notifications", "Notification").objects.count() == 0
        assert failed.pk and queued.pk
    finally:
        migrate_to_latest()
