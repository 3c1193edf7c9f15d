"""Demo rows for the notification engine (SAMEN only), so its pages show something real.

The moments are the calendar's own (demo/cycle.py generates it from the kwaliteitscyclus): no
moment is made here, so no school has a row's moment twice, nor one that no row asks for.

- Last schooljaar's evaluatiegesprek of De Zevensprong: its reminder, a week before its last
  day, went to the coordinator and the schoolopleider (the delivery log, "Verzonden
  herinneringen").
- The next moment of OBS De Windroos: its reminder to a schoolleider whose mailbox the mail
  server refused, at every attempt (the failed page, "Mislukte herinneringen", with
  "opnieuw proberen").
- The next evaluatiegesprek of De Zevensprong has a reminder due today, so the demo's beat
  sends one on its first sweep; the schoolopleider receives her reminders as a weekly digest
  (her dashboard says so; it waits in her digest for Monday).
"""

import datetime as dt

from django.utils import timezone

from cycle import services as cycle_services
from cycle.models import ReviewMoment
from notifications import services as notifications
from notifications.models import Delivery, MailPreference, Notification
from samen.schooljaar import Schooljaar


def extend(context):
    if context.slug != "samen":
        return
    now = timezone.now()
    today = timezone.localdate()
    persons = context.persons

    generated = ReviewMoment.objects.filter(partnership=context.partnership).exclude(cycle_key="")
    zevensprong = generated.filter(
        school=context.schools["zevensprong"], kind=ReviewMoment.Kind.EVALUATIEGESPREK
    )
    held = zevensprong.get(schooljaar=Schooljaar.of(today).start_year - 1)
    # Its day had passed when it was generated, so nothing was planned: this is the one that
    # went out.
    sent = notifications.schedule(cycle_services.UPCOMING, held, held.due_on - dt.timedelta(days=7))
    sent_at = timezone.make_aware(dt.datetime.combine(sent.send_on, dt.time(7, 0)))
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
    ahead = zevensprong.filter(done_on__isnull=True, due_on__gte=today).earliest("due_on")
    notifications.schedule(cycle_services.UPCOMING, ahead, today)

    windroos = (
        generated.filter(school=context.schools["windroos"], done_on__isnull=True)
        .filter(due_on__gte=today)
        .earliest("due_on")
    )
    failed = notifications.schedule(cycle_services.UPCOMING, windroos, today - dt.timedelta(days=3))
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
