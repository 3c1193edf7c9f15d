"""Review-moment reminders: planned with the moment, sent to the people involved, over real SMTP.

The engine's guarantees (each mail once, claims, retries) are tested with a kind of its own in
notifications/tests; here: the review moments' kind — who is reminded, what the mail says, where it
links, and what the moments page shows.
"""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from cycle import services
from cycle.models import ReviewMoment
from notifications import services as notifications
from notifications import tasks
from notifications.models import Delivery, Notification
from notifications.tests.mail import wait_until
from partnerships.models import Grouping
from roles.models import Role
from samen.schooljaar import Schooljaar
from tests import factories as f

TITLE = "Evaluatiegesprek Zonnebloem"


def plan(tenant, *, days_ahead=7, title=TITLE, school=None):
    """A moment `days_ahead` from today: by default its 7-day reminder is due today."""
    with tenant.scope():
        return services.plan_review_moment(
            partnership=tenant.partnership,
            school=school or tenant.school,
            due_on=timezone.localdate() + dt.timedelta(days=days_ahead),
            title=title,
        )


def reminders(**filters):
    with scopes_disabled():
        return list(Notification.objects.filter(kind=services.UPCOMING, **filters))


def overdue_reminders(**filters):
    with scopes_disabled():
        return list(Notification.objects.filter(kind=services.OVERDUE, **filters))


def deliveries(**filters):
    with scopes_disabled():
        return list(Delivery.objects.filter(**filters).order_by("pk"))


# --- Planning ---------------------------------------------------------------------------


def test_planning_schedules_reminders_30_and_7_days_before_and_one_when_overdue(samen, other):
    moment = plan(samen, days_ahead=40)

    rows = sorted(reminders(review_moment=moment), key=lambda r: r.send_on)
    overdue = overdue_reminders(review_moment=moment)
    assert [r.send_on for r in rows] == [
        moment.due_on - dt.timedelta(days=30),
        moment.due_on - dt.timedelta(days=7),
    ]
    assert [r.send_on for r in overdue] == [moment.due_on + dt.timedelta(days=1)]
    for row in [*rows, *overdue]:
        assert row.target == moment
        assert row.partnership_id == samen.partnership.pk
        assert row.done_at is None
        assert row.attempts == 0
    assert reminders(partnership=other.partnership) == []


def test_a_reminder_whose_day_has_passed_when_planning_is_not_planned(samen):
    """Ten days ahead: the 30-day reminder's day is gone; the 7-day one and the overdue one
    remain. Planned again (a second generation), nothing is added."""
    moment = plan(samen, days_ahead=10)

    assert [r.send_on for r in reminders(review_moment=moment)] == [
        moment.due_on - dt.timedelta(days=7)
    ]
    assert len(overdue_reminders(review_moment=moment)) == 1
    with samen.scope():
        services.plan_reminders([moment])
    assert len(reminders(review_moment=moment)) == 1
    assert len(overdue_reminders(review_moment=moment)) == 1


def test_the_people_involved_are_the_coordinator_and_the_schoolopleider_only(samen, other):
    moment = plan(samen)

    with samen.scope():
        recipients = {p.pk for p in services.people_involved(moment)}

    assert recipients == {samen.people["coordinator"].pk, samen.people["schoolopleider"].pk}
    assert samen.people["mentor"].pk not in recipients
    assert not recipients & {p.pk for p in other.people.values()}


def test_a_deleted_moment_takes_its_reminders_with_it(samen):
    moment = plan(samen)
    with samen.scope():
        moment.delete()
    assert reminders() == []


# --- Sending ----------------------------------------------------------------------------


@pytest.mark.celery
def test_worker_sends_the_reminder_to_each_person_involved_once(
    samen, other, smtp_server, celery_worker, finished_sweeps
):
    """Two sweeps at once (beat twice, a redelivered task): each person still gets one mail."""
    moment = plan(samen)
    expected = sorted([samen.people["coordinator"].email, samen.people["schoolopleider"].email])

    tasks.send_due_notifications.delay()
    tasks.send_due_notifications.delay()

    wait_until(lambda: all(r.done_at for r in reminders(review_moment=moment)), what="sending")
    wait_until(lambda: len(finished_sweeps) == 2, what="both sweeps to finish")
    assert [state for state, _ in finished_sweeps] == ["SUCCESS", "SUCCESS"]
    assert sum(retval for _, retval in finished_sweeps) == 2

    assert smtp_server.inbox.recipients() == expected
    other_emails = {p.email for p in other.people.values()}
    url = django_settings.SAMEN_BASE_URL + reverse(
        "cycle:moment", kwargs={"partnership_slug": samen.partnership.slug, "pk": moment.pk}
    )
    assert url.endswith(f"/{samen.partnership.slug}/kwaliteit/momenten/{moment.pk}/")
    for received in smtp_server.inbox.received:
        assert not set(received.rcpt_tos) & other_emails
        assert received.subject.startswith("Herinnering: ")
        assert TITLE in received.subject
        assert moment.due_on.strftime("%d-%m-%Y") in received.subject
        assert url in received.body
        assert "Beste " in received.body
        assert "Met vriendelijke groet" in received.body
        assert "Partnerschap Samen Test" in received.body
    by_name = {m.rcpt_tos[0]: m.body for m in smtp_server.inbox.received}
    assert "Beste Coordinator," in by_name[samen.people["coordinator"].email]
    [row] = reminders(review_moment=moment)
    assert row.attempts == 0 and row.last_error == ""
    assert sorted(d.email for d in deliveries(notification=row)) == expected

    # A third sweep later finds nothing left to do.
    assert notifications.send_due() == 0
    assert len(smtp_server.inbox.received) == 2


def test_someone_who_takes_up_a_role_after_planning_is_reminded_too(samen, smtp_server):
    moment = plan(samen)
    with scopes_disabled():
        leider = f.PersonFactory(partnership=samen.partnership, email="leider@samen-test.test")
        f.RoleAssignmentFactory(
            partnership=samen.partnership,
            person=leider,
            role=Role.SCHOOLLEIDER,
            school=samen.school,
            schooljaar_from=moment.schooljaar,
        )

    assert notifications.send_due() == 3
    assert "leider@samen-test.test" in smtp_server.inbox.recipients()


def test_each_reminder_goes_out_on_its_day_and_the_overdue_one_only_when_not_done(
    samen, smtp_server
):
    moment = plan(samen, days_ahead=40)
    due = moment.due_on

    assert notifications.send_due() == 0
    assert smtp_server.inbox.received == []

    # 30 days before, then 7 days before: the coordinator and the schoolopleider, each time.
    assert notifications.send_due(today=due - dt.timedelta(days=30)) == 2
    assert notifications.send_due(today=due - dt.timedelta(days=8)) == 0
    assert notifications.send_due(today=due - dt.timedelta(days=7)) == 2
    subjects = [m.subject for m in smtp_server.inbox.received]
    assert all(s.startswith("Herinnering: ") for s in subjects)
    assert all("uiterlijk" in m.body for m in smtp_server.inbox.received)

    # The day after its last day, not done: "over tijd", once.
    assert notifications.send_due(today=due + dt.timedelta(days=1)) == 2
    assert notifications.send_due(today=due + dt.timedelta(days=2)) == 0
    overdue = smtp_server.inbox.received[4:]
    assert all(m.subject.startswith("Over tijd: ") for m in overdue)
    assert all("nog niet als afgerond" in m.body for m in overdue)


def test_a_moment_marked_done_sends_no_more_reminders(samen, smtp_server):
    from tests.fixtures import actor

    moment = plan(samen, days_ahead=40)
    with samen.scope():
        services.mark_done(actor(samen), moment, note="Gehouden, verslag in de map.")

    assert notifications.send_due(today=moment.due_on - dt.timedelta(days=7)) == 0
    assert notifications.send_due(today=moment.due_on + dt.timedelta(days=1)) == 0
    assert smtp_server.inbox.received == []
    # … and its reminders are done, not left waiting.
    assert all(r.done_at for r in reminders(review_moment=moment) + overdue_reminders())


# --- The moments page ---------------------------------------------------------------------


def test_the_moments_page_shows_when_a_reminder_is_planned_and_who_received_it(
    samen, client_for, smtp_server
):
    moment = plan(samen)
    client = client_for(samen.users["coordinator"])
    url = reverse("cycle:moments", kwargs={"partnership_slug": samen.partnership.slug})
    send_on = moment.due_on - dt.timedelta(days=7)

    page = client.get(url).content.decode()
    assert page.count("gepland voor") == 2  # today's, and the one for when it is overdue
    assert "verstuurd op" not in page

    notifications.send_due()
    page = client.get(url).content.decode()
    assert page.count("gepland voor") == 1  # only the overdue one waits
    assert page.count("verstuurd op") == 2
    assert str(samen.people["coordinator"]) in page
    assert str(samen.people["schoolopleider"]) in page
    assert send_on <= timezone.localdate()

    export = client.get(url, {"export": "csv"})
    rows = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[1].endswith(";2"), rows  # two reminders sent


def _add_moments_with_reminders(tenant, n):
    """n moments, each with a reminder that went to two people."""
    year = Schooljaar.current().start_year
    with scopes_disabled():
        moments = ReviewMoment.objects.bulk_create(
            ReviewMoment(
                partnership=tenant.partnership,
                school=tenant.school,
                kind="evaluatiegesprek",
                schooljaar=year,
                title=f"Moment {i}",
                due_on=timezone.localdate(),
            )
            for i in range(n)
        )
        rows = Notification.objects.bulk_create(
            Notification(
                partnership=tenant.partnership,
                kind=services.UPCOMING,
                target=moment,
                send_on=moment.due_on,
                done_at=timezone.now(),
            )
            for moment in moments
        )
        Delivery.objects.bulk_create(
            Delivery(
                partnership=tenant.partnership,
                notification=row,
                person_id=tenant.people[key].pk,
                name=str(tenant.people[key]),
                email=tenant.people[key].email,
                sent_at=timezone.now(),
            )
            for row in rows
            for key in ("coordinator", "schoolopleider")
        )


@pytest.mark.parametrize("params", [{}, {"export": "csv"}])
def test_the_moments_page_takes_as_many_queries_for_100_reminders_as_for_5(
    samen, client_for, params
):
    client = client_for(samen.users["schoolopleider"])
    url = reverse("cycle:moments", kwargs={"partnership_slug": samen.partnership.slug})

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200
        return len(queries)

    _add_moments_with_reminders(samen, 5)
    client.get(url, params)  # warm caches (sessions, content types)
    few = count()
    _add_moments_with_reminders(samen, 95)
    assert count() == few


# --- The batch form the sweep uses ----------------------------------------------------------


def test_people_involved_many_answers_as_people_involved_does_for_each_moment(samen, other):
    """Moments at a school, at another board's school, in a grouping, without a school and of
    another schooljaar: the batch form agrees with the single form, moment by moment."""
    year = Schooljaar.current().start_year
    with scopes_disabled():
        board_b = f.PartnerFactory(partnership=samen.partnership)
        school_b = f.SchoolFactory(partnership=samen.partnership, board=board_b)
        grouped = f.SchoolFactory(partnership=samen.partnership, board=board_b)
        grouping = Grouping.objects.create(
            partnership=samen.partnership, kind="cluster", name="Cluster Oost"
        )
        grouping.schools.add(grouped)
        for role, scope in (
            (Role.COOPER, {"partner": board_b}),
            (Role.SCHOOLLEIDER, {"school": school_b}),
            (Role.SCHOOLOPLEIDER, {"grouping": grouping}),
            (Role.MENTOR, {"school": school_b}),  # never reminded
        ):
            f.RoleAssignmentFactory(
                partnership=samen.partnership,
                person=f.PersonFactory(partnership=samen.partnership),
                role=role,
                **scope,
            )
        f.RoleAssignmentFactory(  # last year's schoolleider of school B
            partnership=samen.partnership,
            person=f.PersonFactory(partnership=samen.partnership),
            role=Role.SCHOOLLEIDER,
            school=school_b,
            schooljaar_from=year - 1,
            schooljaar_to=year - 1,
        )
    moments = [
        plan(samen),
        plan(samen, school=school_b),
        plan(samen, school=grouped),
        plan(samen, days_ahead=-400, school=school_b),  # last schooljaar's
    ]
    with samen.scope():
        moments.append(
            ReviewMoment.objects.create(
                partnership=samen.partnership,
                school=None,
                kind="evaluatiegesprek",
                schooljaar=year,
                title="Netwerkbijeenkomst",
                due_on=timezone.localdate(),
            )
        )
        loaded = list(
            ReviewMoment.objects.filter(pk__in=[m.pk for m in moments]).select_related("school")
        )
        with CaptureQueriesContext(connection) as queries:
            many = services.people_involved_many(loaded)
        single = {m.pk: {p.pk for p in services.people_involved(m)} for m in loaded}

    assert len(queries) == 2
    assert {pk: {p.pk for p in people} for pk, people in many.items()} == single
    assert all(single.values())
    assert single[moments[1].pk] != single[moments[0].pk]
    assert not set().union(*single.values()) & {p.pk for p in other.people.values()}


def test_a_sweep_of_quality_reminders_takes_as_many_queries_for_40_moments_as_for_4(
    samen, smtp_server
):
    def sweep_queries(n):
        with scopes_disabled():
            schools = [
                f.SchoolFactory(partnership=samen.partnership, board=samen.board) for _ in range(n)
            ]
        for school in schools:
            plan(samen, school=school)
        with CaptureQueriesContext(connection) as queries:
            result = notifications.sweep()
        assert result.batches == 1
        return len(queries) - result.sent, result.sent

    few, few_sent = sweep_queries(4)
    many, many_sent = sweep_queries(40)

    # The new schools have no schoolopleider: each reminder goes to the coordinator only.
    assert (few_sent, many_sent) == (4, 40)
    assert few == many
