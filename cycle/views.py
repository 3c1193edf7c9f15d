"""The kwaliteitscyclus's pages: the moments with their reminders, the cycle, the calendar
(month and schooljaar), a moment, the schools' quality dashboards, and each person's
agenda-koppeling (ICS feed)."""

import django_filters as filters
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.dates import MONTHS
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.models import Notification
from notifications.services import absolute_url
from partnerships.models import School
from samen.access import get_for, public, require
from samen.lists import Column, ListView
from samen.schooljaar import Schooljaar
from samen.views import ActionView, ConfirmView

from . import generation, selectors, services, traffic_light
from .agenda import feed as person_feed
from .agenda import person_for_token, reset_token, token_of
from .filters import MomentFilter
from .forms import CycleActivityForm, GenerateForm, MomentDoneForm
from .models import CycleActivity, ReviewMoment

VIEW = "reviewmoment.view"


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
    return render(
        request,
        "cycle/cycle_list.html",
        {
            "groups": selectors.cycle_by_moment(request.access),
            "can_manage": request.access.can("cycle.manage"),
            "generate_form": GenerateForm(),
            "missing_cohorts": generation.missing_cohorts(request.partnership),
        },
    )


class _CycleStep(ActionView):
    """A step on the kwaliteitscyclus, by a coordinator for the whole partnership; back to
    the cycle's table, and there again after it."""

    action = "cycle.manage"

    def get_back_url(self):
        return reverse("cycle:cycle", kwargs={"partnership_slug": self.request.partnership.slug})

    def get_back_label(self):
        return _("Kwaliteitscyclus")

    def get_success_url(self, result):
        return self.get_back_url()


class _CycleRowStep(_CycleStep):
    form_class = CycleActivityForm
    success_message = gettext_lazy("De activiteit is opgeslagen.")

    def perform(self, form):
        return generation.save_activity(self.request.access, form.save(commit=False))


class CycleActivityCreate(_CycleRowStep):
    title = gettext_lazy("Activiteit toevoegen")

    def get_instance(self):
        return None


class CycleActivityEdit(_CycleRowStep):
    model = CycleActivity
    intro = gettext_lazy(
        "Momenten die al gemaakt zijn, houden hun datum; de wijziging geldt voor momenten die "
        "nog gemaakt worden."
    )

    def get_title(self):
        return self.object.name


class CycleGenerate(_CycleStep):
    """Generates a schooljaar's moments (this one or the next) — a button on the cycle's
    page: nothing twice; then its year in the calendar."""

    form_class = GenerateForm
    has_form_page = False
    http_method_names = ["post"]

    def perform(self, form):
        year = form.cleaned_data["schooljaar"]
        return year, generation.generate(self.request.access, year)

    def get_success_message(self, result):
        year, created = result
        return _("%(n)d nieuwe momenten voor schooljaar %(year)s; wat er al was, bleef staan.") % {
            "n": len(created),
            "year": Schooljaar(year),
        }

    def get_success_url(self, result):
        year, _created = result
        return reverse(
            "cycle:calendar_year",
            kwargs={"partnership_slug": self.request.partnership.slug, "year": year},
        )


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
    last day and on the first of a longer window, the moments the viewer may see only; a day
    with more than it can show counts them, with a link to that day's list. A few queries,
    however many moments (selectors.month_grid)."""
    require(request, VIEW)
    if not (1 <= month <= 12 and selectors.FIRST_YEAR <= year <= selectors.LAST_YEAR):
        raise Http404
    today = timezone.localdate()
    grid = selectors.month_grid(
        selectors.moments_in_reach(request.access), year, month, today=today
    )
    return render(
        request,
        "cycle/month.html",
        {
            "weeks": grid.weeks,
            "month_start": grid.first,
            "month_name": MONTHS[month],
            "year": year,
            # No link past the calendar's ends (the pages there answer 404).
            "previous": grid.previous,
            "following": grid.following,
            "schooljaar": Schooljaar.of(grid.first),
            "count": grid.count,
            "due": grid.due,
            "beginning": grid.beginning,
            "today": today,
        },
    )


def calendar_year(request, partnership_slug, year):
    """A schooljaar's moments, month by month of their first day: a month lists them or,
    with more than it can show, counts them per kind with links to them. Two queries."""
    require(request, VIEW)
    if not selectors.FIRST_YEAR <= year <= selectors.LAST_YEAR:
        raise Http404
    months = selectors.schooljaar_months(selectors.moments_in_reach(request.access), year)
    previous, following = selectors.neighbours(year)
    return render(
        request,
        "cycle/year.html",
        {
            "schooljaar": Schooljaar(year),
            "months": months,
            "count": sum(m.count for m in months),
            "today": timezone.localdate(),
            "previous": previous,
            "following": following,
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


class MomentDone(ConfirmView):
    """Marks a moment done, with its outcome, asked on the confirmation itself: the remaining
    reminders stop, and it cannot be undone."""

    action = "reviewmoment.complete"
    model = ReviewMoment
    form_class = MomentDoneForm
    confirm_fields = ("outcome_note", "done_on")
    confirm_intro = gettext_lazy(
        "Het moment krijgt de status ‘afgerond’ met de uitkomst die u hieronder noteert. "
        "Herinneringen die nog gepland staan, worden dan niet meer verstuurd. Dit kunt u niet "
        "ongedaan maken."
    )
    irreversible = False  # the intro says so
    confirm_button = gettext_lazy("Ja, afronden")
    success_message = gettext_lazy("Het moment is afgerond.")

    def get_confirm_title(self, form):
        return _("‘%(title)s’ afronden?") % {"title": self.object.title}

    def perform(self, form):
        data = form.cleaned_data
        return services.mark_done(
            self.request.access, self.object, note=data["outcome_note"], done_on=data["done_on"]
        )


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
        selectors.moments_in_reach(request.access)
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


class AgendaReset(ConfirmView):
    """Asks first, then replaces the person's own secret: the old URL stops working at once.
    Anyone with a person in the partnership has one (no rule: 404 for someone without)."""

    confirm_title = gettext_lazy("Agenda-koppeling vernieuwen?")
    confirm_intro = gettext_lazy(
        "U krijgt een nieuw adres. Het oude adres werkt direct niet meer: agenda's die het "
        "gebruiken, tonen uw momenten niet meer tot u het nieuwe adres daar invult. Dit kunt u "
        "niet ongedaan maken."
    )
    irreversible = False  # the intro says so
    danger = True
    confirm_button = gettext_lazy("Ja, vernieuwen")
    success_message = gettext_lazy(
        "Uw agenda-koppeling is vernieuwd. Het oude adres werkt niet meer."
    )

    def get_object(self):
        if self.request.access.person is None:
            raise Http404
        return None

    def get_back_url(self):
        return reverse("cycle:agenda", kwargs={"partnership_slug": self.request.partnership.slug})

    def get_back_label(self):
        return _("Agenda-koppeling")

    def get_success_url(self, result):
        return self.get_back_url()

    def perform(self, form):
        return reset_token(self.request.access)


@public
def feed(request, partnership_slug, token):
    """The ICS feed: the secret in the URL is the only key (calendar apps log in to nothing).
    An unknown or replaced secret answers 404, as does one of another partnership. A client
    that has this version (If-None-Match, If-Modified-Since) gets 304 without the body."""
    person = person_for_token(token)
    if person is None:
        raise Http404
    agenda = person_feed(
        person, name=f"{request.partnership.name}: {person}", today=timezone.localdate()
    )
    etag = quote_etag(agenda.etag)
    last_modified = int(agenda.last_modified.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = HttpResponse(agenda.content(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="samen.ics"'
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
