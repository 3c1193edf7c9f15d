import datetime as dt

from django.contrib import messages
from django.db.models import Count, Min, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from partnerships.models import Sector
from samen.access import get_for, require
from samen.errors import DomainError
from samen.lists import Column, ListView
from samen.schooljaar import Schooljaar

from . import selectors, services
from .filters import LeergroepFilter, PlacementFilter
from .forms import (
    CoachForm,
    ExtendForm,
    LeergroepCreateForm,
    LeergroepForm,
    LeergroepMeetingForm,
    OverstapForm,
    PlacementForm,
)
from .models import Leergroep, LeergroepMeeting, Placement, PlacementStatus

PAGE_SIZE = 50


class PlacementList(ListView):
    action = "placement.view"
    filterset_class = PlacementFilter
    template_name = "placements/placement_list.html"
    partial_template_name = "placements/_placement_rows.html"
    export_name = "stages"
    columns = [
        Column(gettext_lazy("Aankomende leraar"), "student", sort="aankomende_leraar"),
        Column(gettext_lazy("School"), "school.name", sort="school"),
        Column(gettext_lazy("Groep of vak"), "group", show=False),
        # In VO with a coach, the mentor field holds the vakbegeleider (the row says so).
        Column(gettext_lazy("Mentor"), "mentor", sort="mentor"),
        Column(gettext_lazy("Coach"), "coach", show=False),
        Column(gettext_lazy("Instituutsopleider"), "instituutsopleider", show=False),
        Column(gettext_lazy("Periode"), None, sort="periode", export=False),
        Column(gettext_lazy("Begindatum"), "starts_on", show=False),
        Column(gettext_lazy("Einddatum"), "ends_on", show=False),
        Column(gettext_lazy("Status"), "get_status_display", sort="status"),
    ]

    def get_queryset(self):
        # The default order (newest first, then the student's name) joins the student for
        # every row in reach before the page is cut; the other people are fetched for the
        # page's rows only (one query each), so PostgreSQL sorts a narrow join.
        return Placement.objects.select_related("student", "school").prefetch_related(
            "mentor", "coach", "instituutsopleider"
        )

    def paginate_queryset(self, queryset, page_size):
        """Sorts and cuts the page on narrow rows (the id and the sort keys), then reads the
        page's 50 wide rows by id: the database sorts 20,000 short rows instead of 20,000
        rows carrying every column of the placement, its student and its school."""
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        ids = list(rows.values_list("pk", flat=True))
        by_id = {p.pk: p for p in queryset.order_by().filter(pk__in=ids)}
        page.object_list = [by_id[pk] for pk in ids if pk in by_id]
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        access = self.request.access
        context["can_manage"] = access.can("placement.manage")
        return context


placement_list = PlacementList.as_view()


def placement_create(request, partnership_slug):
    require(request, "placement.manage")
    form = PlacementForm(request.POST or None, access=request.access)
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.create_placement(request.access, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De stage is aangemaakt."))
            return redirect("placements:detail", partnership_slug=partnership_slug, pk=placement.pk)
    return render(request, "placements/placement_form.html", {"form": form})


def placement_detail(request, partnership_slug, pk):
    placement = get_for(
        request,
        "placement.view",
        Placement.objects.select_related(
            "student",
            "school",
            "mentor",
            "coach",
            "instituutsopleider",
            "duo_with__student",
            "period",
        ),
        pk=pk,
    )
    access = request.access
    can_manage = access.can("placement.manage", placement)
    # The placements before and after an overstap: each is shown, and linked only where the
    # viewer may open it (the old mentor reads the old placement, not the new one).
    chain = selectors.chain(placement)
    visible = set(
        access.filter(
            "placement.view", Placement.objects.filter(pk__in=[p.pk for p in chain])
        ).values_list("pk", flat=True)
    )
    for link in chain:
        link.is_visible = link.pk in visible
    # A duo-stage: the other student in the same group, with the same mentor.
    duo = placement.duo_with or (
        Placement.objects.filter(duo_with=placement).select_related("student").first()
    )
    return render(
        request,
        "placements/placement_detail.html",
        {
            "placement": placement,
            "transitions": [PlacementStatus(s) for s in placement.allowed_transitions]
            if can_manage
            else [],
            "can_manage": can_manage,
            # A coach is for VO placements (or one that has a coach already) still open.
            "can_set_coach": can_manage
            and placement.status not in services.FINAL_STATUSES
            and (placement.school.sector == Sector.VO or placement.coach_id is not None),
            "chain": chain if len(chain) > 1 else [],
            # The whole story: the events of every placement of the chain the viewer may see.
            "events": selectors.story([p for p in chain if p.is_visible], request.partnership),
            "story_spans_schools": len(visible) > 1,
            "duo": duo,
            "duo_visible": duo is not None and access.can("placement.view", duo),
        },
    )


@require_POST
def placement_transition(request, partnership_slug, pk):
    """Moves the placement on. A final status (afgerond, afgebroken) is asked to confirm first,
    on a page of its own, with a reason (required to break a placement off)."""
    placement = get_for(
        request, "placement.manage", Placement.objects.select_related("student"), pk=pk
    )
    status = request.POST.get("status", "")
    reason = request.POST.get("reason", "")[:2000]
    asks_confirmation = (
        status in services.FINAL_STATUSES and status in placement.allowed_transitions
    )
    if asks_confirmation and "confirm" not in request.POST:
        return render(
            request,
            "placements/transition_confirm.html",
            {"placement": placement, "target": PlacementStatus(status), "reason": reason},
        )
    try:
        placement = services.transition(request.access, placement, status, reason=reason)
    except DomainError as exc:
        if asks_confirmation:
            return render(
                request,
                "placements/transition_confirm.html",
                {
                    "placement": placement,
                    "target": PlacementStatus(status),
                    "reason": reason,
                    "error": exc.message,
                },
            )
        messages.error(request, exc.message)
    except ValueError:
        messages.error(request, _("Onbekende status."))
    else:
        messages.success(
            request,
            _("Status gewijzigd naar ‘%(status)s’.") % {"status": placement.get_status_display()},
        )
    return redirect("placements:detail", partnership_slug=partnership_slug, pk=pk)


# --- Overstap, verlenging, coach -----------------------------------------------------------


def _day(value):
    return date_format(value, "j F Y") if value else "—"


def _managed(request, pk):
    return get_for(
        request,
        "placement.manage",
        Placement.objects.select_related("student", "school", "mentor", "coach"),
        pk=pk,
    )


def _confirmed_step(request, placement, form, *, confirm, run, done):
    """Form → confirmation page → the service: the shared walk of overstap and verlenging.

    `confirm(form)` gives the confirmation page's context; `run(form)` calls the service and
    returns the placement to show next; `done` is the success message. A refusal sends the
    user back to the form with its values and the reason.
    """
    if request.method == "POST" and form.is_valid() and "edit" not in request.POST:
        if "confirm" not in request.POST:
            return render(
                request,
                "placements/lifecycle_confirm.html",
                {"placement": placement, "form": form, **confirm(form)},
            )
        try:
            shown = run(form)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, done)
            return redirect(
                "placements:detail", partnership_slug=request.partnership.slug, pk=shown.pk
            )
    return None


def placement_overstap(request, partnership_slug, pk):
    """The student moves to another school: a form, a confirmation, then the new placement."""
    placement = _managed(request, pk)
    form = OverstapForm(request.POST or None, access=request.access)

    def confirm(form):
        data = form.cleaned_data
        move_on = data["move_on"]
        last_day = move_on - dt.timedelta(days=1)
        rows = [
            (_("Van"), placement.school.name),
            (_("Naar"), data["school"].name),
            (_("Overstapdatum"), _day(move_on)),
            (_("Laatste dag op %(school)s") % {"school": placement.school.name}, _day(last_day)),
            (_("Nieuwe stage loopt tot"), _day(data["ends_on"] or placement.ends_on)),
            (
                _("Nieuwe vakbegeleider") if data["coach"] else _("Nieuwe mentor"),
                str(data["mentor"]),
            ),
        ]
        if data["coach"]:
            rows.append((_("Coach"), str(data["coach"])))
        rows.append((_("Reden"), data["reason"]))
        return {
            "title": _("Overstap van %(student)s bevestigen") % {"student": placement.student},
            "intro": _(
                "De huidige stage eindigt de dag vóór de overstapdatum met de status "
                "‘Overgestapt’ en kan daarna niet meer veranderen. Een nieuwe stage op de "
                "nieuwe school zet haar voort; beide houden hun geschiedenis."
            ),
            "rows": rows,
            "action": "placements:overstap",
            "button": _("Ja, overstap vastleggen"),
        }

    response = _confirmed_step(
        request,
        placement,
        form,
        confirm=confirm,
        run=lambda form: services.overstap(request.access, placement, **form.cleaned_data),
        done=_("De overstap is vastgelegd. Dit is de nieuwe stage."),
    )
    return response or render(
        request,
        "placements/lifecycle_form.html",
        {
            "placement": placement,
            "form": form,
            "title": _("Overstap naar een andere school"),
            "intro": _(
                "%(student)s loopt nu stage op %(school)s (%(start)s – %(end)s). Kies de "
                "nieuwe school, de nieuwe mentor en de dag van de overstap."
            )
            % {
                "student": placement.student,
                "school": placement.school.name,
                "start": _day(placement.starts_on),
                "end": _day(placement.ends_on),
            },
            "button": _("Verder"),
        },
    )


def placement_extend(request, partnership_slug, pk):
    """Verlenging: a new end date, a reason and a confirmation."""
    placement = _managed(request, pk)
    form = ExtendForm(request.POST or None)

    def confirm(form):
        data = form.cleaned_data
        return {
            "title": _("Verlenging van de stage van %(student)s bevestigen")
            % {"student": placement.student},
            "intro": _("De verlenging komt in de geschiedenis van de stage, met de reden."),
            "rows": [
                (_("Huidige einddatum"), _day(placement.ends_on)),
                (_("Nieuwe einddatum"), _day(data["ends_on"])),
                (_("Reden"), data["reason"]),
            ],
            "action": "placements:extend",
            "button": _("Ja, verlengen"),
        }

    response = _confirmed_step(
        request,
        placement,
        form,
        confirm=confirm,
        run=lambda form: services.extend(request.access, placement, **form.cleaned_data),
        done=_("De stage is verlengd."),
    )
    return response or render(
        request,
        "placements/lifecycle_form.html",
        {
            "placement": placement,
            "form": form,
            "title": _("Stage verlengen"),
            "intro": _("De stage loopt nu tot %(end)s.") % {"end": _day(placement.ends_on)},
            "button": _("Verder"),
        },
    )


def placement_coach(request, partnership_slug, pk):
    """Give a placement a coach (VO), change or remove it. Reversible, so no confirmation."""
    placement = _managed(request, pk)
    form = CoachForm(
        request.POST or None, access=request.access, initial={"coach": placement.coach_id}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_coach(request.access, placement, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De coach is opgeslagen."))
            return redirect("placements:detail", partnership_slug=partnership_slug, pk=pk)
    return render(
        request,
        "placements/lifecycle_form.html",
        {
            "placement": placement,
            "form": form,
            "title": _("Coach van de stage"),
            "intro": _(
                "In het VO begeleiden een vakbegeleider (%(mentor)s) en een coach samen de "
                "aankomende leraar."
            )
            % {"mentor": placement.mentor},
            "button": _("Opslaan"),
        },
    )


# --- Leergroepen -------------------------------------------------------------------------------


class LeergroepList(ListView):
    action = "leergroep.view"
    filterset_class = LeergroepFilter
    template_name = "placements/leergroep_list.html"
    partial_template_name = "placements/_leergroep_rows.html"
    export_name = "leergroepen"
    columns = [
        Column(gettext_lazy("Naam"), "name", sort="naam"),
        Column(gettext_lazy("School"), "school.name", sort="school"),
        Column(
            gettext_lazy("Periode"), lambda g: g.period.name if g.period_id else "", sort="jaar"
        ),
        Column(gettext_lazy("Schooljaar"), lambda g: str(Schooljaar(g.schooljaar)), show=False),
        Column(gettext_lazy("Schoolopleider"), "leader"),
        Column(gettext_lazy("Deelnemers"), "member_count"),
        Column(
            gettext_lazy("Volgende bijeenkomst"),
            lambda g: (
                timezone.localtime(g.next_meeting).strftime("%d-%m-%Y %H:%M")
                if g.next_meeting
                else ""
            ),
        ),
    ]

    def get_queryset(self):
        now = timezone.now()
        return (
            Leergroep.objects.select_related("school", "period", "leader")
            .annotate(
                member_count=Count("members", distinct=True),
                next_meeting=Min("meetings__starts_at", filter=Q(meetings__starts_at__gte=now)),
            )
            .order_by("-schooljaar", "name", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.request.access.can("leergroep.manage")
        return context


leergroep_list = LeergroepList.as_view()


def leergroep_create(request, partnership_slug):
    require(request, "leergroep.manage")
    initial = {}
    if request.access.person is not None and request.access.has_role("schoolopleider"):
        initial["leader"] = request.access.person.pk
    form = LeergroepCreateForm(request.POST or None, access=request.access, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            leergroep = services.create_leergroep(request.access, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            count = leergroep.members.count()
            messages.success(
                request,
                ngettext(
                    "De leergroep is aangemaakt met %(count)d deelnemer: wie op deze school "
                    "stage loopt. Pas de deelnemers aan onder ‘Bewerken’.",
                    "De leergroep is aangemaakt met %(count)d deelnemers: wie op deze school "
                    "stage loopt. Pas de deelnemers aan onder ‘Bewerken’.",
                    count,
                )
                % {"count": count},
            )
            return redirect(
                "placements:leergroep", partnership_slug=partnership_slug, pk=leergroep.pk
            )
    return render(
        request,
        "placements/leergroep_form.html",
        {"form": form, "title": _("Nieuwe leergroep"), "leergroep": None},
    )


def leergroep_detail(request, partnership_slug, pk):
    leergroep = get_for(
        request,
        "leergroep.view",
        Leergroep.objects.select_related("school", "period", "leader"),
        pk=pk,
    )
    access = request.access
    can_manage = access.can("leergroep.manage", leergroep)
    members = list(
        leergroep.members.select_related("student", "mentor", "coach").order_by(
            "student__last_name", "student__first_name"
        )
    )
    openable = set(
        access.filter("placement.view", leergroep.members.all()).values_list("pk", flat=True)
    )
    for member in members:
        member.is_visible = member.pk in openable
    meetings = list(leergroep.meetings.prefetch_related("attendees__student"))
    now = timezone.now()
    return render(
        request,
        "placements/leergroep_detail.html",
        {
            "leergroep": leergroep,
            "members": members,
            "upcoming": [m for m in meetings if m.starts_at >= now],
            "past": [m for m in reversed(meetings) if m.starts_at < now],
            "can_manage": can_manage,
        },
    )


def leergroep_edit(request, partnership_slug, pk):
    leergroep = get_for(
        request, "leergroep.manage", Leergroep.objects.select_related("school", "period"), pk=pk
    )
    form = LeergroepForm(
        request.POST or None,
        instance=leergroep,
        access=request.access,
        choices=services.member_choices(leergroep),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_leergroep(request.access, leergroep, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De leergroep is opgeslagen."))
            return redirect("placements:leergroep", partnership_slug=partnership_slug, pk=pk)
    return render(
        request,
        "placements/leergroep_form.html",
        {"form": form, "title": _("Leergroep bewerken"), "leergroep": leergroep},
    )


def leergroep_meeting_create(request, partnership_slug, pk):
    leergroep = get_for(request, "leergroep.manage", Leergroep.objects.all(), pk=pk)
    meeting = LeergroepMeeting(partnership=request.partnership, leergroep=leergroep)
    return _meeting_form(request, leergroep, meeting)


def leergroep_meeting_edit(request, partnership_slug, pk, meeting_pk):
    leergroep = get_for(request, "leergroep.manage", Leergroep.objects.all(), pk=pk)
    meeting = get_object_or_404(leergroep.meetings.all(), pk=meeting_pk)
    return _meeting_form(request, leergroep, meeting)


def _meeting_form(request, leergroep, meeting):
    members = leergroep.members.select_related("student").order_by(
        "student__last_name", "student__first_name"
    )
    form = LeergroepMeetingForm(request.POST or None, instance=meeting, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_meeting(
                request.access,
                form.save(commit=False),
                attendees=form.cleaned_data["attendees"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De bijeenkomst is opgeslagen."))
            return redirect(
                "placements:leergroep", partnership_slug=request.partnership.slug, pk=leergroep.pk
            )
    title = _("Nieuwe bijeenkomst") if meeting.pk is None else _("Bijeenkomst bewerken")
    return render(
        request,
        "placements/leergroep_form.html",
        {"form": form, "title": title, "leergroep": leergroep},
    )
