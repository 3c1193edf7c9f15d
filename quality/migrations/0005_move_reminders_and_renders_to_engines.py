"""Moves quality's reminders and PDF renders into the engines that now own them.

A move: the rows are copied into the engines' tables and removed from quality's (which 0006
then drops), and backwards the other way round.

- ReportRender → documents.Render of kind "kritische_reflectie" on its dossier: the same
  status, times, page count, error and stored file (the file itself stays where it is).
- Reminder rows → one notifications.Notification of kind "reviewmoment.upcoming" per moment
  and send date, plus a notifications.Delivery for every reminder that was sent (to whom, at
  which address, when). A notification whose reminders were all sent is done; otherwise it is
  pending, with the highest attempt count and the last error of the unsent ones. Its
  recipients are resolved when it is sent, so the unsent reminders' people are not stored.

Backwards, renders move back as they were and every delivery becomes a sent Reminder; a
notification not sent yet cannot become reminder rows (it names no recipients) and is lost.
"""

from django.db import migrations

RENDER_KIND = "kritische_reflectie"
REMINDER_KIND = "reviewmoment.upcoming"
RENDER_FIELDS = [
    "status",
    "requested_by_id",
    "requested_at",
    "enqueued_at",
    "started_at",
    "finished_at",
    "render_ms",
    "pages",
    "error",
]


def _content_type(apps, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label="quality", model=model)[0]


def _full_name(person):
    parts = (person.first_name, getattr(person, "infix", ""), person.last_name)
    return " ".join(p for p in parts if p)


def move_renders(apps, schema_editor):
    ReportRender = apps.get_model("quality", "ReportRender")
    Render = apps.get_model("documents", "Render")
    dossier = _content_type(apps, "dossier")
    Render.objects.bulk_create(
        (
            Render(
                partnership_id=old.partnership_id,
                kind=RENDER_KIND,
                content_type=dossier,
                object_id=old.dossier_id,
                pdf=old.pdf.name,
                **{name: getattr(old, name) for name in RENDER_FIELDS},
            )
            for old in ReportRender.objects.order_by("pk").iterator()
        ),
        batch_size=500,
    )
    ReportRender.objects.all().delete()


def move_reminders(apps, schema_editor):
    Reminder = apps.get_model("quality", "Reminder")
    Notification = apps.get_model("notifications", "Notification")
    Delivery = apps.get_model("notifications", "Delivery")
    moment = _content_type(apps, "reviewmoment")
    groups = {}
    rows = Reminder.objects.select_related("recipient").order_by("moment_id", "send_on", "pk")
    for reminder in rows.iterator():
        groups.setdefault((reminder.moment_id, reminder.send_on), []).append(reminder)
    for (moment_id, send_on), reminders in groups.items():
        sent = [r for r in reminders if r.sent_at is not None]
        unsent = [r for r in reminders if r.sent_at is None]
        notification = Notification.objects.create(
            partnership_id=reminders[0].partnership_id,
            kind=REMINDER_KIND,
            content_type=moment,
            object_id=moment_id,
            send_on=send_on,
            done_at=None if unsent else max(r.sent_at for r in sent),
            attempts=max((r.attempts for r in unsent), default=0),
            last_error=next((r.last_error for r in reversed(unsent) if r.last_error), ""),
        )
        Delivery.objects.bulk_create(
            Delivery(
                partnership_id=r.partnership_id,
                notification=notification,
                person_id=r.recipient_id,
                name=_full_name(r.recipient)[:250],
                email=r.recipient.email,
                sent_at=r.sent_at,
            )
            for r in sent
        )
    Reminder.objects.all().delete()


def move_renders_back(apps, schema_editor):
    ReportRender = apps.get_model("quality", "ReportRender")
    Render = apps.get_model("documents", "Render")
    moved = Render.objects.filter(kind=RENDER_KIND, content_type=_content_type(apps, "dossier"))
    ReportRender.objects.bulk_create(
        (
            ReportRender(
                partnership_id=new.partnership_id,
                dossier_id=new.object_id,
                pdf=new.pdf.name,
                **{name: getattr(new, name) for name in RENDER_FIELDS},
            )
            for new in moved.order_by("pk").iterator()
        ),
        batch_size=500,
    )
    moved.delete()


def move_reminders_back(apps, schema_editor):
    Reminder = apps.get_model("quality", "Reminder")
    Notification = apps.get_model("notifications", "Notification")
    Delivery = apps.get_model("notifications", "Delivery")
    moved = Notification.objects.filter(
        kind=REMINDER_KIND, content_type=_content_type(apps, "reviewmoment")
    )
    Reminder.objects.bulk_create(
        (
            Reminder(
                partnership_id=d.partnership_id,
                moment_id=d.notification.object_id,
                recipient_id=d.person_id,
                kind="upcoming",
                send_on=d.notification.send_on,
                sent_at=d.sent_at,
            )
            for d in Delivery.objects.filter(notification__in=moved)
            .select_related("notification")
            .order_by("pk")
        ),
        batch_size=500,
        ignore_conflicts=True,  # a person reminded on two days was one Reminder row
    )
    moved.delete()


def forwards(apps, schema_editor):
    move_renders(apps, schema_editor)
    move_reminders(apps, schema_editor)


def backwards(apps, schema_editor):
    move_renders_back(apps, schema_editor)
    move_reminders_back(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('documents', '0001_initial'),
        ('notifications', '0001_initial'),
        ('quality', '0004_one_pending_render_per_dossier'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=True),
    ]
