"""The weekly digest: a person who chose it gets one mail on Monday with the reminders of the
week before, instead of a mail each.

A digest is a Notification of kind DIGEST about the person's MailPreference, due on the digest
day; the reminders it collects wait as DigestEntry rows, each made when its own notification
was sent (queue). The sweep sends a digest itself (send): one mail listing the entries, whose
acceptance records a Delivery per reminder. `batch` is the sweep's batch
(notifications.sending): what it claimed, its clock and its connection.
"""

import datetime as dt
from collections import defaultdict

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import reach, registry
from .models import Delivery, DigestEntry, MailPreference, Notification
from .planning import absolute_url

#: The engine's own kind: a person's weekly digest (a Notification about their MailPreference).
DIGEST = "notifications.digest"
#: The digest goes out on Mondays (date.weekday()) with what came due the week before.
DIGEST_WEEKDAY = 0


def _sent_by_the_sweep(*args):
    raise NotImplementedError("A weekly digest is composed by the sweep from its entries.")


registry.register(
    DIGEST,
    recipients=_sent_by_the_sweep,
    message=_sent_by_the_sweep,
    label=_("Weekoverzicht"),
)


def next_digest_day(today):
    """The digest day a notification due `today` goes out on: the next Monday after it."""
    return today + dt.timedelta(days=(DIGEST_WEEKDAY - today.weekday() - 1) % 7 + 1)


def preferences(batch, items):
    """{person pk: MailPreference pk} of the recipients who chose the weekly digest."""
    people = {i.recipient.pk for i in items}
    if not people:
        return {}
    return dict(
        MailPreference._base_manager.filter(
            partnership_id=batch.claimed.partnership_id,
            person_id__in=people,
            mode=MailPreference.Mode.DIGEST,
        ).values_list("person_id", "pk")
    )


def queue(batch, kind, targets, items, preferences):
    """Puts each item in its recipient's next weekly digest (a DigestEntry): three
    statements for the batch, whatever it holds, and no mail, so nothing is in doubt."""
    if not items:
        return
    partnership_id = batch.claimed.partnership_id
    day = next_digest_day(batch.today)
    content_type = ContentType.objects.get_for_model(MailPreference)
    Notification._base_manager.bulk_create(
        [
            Notification(
                partnership_id=partnership_id,
                kind=DIGEST,
                content_type=content_type,
                object_id=pk,
                send_on=day,
            )
            for pk in set(preferences.values())
        ],
        ignore_conflicts=True,
    )
    digests = dict(
        Notification._base_manager.filter(
            kind=DIGEST,
            content_type=content_type,
            object_id__in=set(preferences.values()),
            send_on=day,
            done_at__isnull=True,
        ).values_list("object_id", "pk")
    )
    entries = []
    for item in items:
        digest = digests.get(preferences[item.recipient.pk])
        if digest is None:  # that digest went out already (a sweep running late)
            batch.record_unreached(item, "The weekly digest of that day was sent already.")
            continue
        try:
            message = registry.Message(*kind.message(targets[item.row.pk], item.recipient))
        except Exception as exc:  # the kind's own code
            batch.record_unreached(item, f"{type(exc).__name__}: {exc}")
            continue
        entries.append(
            DigestEntry(
                partnership_id=partnership_id,
                digest_id=digest,
                notification_id=item.row.pk,
                person_id=item.recipient.pk,
                name=str(item.recipient)[:250],
                email=item.recipient.email,
                subject=str(message.subject)[:250],
                body=message.body,
                url=message.url,
            )
        )
    DigestEntry._base_manager.bulk_create(entries, ignore_conflicts=True)
    batch.queued += len(entries)


def send(batch):
    """Each claimed digest: one mail with the reminders waiting in it; when accepted, one
    INSERT records a Delivery per reminder (channel "weekoverzicht")."""
    entries = defaultdict(list)
    for entry in DigestEntry._base_manager.filter(digest_id__in=batch.held).order_by("pk"):
        entries[entry.digest_id].append(entry)
    all_entries = [e for group in entries.values() for e in group]
    allowed = _in_reach(batch, all_entries)
    all_entries = [e for e in all_entries if e.pk in allowed]
    entries = {pk: [e for e in group if e.pk in allowed] for pk, group in entries.items()}
    delivered = set(
        Delivery._base_manager.filter(
            notification_id__in={e.notification_id for e in all_entries},
            person_id__in={e.person_id for e in all_entries},
        ).values_list("notification_id", "person_id")
    )
    partnership = _partnership(batch.claimed.partnership_id)
    for row in batch.claimed.rows:
        waiting = [
            e for e in entries.get(row.pk, ()) if (e.notification_id, e.person_id) not in delivered
        ]
        if not waiting:
            continue
        person = waiting[-1]  # the latest name and address the reminders were resolved to
        if batch.server_down:
            batch.unreached[row.pk].append(f"{person.name} <{person.email}>")
            continue
        if not batch.still_ours(row):
            continue
        message = _message(partnership, person, waiting)
        if batch.mail(row.pk, person.person_id, person.email, message):
            sent_at = batch.clock()
            Delivery._base_manager.bulk_create(
                [
                    Delivery(
                        partnership_id=batch.claimed.partnership_id,
                        notification_id=e.notification_id,
                        person_id=e.person_id,
                        name=e.name,
                        email=person.email,
                        subject=e.subject,
                        channel=Delivery.Channel.DIGEST,
                        sent_at=sent_at,
                    )
                    for e in waiting
                ],
                ignore_conflicts=True,
            )
            batch.sent += 1
        else:
            if not batch.server_down:
                batch.errors[row.pk].append(batch.last_error)
            batch.unreached[row.pk].append(f"{person.name} <{person.email}>")


def _in_reach(batch, entries):
    """The pks of the entries whose person may still open what the reminder is about, asked
    again on the digest day (notifications.reach): a mentor taken off a placement during the
    week finds its reminder gone. A few queries per digest batch: the reminders, their targets
    per content type, and one for the permission per kind."""
    if not entries:
        return set()
    notifications = {
        n.pk: n
        for n in Notification._base_manager.filter(
            pk__in={e.notification_id for e in entries}
        ).only("pk", "kind", "content_type_id", "object_id")
    }
    targets = {}  # (content type, object id) -> target
    by_type = defaultdict(set)
    for n in notifications.values():
        by_type[n.content_type_id].add(n.object_id)
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        for target in model._base_manager.filter(
            pk__in=ids, partnership_id=batch.claimed.partnership_id
        ):
            targets[content_type_id, target.pk] = target
    by_kind = defaultdict(list)  # kind -> [(entry, target)]
    for entry in entries:
        n = notifications.get(entry.notification_id)
        target = n and targets.get((n.content_type_id, n.object_id))
        if target is None:
            continue  # the reminder or what it was about is gone
        by_kind[n.kind].append((entry, target))
    allowed = set()
    for name, pairs in by_kind.items():
        try:
            kind = registry.get(name)
        except registry.UnknownKind:
            continue
        kind_pairs = [(target, entry.person_id) for entry, target in pairs]
        ok = reach.reachable(kind, batch.claimed.partnership_id, kind_pairs, batch.today)
        allowed |= {entry.pk for entry, target in pairs if (target.pk, entry.person_id) in ok}
    return allowed


def _partnership(pk):
    # Named by string, as settings name it: the engine imports no app.
    return apps.get_model("partnerships", "Partnership")._base_manager.get(pk=pk)


def _message(partnership, person, entries):
    count = len(entries)
    subject = ngettext(
        "Weekoverzicht: %(count)d herinnering", "Weekoverzicht: %(count)d herinneringen", count
    ) % {"count": count}
    preferences = absolute_url(
        reverse("notifications:preferences", kwargs={"partnership_slug": partnership.slug})
    )
    body = render_to_string(
        "notifications/email/digest.txt",
        {"person": person, "entries": entries, "partnership": partnership, "url": preferences},
    )
    return registry.Message(subject, body, preferences)
