"""Demo rows for the notification engine (SAMEN only), so its pages show something real.

- Last month's evaluatiegesprek of De Zevensprong: its reminder went to the coordinator and the
  schoolopleider (the delivery log, "Verzonden herinneringen").
- The schoolscan of OBS De Windroos: its reminder to a schoolleider whose mailbox the mail
  server refused, at every attempt (the failed page, "Mislukte herinneringen", with
  "opnieuw proberen").
- The schoolopleider receives her reminders as a weekly digest (her dashboard says so; the
  evaluatiegesprek planned by demo.data waits in her digest for Monday).
"""

import datetime as dt

from django.utils import timezone

from cycle import services as cycle_services
from cycle.models import ReviewMoment
from notifications import services as notifications
from notifications.models import Delivery, MailPreference, Notification


def extend(context):
    if context.slug != "samen":
        return
    now = timezone.now()
    today = timezone.localdate()
    persons = context.persons

    held = cycle_services.plan_review_moment(
        partnership=context.partnership,
        school=context.schools["zevensprong"],
        due_on=today - dt.timedelta(days=20),
        title="Evaluatiegesprek Kindcentrum De Zevensprong (voorjaar)",
    )
    # Its day has passed, so planning it planned nothing: this is the one that went out.
    sent = notifications.schedule(cycle_services.UPCOMING, held, held.due_on - dt.timedelta(days=7))
    sent_at = now - dt.timedelta(days=27)
    Notification.objects.filter(pk=sent.pk).update(done_at=sent_at)
    Delivery.objects.bulk_create(
        Delivery(
            partnership=context.partnership,
            notification=sent,
            person_id=persons[key].pk,
            name=str(persons[key]),
            email=persons[key].email,
            subject=f"Herinnering: {held.title} uiterlijk op {held.due_on:%d-%m-%Y}",
            sent_at=sent_at,
        )
        for key in ("coordinator", "schoolopleider")
    )

    scan = ReviewMoment.objects.create(
        partnership=context.partnership,
        school=context.schools["windroos"],
        kind=ReviewMoment.Kind.EVALUATIEGESPREK,
        schooljaar=held.schooljaar,
        title="Schoolscan OBS De Windroos",
        due_on=today + dt.timedelta(days=5),
    )
    failed = notifications.schedule(cycle_services.UPCOMING, scan, today - dt.timedelta(days=3))
    Notification.objects.filter(pk=failed.pk).update(
        attempts=notifications.MAX_ATTEMPTS,
        failed_at=now - dt.timedelta(hours=2),
        last_error=(
            "directie@windroos.example: SMTPRecipientsRefused: "
            "{'directie@windroos.example': (550, b'5.1.1 Mailbox unavailable')}"
        ),
        failed_recipients=["Directie De Windroos <directie@windroos.example>"],
    )

    MailPreference.objects.create(
        partnership=context.partnership,
        person_id=persons["schoolopleider"].pk,
        mode=MailPreference.Mode.DIGEST,
    )
