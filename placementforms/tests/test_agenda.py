"""A placement form's deadline stands in the agenda feed of the people who still have to fill
it in or sign it, and of no one else."""

import datetime as dt
import re

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from icalendar import Calendar

from questionnaires.models import ResponseStatus


def feed(client, tenant, user):
    """The events of `user`'s feed, read as a calendar app would (no session)."""
    client.force_login(user)
    page = client.get(reverse("cycle:agenda", args=[tenant.partnership.slug])).content.decode()
    [url] = re.findall(r'value="([^"]+\.ics)"', page)
    client.logout()
    response = client.get(url.removeprefix(settings.SAMEN_BASE_URL))
    assert response.status_code == 200
    return {str(e["UID"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def uid(tenant):
    return f"placementform-{tenant.placement_form.pk}@{tenant.partnership.slug}.samen"


def test_the_startgesprek_deadline_is_in_the_student_mentor_and_io_feeds(samen, client):
    due = timezone.localdate() + dt.timedelta(days=10)
    with scopes_disabled():
        samen.placement_form.due_on = due
        samen.placement_form.save(update_fields=["due_on"])
    for who in ("student", "mentor", "io"):
        event = feed(client, samen, samen.users[who])[uid(samen)]
        assert event.decoded("DTSTART") == due
        assert str(samen.placement.student) in str(event["SUMMARY"])
        assert str(event["URL"]).endswith(f"/stages/{samen.placement.pk}/formulieren/start/")


def test_no_one_else_sees_the_deadline_and_a_locked_form_leaves_the_feed(samen, client):
    with scopes_disabled():
        samen.placement_form.due_on = timezone.localdate() + dt.timedelta(days=10)
        samen.placement_form.save(update_fields=["due_on"])
    for who in ("schoolopleider", "stuurgroep", "coordinator"):
        assert uid(samen) not in feed(client, samen, samen.users[who])
    with scopes_disabled():
        response = samen.placement_form.response
        response.status = ResponseStatus.LOCKED
        response.save(update_fields=["status"])
    assert uid(samen) not in feed(client, samen, samen.users["student"])


def test_a_form_closed_by_an_overstap_leaves_the_feed(samen, client):
    with scopes_disabled():
        samen.placement_form.due_on = timezone.localdate() + dt.timedelta(days=10)
        samen.placement_form.closed_at = timezone.now()
        samen.placement_form.closed_reason = "Overgestapt naar De Klimop."
        samen.placement_form.save(update_fields=["due_on", "closed_at", "closed_reason"])
    for who in ("student", "mentor", "io"):
        assert uid(samen) not in feed(client, samen, samen.users[who])
