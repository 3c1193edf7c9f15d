"""The engine's pages: what failed (and its retry), what was sent to whom, each person's choice
between immediate mail and a weekly digest, and mail links that open real pages."""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from cycle import services as quality
from notifications import services
from notifications.models import Delivery, DigestEntry, MailPreference, Notification
from samen.errors import DomainError
from tests import clock
from tests.fixtures import actor

from .support import deliveries, notifications, plan


def url(tenant, name, **kwargs):
    return reverse(name, kwargs={"partnership_slug": tenant.partnership.slug, **kwargs})


def exhaust(tenant, kind, **plan_kwargs):
    """A notification that failed every attempt (both its recipients' messages fail)."""
    notification = plan(tenant, kind, **plan_kwargs)
    kind.broken = {tenant.people["coordinator"].pk, tenant.people["schoolopleider"].pk}
    now = timezone.now()
    for _ in range(services.MAX_ATTEMPTS):
        services.send_due(now=now)
        now += max(services.BACKOFF) + dt.timedelta(minutes=1)
    kind.broken = set()
    with scopes_disabled():
        notification.refresh_from_db()
    assert notification.failed_at is not None
    return notification


# --- The failed page and its retry ---------------------------------------------------------


def test_the_coordinator_sees_what_failed_for_whom_why_and_how_often(
    samen, other, kind, smtp_server, client_for
):
    exhaust(samen, kind)
    exhaust(other, kind)
    page = client_for(samen.users["coordinator"]).get(url(samen, "notifications:failed"))

    assert page.status_code == 200
    html = page.content.decode()
    assert "School Zonnebloem" in html  # what it is about
    assert str(samen.people["coordinator"]) in html  # for whom
    assert samen.people["schoolopleider"].email in html
    assert "RuntimeError" in html  # the error
    assert f'<td data-label="Pogingen">{services.MAX_ATTEMPTS}</td>' in html
    assert "Opnieuw proberen" in html
    assert "Kraanvogel" not in html  # the other partnership's failure


def test_a_notification_backing_off_is_listed_with_its_next_attempt(
    samen, kind, smtp_server, client_for
):
    plan(samen, kind)
    kind.broken = {samen.people["coordinator"].pk}
    services.send_due()
    client = client_for(samen.users["coordinator"])

    html = client.get(url(samen, "notifications:failed")).content.decode()
    assert "Nieuwe poging na" in html
    assert "Opnieuw proberen" not in html  # the sweep is still trying
    failed_only = client.get(url(samen, "notifications:failed"), {"status": "mislukt"})
    assert "Nieuwe poging na" not in failed_only.content.decode()


def test_opnieuw_proberen_asks_first_then_the_next_sweep_sends_it(
    samen, kind, smtp_server, client_for
):
    notification = exhaust(samen, kind)
    client = client_for(samen.users["coordinator"])
    retry_url = url(samen, "notifications:retry", pk=notification.pk)

    confirm = client.get(retry_url)
    assert confirm.status_code == 200
    assert "Herinnering opnieuw proberen?" in confirm.content.decode()
    assert notifications()[0].failed_at is not None, "a GET changes nothing"

    response = client.post(retry_url, {"confirm": "1"})
    assert response.status_code == 302
    assert response["Location"] == url(samen, "notifications:failed")
    [row] = notifications()
    assert (row.failed_at, row.attempts, row.next_attempt_at) == (None, 0, None)

    assert services.send_due() == 2
    assert smtp_server.inbox.count() == 2
    assert notifications()[0].done_at is not None
    # Done: no longer listed, no longer retried.
    assert (
        "School Zonnebloem" not in client.get(url(samen, "notifications:failed")).content.decode()
    )
    assert client.get(retry_url).status_code == 404


def test_a_notification_is_retried_once_when_two_coordinators_ask(samen, kind, smtp_server):
    notification = exhaust(samen, kind)
    with samen.scope():
        services.retry(actor(samen), notification)
        with pytest.raises(DomainError):
            services.retry(actor(samen), notification)


def test_whoever_received_it_already_is_not_mailed_again_after_a_retry(samen, kind, smtp_server):
    notification = plan(samen, kind)
    kind.broken = {samen.people["coordinator"].pk}
    now = timezone.now()
    for _ in range(services.MAX_ATTEMPTS):
        services.send_due(now=now)
        now += max(services.BACKOFF) + dt.timedelta(minutes=1)
    assert smtp_server.inbox.recipients() == [samen.people["schoolopleider"].email]
    kind.broken = set()
    with samen.scope():
        services.retry(actor(samen), notifications()[0])

    assert services.send_due(now=now) == 1
    assert sorted(smtp_server.inbox.recipients()) == sorted(
        [samen.people["schoolopleider"].email, samen.people["coordinator"].email]
    )
    assert len(deliveries(notification=notification)) == 2


def test_the_dashboard_counts_the_failed_notifications_for_the_coordinator(
    samen, kind, smtp_server, client_for
):
    exhaust(samen, kind)
    coordinator = client_for(samen.users["coordinator"]).get(url(samen, "dashboard"))
    assert "1 mislukt" in coordinator.content.decode()
    assert url(samen, "notifications:failed") in coordinator.content.decode()


# --- The delivery log -------------------------------------------------------------------------


def test_the_delivery_log_shows_what_was_sent_to_whom_and_when(
    samen, other, kind, smtp_server, client_for
):
    plan(samen, kind)
    plan(other, kind)
    services.send_due()
    client = client_for(samen.users["coordinator"])

    html = client.get(url(samen, "notifications:deliveries")).content.decode()
    assert html.count("Bericht: School Zonnebloem") == 2
    assert samen.people["schoolopleider"].email in html
    assert "Kraanvogel" not in html
    assert "direct" in html

    found = client.get(url(samen, "notifications:deliveries"), {"q": "schoolopleider"})
    assert samen.people["schoolopleider"].email in found.content.decode()
    assert samen.people["coordinator"].email not in found.content.decode()
    later = timezone.localdate() + dt.timedelta(days=1)
    none = client.get(url(samen, "notifications:deliveries"), {"van": later.isoformat()})
    assert "Er zijn geen verzonden herinneringen gevonden." in none.content.decode()

    export = client.get(url(samen, "notifications:deliveries"), {"export": "csv"})
    rows = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[0].split(";") == [
        "Verstuurd op",
        "Aan",
        "E-mailadres",
        "Onderwerp",
        "Soort",
        "Verstuurd als",
    ]
    assert len(rows) == 3
    assert all("Bericht: School Zonnebloem" in row for row in rows[1:])


def test_the_delivery_log_is_for_coordinators_of_the_whole_partnership(samen, client_for):
    for who in ("schoolopleider", "mentor", "stuurgroep"):
        response = client_for(samen.users[who]).get(url(samen, "notifications:deliveries"))
        assert response.status_code == 404, who


# --- Immediate mail or a weekly digest ---------------------------------------------------------


def test_a_person_chooses_the_weekly_digest_on_their_own_page(samen, client_for):
    client = client_for(samen.users["mentor"])
    page = client.get(url(samen, "notifications:preferences"))
    assert page.status_code == 200
    assert "Eén wekelijks overzicht" in page.content.decode()

    response = client.post(url(samen, "notifications:preferences"), {"mode": "weekoverzicht"})
    assert response.status_code == 302
    with scopes_disabled():
        [preference] = MailPreference.objects.all()
    assert (preference.person_id, preference.mode) == (samen.people["mentor"].pk, "weekoverzicht")

    bad = client.post(url(samen, "notifications:preferences"), {"mode": "per-duif"})
    assert bad.status_code == 200
    with scopes_disabled():
        assert MailPreference.objects.get().mode == "weekoverzicht"
    dashboard = client.get(url(samen, "dashboard")).content.decode()
    assert "Eén wekelijks overzicht (op maandag)" in dashboard


def test_someone_without_a_person_here_has_no_preference_page(samen, client):
    from guardian.shortcuts import assign_perm

    from tests import factories as f

    with scopes_disabled():
        reviewer = f.UserFactory()
    assign_perm("quality.view_dossier", reviewer, samen.dossier)
    client.force_login(reviewer)
    assert client.get(url(samen, "notifications:preferences")).status_code == 404


def choose_digest(tenant, who):
    with tenant.scope():
        services.set_preference(actor(tenant, who), MailPreference.Mode.DIGEST)


def test_the_weekly_digest_collects_the_weeks_reminders_in_one_mail_each_once(
    samen, kind, smtp_server
):
    choose_digest(samen, "coordinator")
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday() + 7)
    with scopes_disabled():
        from tests import factories as f

        schools = [f.SchoolFactory(partnership=samen.partnership, board=samen.board) for _ in "abc"]
    for day, school in zip((0, 2, 6), schools, strict=True):  # Monday, Wednesday, Sunday
        notification = plan(samen, kind, target=school)
        with scopes_disabled():
            Notification.objects.filter(pk=notification.pk).update(
                send_on=monday + dt.timedelta(days=day)
            )
        services.send_due(today=monday + dt.timedelta(days=day))
        services.send_due(today=monday + dt.timedelta(days=day))  # a duplicated sweep

    coordinator = samen.people["coordinator"].email
    assert coordinator not in smtp_server.inbox.recipients()
    assert smtp_server.inbox.recipients().count(samen.people["schoolopleider"].email) == 3
    with scopes_disabled():
        assert DigestEntry.objects.count() == 3
    assert all(n.done_at for n in notifications(kind="test.bericht"))

    next_monday = monday + dt.timedelta(days=7)
    assert services.send_due(today=next_monday) == 1
    assert services.send_due(today=next_monday) == 0
    [digest] = [m for m in smtp_server.inbox.received if m.rcpt_tos == [coordinator]]
    assert digest.subject == "Weekoverzicht: 3 herinneringen"
    for school in schools:
        assert digest.body.count(f"Bericht: {school.name}") == 1
    preferences_url = django_settings.SAMEN_BASE_URL + url(samen, "notifications:preferences")
    assert preferences_url in digest.body
    by_digest = deliveries(channel=Delivery.Channel.DIGEST)
    assert len(by_digest) == 3
    assert {d.email for d in by_digest} == {coordinator}
    [row] = notifications(kind=services.DIGEST)
    assert row.done_at is not None and row.send_on == next_monday


#: A Wednesday: its digest goes out on the Monday after, not the next day.
WEDNESDAY = clock.WORLD_DAY
#: The Sunday after it (the day this test once failed on): its digest goes out the next day.
SUNDAY = WEDNESDAY + dt.timedelta(days=4)


@time_machine.travel(WEDNESDAY)
def test_a_reminder_waiting_in_a_digest_still_goes_when_its_person_switches_back(
    samen, kind, smtp_server
):
    choose_digest(samen, "coordinator")
    plan(samen, kind)
    today = timezone.localdate()
    assert today.weekday() == WEDNESDAY.weekday() == 2
    services.send_due(today=today)
    with samen.scope():
        services.set_preference(actor(samen, "coordinator"), MailPreference.Mode.DIRECT)
    plan(samen, kind, days_ago=-1)
    services.send_due(today=today + dt.timedelta(days=1))

    coordinator = samen.people["coordinator"].email
    assert smtp_server.inbox.recipients().count(coordinator) == 1  # the new one, directly
    services.send_due(today=services.next_digest_day(today))
    assert smtp_server.inbox.recipients().count(coordinator) == 2  # and the waiting one
    assert len(deliveries(email=coordinator)) == 2


@time_machine.travel(SUNDAY)
def test_a_reminder_put_in_the_digest_on_a_sunday_goes_out_the_next_day_with_mondays_mail(
    samen, kind, smtp_server
):
    """On a Sunday the next digest day is tomorrow: the reminder waits one night, and on
    Monday goes out in the digest, in the same sweep as Monday's direct mail."""
    choose_digest(samen, "coordinator")
    plan(samen, kind)
    today = timezone.localdate()
    assert today.weekday() == 6
    monday = today + dt.timedelta(days=1)
    assert services.next_digest_day(today) == monday
    services.send_due(today=today)
    coordinator = samen.people["coordinator"].email
    assert coordinator not in smtp_server.inbox.recipients()  # waiting in Monday's digest
    with samen.scope():
        services.set_preference(actor(samen, "coordinator"), MailPreference.Mode.DIRECT)
    plan(samen, kind, days_ago=-1)
    services.send_due(today=monday)

    assert smtp_server.inbox.recipients().count(coordinator) == 2  # the new one and the digest
    [digest] = [m for m in smtp_server.inbox.received if m.subject.startswith("Weekoverzicht")]
    assert digest.rcpt_tos == [coordinator]
    assert {d.channel for d in deliveries(email=coordinator)} == {
        Delivery.Channel.DIGEST,
        Delivery.Channel.DIRECT,
    }
    services.send_due(today=monday)  # a duplicated sweep sends nothing twice
    assert smtp_server.inbox.recipients().count(coordinator) == 2


# --- Links in mails ------------------------------------------------------------------------------


def test_the_link_in_a_reminder_opens_the_page_it_names_for_its_recipient(
    samen, smtp_server, client_for, settings
):
    settings.SAMEN_BASE_URL = "https://samen.example.org"
    with samen.scope():
        quality.plan_review_moment(
            partnership=samen.partnership,
            school=samen.school,
            due_on=timezone.localdate() + dt.timedelta(days=7),
            title="Evaluatiegesprek Zonnebloem",
        )
    services.send_due()

    for received in smtp_server.inbox.received:
        [link] = re.findall(r"https?://\S+", received.body)
        parts = urlsplit(link)
        assert f"{parts.scheme}://{parts.netloc}" == "https://samen.example.org"
        [address] = received.rcpt_tos
        user = next(u for u in samen.users.values() if u.email == address)
        page = client_for(user).get(parts.path)
        assert page.status_code == 200, link
        assert "Evaluatiegesprek Zonnebloem" in page.content.decode()


def test_the_link_in_a_digest_opens_the_preference_page(samen, smtp_server, client_for):
    choose_digest(samen, "coordinator")
    with samen.scope():
        quality.plan_review_moment(
            partnership=samen.partnership,
            school=samen.school,
            due_on=timezone.localdate() + dt.timedelta(days=7),
            title="Evaluatiegesprek Zonnebloem",
        )
    services.send_due()
    services.send_due(today=services.next_digest_day(timezone.localdate()))
    [digest] = [m for m in smtp_server.inbox.received if m.subject.startswith("Weekoverzicht")]

    links = re.findall(r"https?://\S+", digest.body)
    assert len(links) == 2  # the moment's page, and where to change the choice
    client = client_for(samen.users["coordinator"])
    for link in links:
        assert link.startswith(django_settings.SAMEN_BASE_URL)
        assert client.get(urlsplit(link).path).status_code == 200, link
