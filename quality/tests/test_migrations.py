"""Quality's data migrations, run on rows shaped as they were before them."""

import datetime as dt

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_scopes import scopes_disabled

from cycle.models import CalendarToken, CycleActivity, ReviewMoment
from notifications.models import Delivery, Notification
from pdca.models import (
    DialogueSession,
    Finding,
    FollowUpAction,
    Gesprekskader,
    GesprekskaderItem,
    Jaarplan,
    JaarplanActivity,
    JaarplanGoal,
    JaarplanVersion,
    NextStep,
)
from quality.models import Dossier


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


def test_migration_fails_extra_pending_renders_before_adding_the_constraint(scratch_db):
    """Rows from before the constraint (a broker outage left several queued) do not stop it."""
    before = [("quality", "0003_reminder_claimed_at")]
    after = [("quality", "0004_one_pending_render_per_dossier")]
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


BEFORE = [("quality", "0004_one_pending_render_per_dossier")]
AFTER = [("quality", "0005_move_reminders_and_renders_to_engines")]


def test_reminders_and_renders_move_into_the_engines_and_back(scratch_db):
    """Renders keep their status, times and file; sent reminders become deliveries of one
    notification per moment and day, which is done only when all of them were sent."""
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


# --- Plan, Do, Check, Act and the kwaliteitscyclus move to apps of their own (0009) ----------

BEFORE_MOVE = [("quality", "0008_kwaliteitscyclus_calendar")]
#: Each moved model's new app.
MOVED = {
    "gesprekskader": "pdca",
    "gesprekskaderitem": "pdca",
    "jaarplan": "pdca",
    "jaarplanversion": "pdca",
    "jaarplangoal": "pdca",
    "jaarplanactivity": "pdca",
    "dialoguesession": "pdca",
    "finding": "pdca",
    "nextstep": "pdca",
    "followupaction": "pdca",
    "cycleactivity": "cycle",
    "reviewmoment": "cycle",
    "calendartoken": "cycle",
}


def _rows_before_the_move(old):
    """One row of every moved model, as quality held them, linked as the app links them: a
    review moment from a cycle row with a reminder (a notification, by content type) and its
    delivery, a dialogue session on a kader's item with a finding whose source is the session
    (by content type), a next step and an action from it; a jaarplan with a version, a goal and
    an activity; an agenda-koppeling. And a dossier, which stays."""
    model = old.get_model
    ContentTypes = model("contenttypes", "ContentType")
    partnership = model("partnerships", "Partnership").objects.create(
        name="Oud", slug="oud", sector="po"
    )
    ann, bob = (
        model("roles", "Person").objects.create(
            partnership=partnership, first_name=name, last_name="Oud", email=f"{name}@oud.nl"
        )
        for name in ("Ann", "Bob")
    )
    rows = {"partnership": partnership, "ann": ann, "bob": bob}
    rows["dossier"] = model("quality", "Dossier").objects.create(
        partnership=partnership, title="Oud dossier", schooljaar=2025
    )
    rows["cycleactivity"] = model("quality", "CycleActivity").objects.create(
        partnership=partnership,
        moment="jaarlijks",
        name="Evaluatiegesprek",
        goal="Terugkijken",
        activity="Evaluatiegesprek met het team",
        kind="evaluatiegesprek",
        participants=["schoolopleider"],
        scope="partnership",
        month_from=3,
        month_to=4,
    )
    rows["reviewmoment"] = model("quality", "ReviewMoment").objects.create(
        partnership=partnership,
        kind="evaluatiegesprek",
        schooljaar=2025,
        title="Evaluatiegesprek 2026",
        starts_on=dt.date(2026, 3, 1),
        due_on=dt.date(2026, 4, 30),
        cycle_activity=rows["cycleactivity"],
        cycle_key=f"{rows['cycleactivity'].pk}:p",
    )
    rows["calendartoken"] = model("quality", "CalendarToken").objects.create(
        partnership=partnership, person=ann, token="geheim-oud"
    )
    rows["notification"] = model("notifications", "Notification").objects.create(
        partnership=partnership,
        kind="reviewmoment.upcoming",
        content_type=ContentTypes.objects.get(app_label="quality", model="reviewmoment"),
        object_id=rows["reviewmoment"].pk,
        send_on=dt.date(2026, 3, 31),
        done_at=timezone.now(),
    )
    model("notifications", "Delivery").objects.create(
        partnership=partnership,
        notification=rows["notification"],
        person_id=ann.pk,
        name="Ann Oud",
        email="Ann@oud.nl",
        subject="Herinnering: Evaluatiegesprek 2026",
        sent_at=timezone.now(),
    )
    rows["gesprekskader"] = model("quality", "Gesprekskader").objects.create(
        partnership=partnership, schooljaar=2025
    )
    rows["gesprekskaderitem"] = model("quality", "GesprekskaderItem").objects.create(
        partnership=partnership,
        kader=rows["gesprekskader"],
        waarborg=4,
        theme="Kwaliteitszorg",
        text="we weten wat onze studenten vinden",
    )
    rows["jaarplan"] = model("quality", "Jaarplan").objects.create(
        partnership=partnership, schooljaar=2025, title="Jaarplan 2025-2026", status="vastgesteld"
    )
    rows["jaarplanversion"] = model("quality", "JaarplanVersion").objects.create(
        partnership=partnership,
        jaarplan=rows["jaarplan"],
        number=1,
        snapshot={"title": "Jaarplan 2025-2026", "goals": []},
        submitted_at=timezone.now(),
        submitted_by=bob,
    )
    rows["jaarplangoal"] = model("quality", "JaarplanGoal").objects.create(
        partnership=partnership, jaarplan=rows["jaarplan"], waarborg=2, title="Meer mentoren"
    )
    rows["jaarplanactivity"] = model("quality", "JaarplanActivity").objects.create(
        partnership=partnership,
        goal=rows["jaarplangoal"],
        title="Mentorentraining",
        owner=ann,
        status="bezig",
    )
    session = model("quality", "DialogueSession").objects.create(
        partnership=partnership,
        held_on=dt.date(2025, 11, 12),
        schooljaar=2025,
        title="Contactmiddag",
        context="contactmiddag",
    )
    session.participants.set([ann, bob])
    session.items.set([rows["gesprekskaderitem"]])
    rows["dialoguesession"] = session
    rows["finding"] = model("quality", "Finding").objects.create(
        partnership=partnership,
        source_type=ContentTypes.objects.get(app_label="quality", model="dialoguesession"),
        source_id=session.pk,
        schooljaar=2025,
        waarborg=4,
        item=rows["gesprekskaderitem"],
        text="Studenten voelen zich gehoord",
        created_by=bob,
    )
    rows["nextstep"] = model("quality", "NextStep").objects.create(
        partnership=partnership,
        session=session,
        kind="ik_ga",
        person=ann,
        waarborg=4,
        item=rows["gesprekskaderitem"],
        text="Ik ga het vragen",
    )
    rows["followupaction"] = model("quality", "FollowUpAction").objects.create(
        partnership=partnership,
        schooljaar=2025,
        waarborg=4,
        title="Enquête uitzetten",
        owner=bob,
        finding=rows["finding"],
    )
    return rows


def test_pdca_and_cycle_move_to_their_own_apps_keeping_every_row_and_link(scratch_db):
    """Forward: every row is read back through the new apps' models, with its links — the
    foreign keys, the many-to-many rows, the content types (same ids, new app) and so the
    generic ones: a finding's source and a reminder's target. Backward: the same rows again in
    quality's tables, linked as before."""
    ContentType.objects.clear_cache()
    old = migrate(BEFORE_MOVE)
    OldTypes = old.get_model("contenttypes", "ContentType")
    with scopes_disabled():
        rows = _rows_before_the_move(old)
    type_ids = {m: OldTypes.objects.get(app_label="quality", model=m).pk for m in MOVED}
    dossier_type = OldTypes.objects.get(app_label="quality", model="dossier").pk

    migrate_to_latest()
    ContentType.objects.clear_cache()
    with scopes_disabled():
        for name, app in MOVED.items():
            moved = ContentType.objects.get(pk=type_ids[name])
            assert (moved.app_label, moved.model) == (app, name)
            assert moved.model_class()._meta.db_table == f"{app}_{name}"
            assert moved.model_class().objects.get().pk == rows[name].pk
            codenames = set(
                Permission.objects.filter(content_type=moved).values_list("codename", flat=True)
            )
            assert f"view_{name}" in codenames
        assert not ContentType.objects.filter(app_label="quality", model__in=MOVED).exists()
        assert ContentType.objects.get_for_model(Dossier).pk == dossier_type
        assert Dossier.objects.get().pk == rows["dossier"].pk

        moment = ReviewMoment.objects.get()
        assert moment.cycle_activity == CycleActivity.objects.get()
        assert (moment.title, moment.due_on, moment.cycle_key) == (
            "Evaluatiegesprek 2026",
            dt.date(2026, 4, 30),
            rows["reviewmoment"].cycle_key,
        )
        reminder = Notification.objects.get()
        assert reminder.target == moment  # the generic link, through the moved type
        assert list(moment.notifications.all()) == [reminder]
        assert list(Notification.objects.filter(review_moment=moment)) == [reminder]
        assert Delivery.objects.get().notification == reminder
        token = CalendarToken.objects.get()
        assert (token.person_id, token.token) == (rows["ann"].pk, "geheim-oud")

        session = DialogueSession.objects.get()
        item = GesprekskaderItem.objects.get()
        assert item.kader == Gesprekskader.objects.get()
        assert set(session.participants.values_list("pk", flat=True)) == {
            rows["ann"].pk,
            rows["bob"].pk,
        }
        assert list(session.items.all()) == [item]
        finding = Finding.objects.get()
        assert finding.source == session  # the generic link, through the moved type
        assert list(session.findings.all()) == [finding]  # and back (GenericRelation)
        assert (finding.item, finding.created_by_id) == (item, rows["bob"].pk)
        step = NextStep.objects.get()
        assert (step.session, step.item, step.person_id) == (session, item, rows["ann"].pk)
        action = FollowUpAction.objects.get()
        assert (action.finding, action.owner_id) == (finding, rows["bob"].pk)
        assert list(finding.actions.all()) == [action]

        jaarplan = Jaarplan.objects.get()
        assert (jaarplan.title, jaarplan.status) == ("Jaarplan 2025-2026", "vastgesteld")
        version = JaarplanVersion.objects.get()
        assert (version.jaarplan, version.snapshot["title"]) == (jaarplan, jaarplan.title)
        goal = JaarplanGoal.objects.get()
        assert goal.jaarplan == jaarplan
        activity = JaarplanActivity.objects.get()
        assert (activity.goal, activity.owner_id, activity.status) == (
            goal,
            rows["ann"].pk,
            "bezig",
        )

    back = migrate(BEFORE_MOVE)
    BackTypes = back.get_model("contenttypes", "ContentType")
    for name in MOVED:
        assert BackTypes.objects.get(pk=type_ids[name]).app_label == "quality"
        assert back.get_model("quality", name).objects.get().pk == rows[name].pk
    assert not BackTypes.objects.filter(app_label__in=["pdca", "cycle"]).exists()
    session = back.get_model("quality", "DialogueSession").objects.get()
    assert session.participants.count() == 2
    assert session.items.get().pk == rows["gesprekskaderitem"].pk
    finding = back.get_model("quality", "Finding").objects.get()
    assert (finding.source_type_id, finding.source_id) == (
        type_ids["dialoguesession"],
        session.pk,
    )
    reminder = back.get_model("notifications", "Notification").objects.get()
    assert (reminder.content_type_id, reminder.object_id) == (
        type_ids["reviewmoment"],
        rows["reviewmoment"].pk,
    )
    assert back.get_model("quality", "FollowUpAction").objects.get().finding_id == finding.pk
