import datetime as dt

from django.db.models import Count, Min, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from partnerships.models import Sector
from samen.access import get_for
from samen.lists import Column, ListView
from samen.schooljaar import Schooljaar
from samen.views import ActionView, ConfirmView

from . import lifecycle, selectors, services
from .filters import LeergroepFilter, PlacementFilter
from .forms import (
    CoachForm,
    ExtendForm,
    LeergroepCreateForm,
    LeergroepForm,
    LeergroepMeetingForm,
    OverstapForm,
    PlacementForm,
    TransitionForm,
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

    def export_queryset(self, queryset):
        # Every row is read: its people are joined, not prefetched per chunk (see ListView).
        return queryset.prefetch_related(None).select_related(
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


class PlacementCreate(ActionView):
    action = "placement.manage"
    form_class = PlacementForm
    form_gets_access = True
    title = gettext_lazy("Nieuwe stage")
    submit_label = gettext_lazy("Stage aanmaken")
    success_message = gettext_lazy("De stage is aangemaakt.")

    def perform(self, form):
        return services.create_placement(self.request.access, **form.cleaned_data)

    def get_back_url(self):
        return reverse(
            "placements:list", kwargs={"partnership_slug": self.request.partnership.slug}
        )

    def get_back_label(self):
        return _("Alle stages")


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


class _PlacementStep:
    """A step on one placement that its managers take; back to the placement's page."""

    action = "placement.manage"
    model = Placement
    select_related = ("student", "school", "mentor", "coach")

    def get_back_label(self):
        return _("Stage van %(student)s") % {"student": self.object.student}


class PlacementTransition(_PlacementStep, ConfirmView):
    """Moves the placement on from a status button on its page. A final status (afgerond,
    afgebroken) asks first, with a reason on the confirmation (required to break off)."""

    form_class = TransitionForm
    has_form_page = False
    confirm_fields = ("reason",)
    irreversible = False  # the intro says the status cannot change after this
    http_method_names = ["post"]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "placement": self.object}

    def needs_confirmation(self, form):
        target = form.cleaned_data["status"]
        return target in services.FINAL_STATUSES and target in self.object.allowed_transitions

    def _target(self, form):
        return PlacementStatus(form.cleaned_data["status"])

    def get_confirm_title(self, form):
        return _("Stage naar ‘%(label)s’?") % {"label": self._target(form).label}

    def get_confirm_intro(self, form):
        return _(
            "De stage van %(student)s gaat naar ‘%(label)s’. Daarna kan de status niet meer "
            "veranderen."
        ) % {"student": self.object.student, "label": self._target(form).label}

    def get_confirm_context(self, form):
        target = self._target(form)
        return {
            **super().get_confirm_context(form),
            "button": _("Ja, naar ‘%(label)s’") % {"label": target.label},
            "danger": target == PlacementStatus.AFGEBROKEN,
        }

    def perform(self, form):
        return services.transition(
            self.request.access,
            self.object,
            form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        )

    def get_success_message(self, placement):
        return _("Status gewijzigd naar ‘%(status)s’.") % {"status": placement.get_status_display()}


# --- Overstap, verlenging, coach -----------------------------------------------------------


def _day(value):
    return date_format(value, "j F Y") if value else "—"


class PlacementOverstap(_PlacementStep, ConfirmView):
    """The student moves to another school: a form, a confirmation, then the new placement."""

    form_class = OverstapForm
    form_gets_access = True
    title = gettext_lazy("Overstap naar een andere school")
    submit_label = gettext_lazy("Verder")
    confirm_button = gettext_lazy("Ja, overstap vastleggen")
    confirm_intro = gettext_lazy(
        "De huidige stage eindigt de dag vóór de overstapdatum met de status ‘Overgestapt’ en "
        "kan daarna niet meer veranderen. Een nieuwe stage op de nieuwe school zet haar voort; "
        "beide houden hun geschiedenis."
    )
    irreversible = False  # the intro says what stays and what cannot change
    success_message = gettext_lazy("De overstap is vastgelegd. Dit is de nieuwe stage.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "placement": self.object}

    def get_intro(self):
        placement = self.object
        return _(
            "%(student)s loopt nu stage op %(school)s (%(start)s – %(end)s). Kies de nieuwe "
            "school, de nieuwe mentor en de dag van de overstap."
        ) % {
            "student": placement.student,
            "school": placement.school.name,
            "start": _day(placement.starts_on),
            "end": _day(placement.ends_on),
        }

    def get_confirm_title(self, form):
        return _("Overstap van %(student)s bevestigen") % {"student": self.object.student}

    def get_confirm_rows(self, form):
        placement, data = self.object, form.cleaned_data
        move_on = data["move_on"]
        rows = [
            (_("Van"), placement.school.name),
            (_("Naar"), data["school"].name),
            (_("Overstapdatum"), _day(move_on)),
            # Short labels: the confirmation's list keeps them in one column at 375 px.
            (
                _("Laatste dag"),
                _("%(day)s, op %(school)s")
                % {"day": _day(move_on - dt.timedelta(days=1)), "school": placement.school.name},
            ),
            (_("Nieuwe stage loopt tot"), _day(data["ends_on"] or placement.ends_on)),
            (
                _("Nieuwe vakbegeleider") if data["coach"] else _("Nieuwe mentor"),
                str(data["mentor"]),
            ),
        ]
        if data["coach"]:
            rows.append((_("Coach"), str(data["coach"])))
        closing = lifecycle.closing_on_move(placement, move_on)
        if closing:
            rows.append(
                (
                    _("Formulieren"),
                    _(
                        "Gesloten door de overstap (bewaard en leesbaar, niet meer herinnerd): "
                        "%(forms)s. De nieuwe stage krijgt eigen formulieren."
                    )
                    % {"forms": ", ".join(closing)},
                )
            )
        return [*rows, (_("Reden"), data["reason"])]

    def perform(self, form):
        return services.overstap(self.request.access, self.object, **form.cleaned_data)


class PlacementExtend(_PlacementStep, ConfirmView):
    """Verlenging: a new end date, a reason and a confirmation that names every due date that
    moves, and every form that stays late (or, if chosen, is late no longer)."""

    form_class = ExtendForm
    title = gettext_lazy("Stage verlengen")
    submit_label = gettext_lazy("Verder")
    confirm_button = gettext_lazy("Ja, verlengen")
    confirm_intro = gettext_lazy(
        "De verlenging komt in de geschiedenis van de stage, met de reden."
    )
    irreversible = False
    success_message = gettext_lazy("De stage is verlengd.")

    def get_intro(self):
        return _("De stage loopt nu tot %(end)s.") % {"end": _day(self.object.ends_on)}

    def get_confirm_title(self, form):
        return _("Verlenging van de stage van %(student)s bevestigen") % {
            "student": self.object.student
        }

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "placement": self.object}

    def get_confirm_rows(self, form):
        data = form.cleaned_data
        changes = lifecycle.due_changes(
            self.object, data["ends_on"], move_overdue=data.get("move_overdue", False)
        )
        due = [_due_row(change) for change in changes]
        return [
            (_("Huidige einddatum"), _day(self.object.ends_on)),
            (_("Nieuwe einddatum"), _day(data["ends_on"])),
            (
                _("Uiterlijk op"),
                "\n".join(due) if due else _("Er verschuift geen uiterlijke datum."),
            ),
            (_("Reden"), data["reason"]),
        ]

    def perform(self, form):
        return services.extend(self.request.access, self.object, **form.cleaned_data)


def _due_row(change):
    values = {"form": change.label, "old": _day(change.old), "new": _day(change.new)}
    if not change.moves:
        return (
            _("%(form)s: blijft uiterlijk %(old)s en blijft te laat (de datum is al voorbij).")
            % values
        )
    if change.was_overdue:
        return (
            _(
                "%(form)s: was te laat (uiterlijk %(old)s); wordt uiterlijk %(new)s en staat "
                "dan niet meer als te laat."
            )
            % values
        )
    return _("%(form)s: uiterlijk %(old)s → %(new)s") % values


class PlacementCoach(_PlacementStep, ActionView):
    """Give a placement a coach (VO), change or remove it. Reversible, so no confirmation."""

    form_class = CoachForm
    form_gets_access = True
    title = gettext_lazy("Coach van de stage")
    success_message = gettext_lazy("De coach is opgeslagen.")

    def get_initial(self):
        return {"coach": self.object.coach_id}

    def get_intro(self):
        return _(
            "In het VO begeleiden een vakbegeleider (%(mentor)s) en een coach samen de "
            "aankomende leraar."
        ) % {"mentor": self.object.mentor}

    def perform(self, form):
        services.set_coach(self.request.access, self.object, **form.cleaned_data)
        return self.object


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


class LeergroepCreate(ActionView):
    action = "leergroep.manage"
    form_class = LeergroepCreateForm
    form_gets_access = True
    template_name = "placements/leergroep_form.html"
    title = gettext_lazy("Nieuwe leergroep")
    intro = gettext_lazy(
        "De deelnemers volgen uit de stages: wie in de gekozen periode (of het schooljaar) op "
        "de school stage loopt. Daarna kunt u ze aanpassen."
    )

    def get_initial(self):
        access = self.request.access
        if access.person is not None and access.has_role("schoolopleider"):
            return {"leader": access.person.pk}
        return {}

    def get_back_url(self):
        return reverse(
            "placements:leergroep_list", kwargs={"partnership_slug": self.request.partnership.slug}
        )

    def get_back_label(self):
        return _("Leergroepen")

    def perform(self, form):
        return services.create_leergroep(self.request.access, **form.cleaned_data)

    def get_success_message(self, leergroep):
        count = leergroep.members.count()
        return ngettext(
            "De leergroep is aangemaakt met %(count)d deelnemer: wie op deze school stage "
            "loopt. Pas de deelnemers aan onder ‘Bewerken’.",
            "De leergroep is aangemaakt met %(count)d deelnemers: wie op deze school stage "
            "loopt. Pas de deelnemers aan onder ‘Bewerken’.",
            count,
        ) % {"count": count}


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


class LeergroepEdit(ActionView):
    action = "leergroep.manage"
    model = Leergroep
    select_related = ("school", "period")
    form_class = LeergroepForm
    form_gets_access = True
    template_name = "placements/leergroep_form.html"
    title = gettext_lazy("Leergroep bewerken")
    success_message = gettext_lazy("De leergroep is opgeslagen.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "choices": services.member_choices(self.object)}

    def perform(self, form):
        services.update_leergroep(self.request.access, self.object, **form.cleaned_data)
        return self.object


class LeergroepMeetingEdit(ActionView):
    """A meeting of a leergroep, new (no `meeting_pk`) or existing; its attendees are chosen
    from the leergroep's members."""

    action = "leergroep.manage"
    model = Leergroep
    form_class = LeergroepMeetingForm
    template_name = "placements/leergroep_form.html"
    success_message = gettext_lazy("De bijeenkomst is opgeslagen.")

    def get_instance(self):
        if "meeting_pk" in self.kwargs:
            return get_object_or_404(self.object.meetings.all(), pk=self.kwargs["meeting_pk"])
        return LeergroepMeeting(partnership=self.request.partnership, leergroep=self.object)

    def get_form_kwargs(self):
        members = self.object.members.select_related("student").order_by(
            "student__last_name", "student__first_name"
        )
        return {**super().get_form_kwargs(), "members": members}

    def get_title(self):
        return _("Bijeenkomst bewerken") if "meeting_pk" in self.kwargs else _("Nieuwe bijeenkomst")

    def perform(self, form):
        services.save_meeting(
            self.request.access, form.save(commit=False), attendees=form.cleaned_data["attendees"]
        )
        return self.object
