"""The agenda-koppeling (ICS feed): the review moments each person takes part in, which cycle
adds to their feed (samen.calendar's registry: on their last day, from last schooljaar to
next), the secret in the feed's URL, and the feed itself as iCalendar (served by
cycle/views.py).
"""

import datetime as dt
import secrets

import icalendar
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from roles.models import RoleAssignment
from samen import calendar
from samen.permissions import OutOfReach
from samen.schooljaar import Schooljaar

from . import services
from .models import CalendarToken, ReviewMoment
from .services import moment_url


def feed_years(today):
    """The schooljaren the feed holds: last year's, this year's and next year's."""
    current = Schooljaar.of(today).start_year
    return current - 1, current + 1


def moments_of_person(person, *, years):
    """The moments `person` takes part in (services.people_involved), in schooljaren
    `years` (first, last), by date. Two steps: the moments their assignments could reach
    (one query), then the same rule the reminders use, for exactly those."""
    first, last = years
    assignments = list(
        RoleAssignment.objects.filter(person=person, schooljaar_from__lte=last)
        .filter(Q(schooljaar_to__isnull=True) | Q(schooljaar_to__gte=first))
        .select_related("school")
    )
    near = None
    for a in assignments:
        if a.is_partnership_wide:
            place = Q()
        elif a.school_id:
            place = Q(school_id=a.school_id) | Q(school__isnull=True, partner_id=a.school.board_id)
        elif a.partner_id:
            place = Q(school__board_id=a.partner_id) | Q(partner_id=a.partner_id)
        else:
            place = Q(school__groupings=a.grouping_id)
        year = Q(schooljaar__gte=a.schooljaar_from)
        if a.schooljaar_to is not None:
            year &= Q(schooljaar__lte=a.schooljaar_to)
        near = place & year if near is None else near | (place & year)
    if near is None:
        return []
    candidates = list(
        ReviewMoment.objects.filter(near, schooljaar__gte=first, schooljaar__lte=last)
        .select_related("school", "partner__organisation", "cycle_activity", "partnership")
        .distinct()
        .order_by("due_on", "pk")
    )
    involved = services.people_involved_many(candidates)
    return [m for m in candidates if any(p.pk == person.pk for p in involved[m.pk])]


def token_of(person):
    """The person's agenda-koppeling secret, made the first time it is asked for."""
    token, _created = CalendarToken.objects.get_or_create(
        person=person,
        defaults={"partnership_id": person.partnership_id, "token": secrets.token_urlsafe(32)},
    )
    return token


@transaction.atomic
def reset_token(actor):
    """Gives the acting person a new agenda-koppeling secret: the old URL answers 404 from
    now on. Guarantees: only one's own (someone without a person here is refused)."""
    if actor.person is None:
        raise OutOfReach()
    CalendarToken.objects.filter(person=actor.person).delete()
    return CalendarToken.objects.create(
        partnership=actor.partnership, person=actor.person, token=secrets.token_urlsafe(32)
    )


def ics(person, *, name, today):
    """The person's agenda as an iCalendar file (bytes): the events every app adds to it
    (samen.calendar), each all day from its first to its last day, in a calendar called
    `name`. Run inside the person's partnership scope."""
    ical = icalendar.Calendar()
    ical.add("prodid", "-//Samen//Kwaliteitscyclus//NL")
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("x-wr-calname", name)
    stamp = timezone.now()
    for item in calendar.events_for(person, today=today):
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("summary", item.title)
        event.add("dtstart", item.start)
        event.add("dtend", item.end + dt.timedelta(days=1))  # all-day: DTEND is exclusive
        if item.url:
            event.add("url", item.url)
        if item.description:
            event.add("description", item.description)
        ical.add_component(event)
    return ical.to_ical()


def person_for_token(token):
    """The person a feed secret belongs to in the active partnership, or None."""
    if not token:
        return None
    found = CalendarToken.objects.filter(token=token).select_related("person").first()
    return found.person if found is not None else None


# --- The moments in the feed ------------------------------------------------------------


def review_moments(person, *, today):
    years = feed_years(today)
    for moment in moments_of_person(person, years=years):
        lines = [
            _("Periode: %(start)s t/m %(end)s")
            % {
                "start": date_format(moment.window_start, "j F Y"),
                "end": date_format(moment.due_on, "j F Y"),
            },
            _("Status: %(status)s") % {"status": moment.Status(moment.status_on(today)).label},
        ]
        if moment.place is not None:
            lines.append(_("Waar: %(place)s") % {"place": moment.place})
        if moment.cycle_activity_id:
            lines.append(moment.cycle_activity.activity)
        yield calendar.Event(
            uid=f"reviewmoment-{moment.pk}@{moment.partnership.slug}.samen",
            title=moment.title,
            start=moment.due_on,
            end=moment.due_on,
            url=moment_url(moment),
            description="\n".join(lines),
        )


calendar.register("cycle.review_moments", review_moments)
