"""The kwaliteitscyclus's pages: the moments with their reminders, the cycle, the calendar
(month and schooljaar), a moment, the schools' quality dashboards, and each person's
agenda-koppeling (ICS feed)."""

import calendar as stdlib_calendar
import datetime as dt
from itertools import groupby

import django_filters as filters
from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from notifications.models import Notification
from notifications.services import absolute_url
from partnerships.models import School
from samen import calendar as agenda_sources
from samen.access import get_for, public, require
from samen.errors import DomainError
from samen.lists import Column, ListView
from samen.schooljaar import Schooljaar

from . import generation, services, traffic_light
from .agenda import person_for_token, reset_token, token_of
from .filters import MomentFilter
from .forms import CycleActivityForm, MomentDoneForm
from .models import CycleActivity, ReviewMoment

VIEW = "reviewmoment.view"


def _moments(request):
    return request.access.filter(VIEW, ReviewMoment.objects.all()).select_related(
        "school", "partner__organisation"
    )


# --- The moments and their reminders ------------------------------------------------------


class MomentList(ListView):
    """The review moments in reach, with their reminders: planned, and to whom they went."""

    action = "reviewmoment.view"
    filterset_class = MomentFilter
    template_name = "cycle/moment_list.html"
    partial_template_name = "cycle/_moment_rows.html"
    export_name = "evaluatiemomenten"
    columns = [
        Column(gettext_lazy("Moment"), "title", sort="moment"),
        Column(gettext_lazy("School"), "school.name", show=False),
        Column(gettext_lazy("Datum"), "due_on", sort="datum"),
        Column(
            gettext_lazy("Herinneringen"),
            lambda m: sum(len(n.deliveries.all()) for n in m.reminders),
        ),
    ]

    def get_queryset(self):
        return ReviewMoment.objects.select_related("school").prefetch_related(
            Prefetch(
                "notifications",
                queryset=Notification.objects.filter(
                    kind__in=[services.UPCOMING, services.OVERDUE]
                ).prefetch_related("deliveries"),
                to_attr="reminders",
            )
        )


moment_list = MomentList.as_view()


# --- The cycle ---------------------------------------------------------------------------------


def cycle_list(request, partnership_slug):
    """The partnership's kwaliteitscyclus as its table, and generating a schooljaar from it."""
    require(request, "cycle.view")
    activities = list(request.access.filter("cycle.view", CycleActivity.objects.all()))
    today = timezone.localdate()
    current = Schooljaar.of(today).start_year
    return render(
        request,
        "cycle/cycle_list.html",
        {
            "groups": [
                (label, list(rows))
                for label, rows in groupby(activities, key=lambda a: a.get_moment_display())
            ],
            "can_manage": request.access.can("cycle.manage"),
            "years": [Schooljaar(y) for y in (current, current + 1)],
            "missing_cohorts": generation.missing_cohorts(request.partnership),
        },
    )


def cycle_edit(request, partnership_slug, pk=None):
    require(request, "cycle.manage")
    activity = None
    if pk is not None:
        activity = get_for(request, "cycle.manage", CycleActivity.objects.all(), pk=pk)
    form = CycleActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        try:
            generation.save_activity(request.access, form.save(commit=False))
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("De activiteit is opgeslagen."))
            return redirect("cycle:cycle", partnership_slug=partnership_slug)
    return render(request, "cycle/cycle_form.html", {"form": form, "activity": activity})


@require_POST
def cycle_generate(request, partnership_slug):
    """Generates a schooljaar's moments (this one or the next): nothing twice."""
    require(request, "cycle.manage")
    current = Schooljaar.current().start_year
    try:
        year = int(request.POST.get("schooljaar", ""))
    except ValueError:
        year = None
    if year not in (current, current + 1):
        messages.error(request, _("Kies dit of het volgende schooljaar."))
        return redirect("cycle:cycle", partnership_slug=partnership_slug)
    try:
        created = generation.generate(request.access, year)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(n)d nieuwe momenten voor schooljaar %(year)s; wat er al was, bleef staan.")
            % {"n": len(created), "year": Schooljaar(year)},
        )
    return redirect("cycle:calendar_year", partnership_slug=partnership_slug, year=year)


# --- The calendar ------------------------------------------------------------------------------


def calendar_today(request, partnership_slug):
    require(request, VIEW)
    today = timezone.localdate()
    return redirect(
        "cycle:calendar_month",
        partnership_slug=partnership_slug,
        year=today.year,
        month=today.month,
    )


def calendar_month(request, partnership_slug, year, month):
    """A month as a grid of days (a list of days with moments on a phone): each moment on its
    last day, the moments the viewer may see only. Two queries, however many moments."""
    require(request, VIEW)
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    first = dt.date(year, month, 1)
    last = dt.date(year, month, stdlib_calendar.monthrange(year, month)[1])
    today = timezone.localdate()
    by_day = {}
    for moment in _moments(request).filter(due_on__range=(first, last)).order_by("due_on", "pk"):
        by_day.setdefault(moment.due_on, []).append(moment)
    weeks = [
        [
            {
                "date": day,
                "in_month": day.month == month,
                "is_today": day == today,
                "moments": by_day.get(day, []),
            }
            for day in week
        ]
        for week in stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    previous = first - dt.timedelta(days=1)
    following = last + dt.timedelta(days=1)
    return render(
        request,
        "cycle/month.html",
        {
            "weeks": weeks,
            "month_start": first,
            "month_name": MONTHS[month],
            "year": year,
            # No link past the calendar's ends (the pages there answer 404).
            "previous": previous if previous.year >= 2000 else None,
            "following": following if following.year <= 2100 else None,
            "schooljaar": Schooljaar.of(first),
            "count": sum(len(v) for v in by_day.values()),
            "today": today,
        },
    )


def calendar_year(request, partnership_slug, year):
    """A schooljaar's moments, month by month (by their last day). One query."""
    require(request, VIEW)
    if not 2000 <= year <= 2100:
        raise Http404
    today = timezone.localdate()
    rows = list(_moments(request).filter(schooljaar=year).order_by("due_on", "title", "pk"))
    months = [
        (dt.date(y, m, 1), list(items))
        for (y, m), items in groupby(rows, key=lambda r: (r.due_on.year, r.due_on.month))
    ]
    return render(
        request,
        "cycle/year.html",
        {
            "schooljaar": Schooljaar(year),
            "months": months,
            "count": len(rows),
            "today": today,
            "previous": Schooljaar(year - 1) if year > 2000 else None,
            "following": Schooljaar(year + 1) if year < 2100 else None,
            "can_manage": request.access.can("cycle.manage"),
        },
    )


def moment_detail(request, partnership_slug, pk):
    """A moment: its window and status, where it comes from in the cycle, who takes part
    (resolved now, as reminders are), its reminders, and marking it done."""
    moment = get_for(
        request,
        VIEW,
        ReviewMoment.objects.select_related("school", "partner__organisation", "cycle_activity"),
        pk=pk,
    )
    reminders = Notification.objects.filter(
        review_moment=moment, kind__in=[services.UPCOMING, services.OVERDUE]
    ).prefetch_related("deliveries")
    return render(
        request,
        "cycle/moment_detail.html",
        {
            "moment": moment,
            "status": moment.status_on(timezone.localdate()),
            "people": services.people_involved(moment),
            "reminders": reminders,
            "can_complete": moment.done_on is None
            and request.access.can("reviewmoment.complete", moment),
            "can_see_school": moment.school is not None
            and request.access.can("school.quality", moment.school),
        },
    )


def moment_done(request, partnership_slug, pk):
    """Marks a moment done, with its outcome (asked first: the remaining reminders stop)."""
    moment = get_for(request, "reviewmoment.complete", ReviewMoment.objects.all(), pk=pk)
    form = MomentDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.mark_done(
                request.access,
                moment,
                note=form.cleaned_data["outcome_note"],
                done_on=form.cleaned_data["done_on"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Het moment is afgerond."))
            return redirect("cycle:moment", partnership_slug=partnership_slug, pk=pk)
    return render(request, "cycle/moment_done.html", {"moment": moment, "form": form})


# --- Quality per school ------------------------------------------------------------------------


def school_quality(request, partnership_slug, pk):
    """A school's quality at a glance: last scan, last evaluatiegesprek, next peer review,
    open actions, as a traffic light in words and colour; and its moments."""
    today = timezone.localdate()
    school = get_for(
        request,
        "school.quality",
        traffic_light.with_quality(School.objects.select_related("board__organisation"), today),
        pk=pk,
    )
    actions = traffic_light.open_actions([school.pk]).get(school.pk, 0)
    current = Schooljaar.of(today).start_year
    moments = (
        _moments(request)
        .filter(school=school, schooljaar__gte=current - 1, schooljaar__lte=current + 1)
        .order_by("due_on", "pk")
    )
    return render(
        request,
        "cycle/school_quality.html",
        {
            "school": school,
            "light": traffic_light.light(school, actions),
            "actions": actions,
            "moments": moments,
            "today": today,
        },
    )


class SchoolQualityFilter(filters.FilterSet):
    q = filters.CharFilter(label=gettext_lazy("Zoeken"), field_name="name", lookup_expr="icontains")
    sorteer = filters.OrderingFilter(
        fields=(("name", "naam"), ("overdue", "over-tijd"), ("next_peer_review", "peer-review"))
    )

    class Meta:
        model = School
        fields = []


def _light(school):
    return traffic_light.light(school)


class SchoolQualityList(ListView):
    """Every school in reach with its traffic light: one query for the page, however many."""

    action = "school.quality"
    filterset_class = SchoolQualityFilter
    template_name = "cycle/school_quality_list.html"
    partial_template_name = "cycle/_school_quality_rows.html"
    export_name = "kwaliteit-per-school"
    columns = [
        Column(gettext_lazy("School"), "name", sort="naam"),
        Column(gettext_lazy("Laatste scan"), "last_scan"),
        Column(gettext_lazy("Laatste evaluatiegesprek"), "last_evaluatie"),
        Column(gettext_lazy("Volgende peer review"), "next_peer_review", sort="peer-review"),
        Column(gettext_lazy("Over tijd"), "overdue", sort="over-tijd"),
        Column(gettext_lazy("Stoplicht"), lambda s: f"{_light(s).label}: {_light(s).reason}"),
    ]

    def get_queryset(self):
        return traffic_light.with_quality(
            School.objects.select_related("board__organisation").order_by("name"),
            timezone.localdate(),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [(s, _light(s)) for s in context["page"].object_list]
        return context


school_quality_list = SchoolQualityList.as_view()


# --- The agenda-koppeling (ICS feed) -----------------------------------------------------------


def _feed_url(token):
    return absolute_url(
        reverse(
            "cycle:feed",
            kwargs={"partnership_slug": token.partnership.slug, "token": token.token},
        )
    )


def agenda(request, partnership_slug):
    """The person's own secret feed URL, to paste into their calendar app."""
    person = request.access.person
    if person is None:
        raise Http404
    token = token_of(person)
    return render(request, "cycle/agenda.html", {"feed_url": _feed_url(token)})


def agenda_reset(request, partnership_slug):
    """Asks first, then replaces the secret: the old URL stops working at once."""
    if request.access.person is None:
        raise Http404
    if request.method == "POST":
        reset_token(request.access)
        messages.success(
            request,
            _("Uw agenda-koppeling is vernieuwd. Het oude adres werkt niet meer."),
        )
        return redirect("cycle:agenda", partnership_slug=partnership_slug)
    return render(request, "cycle/agenda_reset.html")


@public
def feed(request, partnership_slug, token):
    """The ICS feed: the secret in the URL is the only key (calendar apps log in to nothing).
    An unknown or replaced secret answers 404, as does one of another partnership."""
    person = person_for_token(token)
    if person is None:
        raise Http404
    today = timezone.localdate()
    ical = Calendar()
    ical.add("prodid", "-//Samen//Kwaliteitscyclus//NL")
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("x-wr-calname", f"{request.partnership.name}: {person}")
    stamp = timezone.now()
    for item in agenda_sources.events_for(person, today=today):
        event = Event()
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
    response = HttpResponse(ical.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="samen.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
