"""A reminder goes only to someone who may still open the form it is about (issue 18 §5): the
mail engine asks the permission engine when it sends (notifications.reach), for a mail of its
own and again on the day a weekly digest goes out. Real mail: the aiosmtpd server of
notifications/tests/mail.py."""

import datetime as dt

from django_scopes import scopes_disabled

from notifications import services as notifications
from notifications.models import Delivery, DigestEntry, MailPreference
from placementforms import services as forms
from placements.models import Placement
from roles.models import RoleAssignment
from samen.permissions import Role
from tests import factories as f
from tests.fixtures import actor

from .test_forms_cycle import confirm


def _reminded(smtp_server, form):
    """{address: subject} of the reminders of `form` the server received."""
    name = form.get_kind_display()
    return {
        to: m.subject for m in smtp_server.inbox.received if name in m.subject for to in m.rcpt_tos
    }


def test_a_mentor_who_lost_the_placement_gets_no_reminder_of_its_form(samen, smtp_server):
    eind = confirm(samen)["eind"]
    mentor = samen.people["mentor"]
    # The school takes the mentor off: the role is withdrawn, the placement still names them.
    with scopes_disabled():
        RoleAssignment.objects.filter(person=mentor, role=Role.MENTOR).delete()
        assert Placement.objects.get(pk=samen.placement.pk).mentor_id == mentor.pk

    notifications.send_due(today=eind.due_on - dt.timedelta(days=forms.REMIND_DAYS_BEFORE))

    reminded = _reminded(smtp_server, eind)
    assert sorted(reminded) == sorted(samen.people[k].email for k in ("student", "io"))
    with scopes_disabled():
        assert not Delivery.objects.filter(person_id=mentor.pk).exists()


def test_a_reminder_waiting_in_a_digest_is_dropped_when_the_mentor_is_taken_off(samen, smtp_server):
    eind = confirm(samen)["eind"]
    mentor = samen.people["mentor"]
    with samen.scope():
        notifications.set_preference(actor(samen, "mentor"), MailPreference.Mode.DIGEST)
    day = eind.due_on - dt.timedelta(days=forms.REMIND_DAYS_BEFORE)
    notifications.send_due(today=day)
    with scopes_disabled():
        assert DigestEntry.objects.filter(person_id=mentor.pk).exists()  # waits for Monday
        # During the week the coordinator gives the placement another mentor.
        successor = f.PersonFactory(partnership=samen.partnership, first_name="Opvolger")
        f.RoleAssignmentFactory(
            partnership=samen.partnership,
            person=successor,
            role=Role.MENTOR,
            school=samen.school,
        )
        Placement.objects.filter(pk=samen.placement.pk).update(mentor=successor)

    monday = day + dt.timedelta(days=7 - day.weekday())
    notifications.send_due(today=monday)

    received = [to for m in smtp_server.inbox.received for to in m.rcpt_tos]
    assert mentor.email not in received
    with scopes_disabled():
        assert not Delivery.objects.filter(person_id=mentor.pk).exists()


def test_the_reminder_still_reaches_the_mentor_who_keeps_the_placement(samen, smtp_server):
    eind = confirm(samen)["eind"]
    notifications.send_due(today=eind.due_on - dt.timedelta(days=forms.REMIND_DAYS_BEFORE))
    reminded = _reminded(smtp_server, eind)
    assert sorted(reminded) == sorted(samen.people[k].email for k in ("student", "mentor", "io"))
