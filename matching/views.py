"""Pages of capacity, placement requests and the matching board. Thin: the lists and the board
read (matching/selectors.py, matching/board.py); every step is a declaration on samen.views'
ActionView or ConfirmView — its rule, its object, its form, its service call (matching/
services.py) and its messages."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from placements.models import PlacementPeriod
from samen.access import get_for, require
from samen.lists import Column, ListView
from samen.schooljaar import Schooljaar
from samen.views import ActionView, ConfirmView, ImportColumn, ImportView

from . import board, selectors, services
from .filters import CapacityFilter, RequestFilter
from .forms import (
    AssignForm,
    BoardFilterForm,
    BulkAssignForm,
    CapacityForm,
    CapacityOpenForm,
    RequestForm,
    RequestImportForm,
)
from .models import Capacity, CapacityMentor, PlacementRequest, RequestStatus

BOARD_SCHOOLS = 30
IMPORT_SESSION_KEY = "placements_request_import"

# --- Capacity -----------------------------------------------------------------------------------


class CapacityList(ListView):
    action = "capacity.view"
    filterset_class = CapacityFilter
    template_name = "matching/capacity_list.html"
    partial_template_name = "matching/_capacity_rows.html"
    export_name = "stagecapaciteit"
    columns = [
        Column(gettext_lazy("School"), "school.name", sort="school"),
        Column(gettext_lazy("Stageperiode"), "period.name", sort="periode"),
        Column(gettext_lazy("Plaatsen"), "total"),
        Column(gettext_lazy("Vergeven"), "used"),
        Column(gettext_lazy("Mentoren"), "mentor_count"),
    ]

    def get_queryset(self):
        mentors = (
            CapacityMentor.objects.filter(capacity=OuterRef("pk"))
            .order_by()
            .values("capacity")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            selectors.capacities_with_counts(Capacity.objects.select_related("school", "period"))
            .annotate(
                mentor_count=Coalesce(Subquery(mentors, output_field=IntegerField()), Value(0))
            )
            .order_by("school__name", "period__starts_on", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.request.access.can("capacity.manage")
        return context


capacity_list = CapacityList.as_view()


class _CapacityPage:
    """A capacity page, with the way back to the list of capacity."""

    def get_back_url(self):
        return reverse(
            "matching:capacity_list", kwargs={"partnership_slug": self.request.partnership.slug}
        )

    def get_back_label(self):
        return _("Stagecapaciteit")


class CapacityOpen(_CapacityPage, ActionView):
    """Choose a school and a period; the capacity (created empty) opens for editing."""

    action = "capacity.manage"
    form_class = CapacityOpenForm
    form_gets_access = True
    title = gettext_lazy("Capaciteit opgeven")
    intro = gettext_lazy(
        "Kies de school en de stageperiode. Daarna geeft u de plaatsen per groep of vak en de "
        "beschikbare mentoren op."
    )
    submit_label = gettext_lazy("Verder")

    def perform(self, form):
        return services.open_capacity(self.request.access, **form.cleaned_data)


class CapacityEdit(_CapacityPage, ActionView):
    """The places and mentors a school offers in a period: read by whoever may see it, edited
    (the whole list at once) by whoever manages it."""

    action = "capacity.view"
    model = Capacity
    select_related = ("school", "period")
    form_class = CapacityForm
    form_gets_access = True
    template_name = "matching/capacity_form.html"
    success_message = gettext_lazy("De capaciteit is opgeslagen.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "capacity": self.object}

    def post(self, request, *args, **kwargs):
        require(request, "capacity.manage", self.object)  # readers get the page, not the form
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.save_capacity(self.request.access, self.object, **form.offer)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, capacity = context["form"], self.object
        return {
            **context,
            "capacity": capacity,
            "can_manage": self.request.access.can("capacity.manage", capacity),
            "usage": selectors.usage(capacity.period, capacity.school),
            "total": sum(p.places for p in form.current_places),
            "places": form.current_places,
            "offers": form.current_mentors,
        }


# --- Requests ---------------------------------------------------------------------------------


class RequestList(ListView):
    action = "request.view"
    filterset_class = RequestFilter
    template_name = "matching/request_list.html"
    partial_template_name = "matching/_request_rows.html"
    export_name = "stageaanvragen"
    columns = [
        Column(gettext_lazy("Aankomende leraar"), "student", sort="aankomende_leraar"),
        Column(gettext_lazy("Stageperiode"), "period.name", sort="periode"),
        Column(gettext_lazy("Groep of vak"), "subject"),
        Column(gettext_lazy("Voorkeursregio"), "region"),
        Column(gettext_lazy("Schooltype of onderwijsconcept"), "school_type", show=False),
        Column(gettext_lazy("Leerwensen"), "learning_wishes", show=False),
        Column(gettext_lazy("Status"), "get_status_display", sort="status"),
        Column(
            gettext_lazy("School"),
            lambda r: r.placement.school.name if r.placement_id else "",
        ),
    ]

    def get_queryset(self):
        return PlacementRequest.objects.select_related(
            "student", "period", "placement__school"
        ).order_by("period__starts_on", "student__last_name", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        access = self.request.access
        context["can_manage"] = access.can("request.manage")
        context["can_import"] = access.can("matching.view")
        return context


request_list = RequestList.as_view()


def _is_student_only(access):
    """A student asks for herself; whoever may arrange placements asks on someone's behalf."""
    return not access.can("matching.view") and access.person is not None


class RequestCreate(ActionView):
    action = "request.manage"
    form_class = RequestForm
    form_gets_access = True
    title = gettext_lazy("Stageaanvraag")
    intro = gettext_lazy(
        "Vertel wat u in deze stage wilt leren en wat bij u past. De coördinator zoekt daarmee "
        "een opleidingsschool met een vrije plaats."
    )
    submit_label = gettext_lazy("Aanvraag indienen")
    success_message = gettext_lazy("De aanvraag is ingediend.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_self": _is_student_only(self.request.access)}

    def get_back_url(self):
        return reverse(
            "matching:request_list", kwargs={"partnership_slug": self.request.partnership.slug}
        )

    def get_back_label(self):
        return _("Stageaanvragen")

    def perform(self, form):
        access, data = self.request.access, dict(form.cleaned_data)
        if _is_student_only(access):
            data["student"] = access.person
        return services.create_request(access, **data)


class RequestDetail(ActionView):
    """A request: its wishes (editable while open, by whoever manages it) and, once matched,
    its placement."""

    action = "request.view"
    model = PlacementRequest
    select_related = (
        "student",
        "period",
        "instituutsopleider",
        "placement__school",
        "placement__mentor",
    )
    form_class = RequestForm
    form_gets_access = True
    template_name = "matching/request_detail.html"
    success_message = gettext_lazy("De aanvraag is opgeslagen.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "for_self": _is_student_only(self.request.access),
            "editing": True,
        }

    @property
    def can_edit(self):
        return self.object.status == RequestStatus.OPEN and self.request.access.can(
            "request.manage", self.object
        )

    def post(self, request, *args, **kwargs):
        if not self.can_edit:
            raise Http404
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.update_request(self.request.access, self.object, **form.cleaned_data)

    def get_context_data(self, **kwargs):
        access, placement_request = self.request.access, self.object
        placement = placement_request.placement
        board_url = ""
        if access.can("matching.view", placement_request.period):
            board_url = reverse(
                "matching:board",
                kwargs={
                    "partnership_slug": self.request.partnership.slug,
                    "pk": placement_request.period_id,
                },
            )
        return super().get_context_data(
            placement_request=placement_request,
            can_edit=self.can_edit,
            placement_visible=placement is not None and access.can("placement.view", placement),
            board_url=board_url,
            **kwargs,
        )


class RequestWithdraw(ConfirmView):
    """Withdrawing asks for a confirmation first (it cannot be undone)."""

    action = "request.manage"
    model = PlacementRequest
    select_related = ("student", "period")
    confirm_title = gettext_lazy("Aanvraag intrekken")
    confirm_button = gettext_lazy("Ja, intrekken")
    danger = True
    irreversible = False  # the intro says so, and what can be done instead
    success_message = gettext_lazy("De aanvraag is ingetrokken.")

    def get_back_label(self):
        return _("Stageaanvraag van %(student)s") % {"student": self.object.student}

    def get_confirm_intro(self, form):
        return _(
            "De aanvraag van %(student)s voor %(period)s wordt ingetrokken. Dat kan niet ongedaan "
            "worden gemaakt; daarna kan een nieuwe aanvraag worden gedaan."
        ) % {"student": self.object.student, "period": self.object.period.name}

    def perform(self, form):
        return services.withdraw_request(self.request.access, self.object)


class RequestImport(ImportView):
    """Placement requests from a CSV or Excel file: a preview, then all rows or none."""

    actions = ("matching.view",)
    form_class = RequestImportForm
    upload = services.REQUEST_UPLOAD
    session_key = IMPORT_SESSION_KEY
    title = gettext_lazy("Aanvragen importeren")
    intro = gettext_lazy("Kies een CSV- of Excel-bestand met één aanvraag per rij.")
    columns = [
        ImportColumn(gettext_lazy("E-mail"), "e-mail"),
        ImportColumn(gettext_lazy("Periode"), "periode"),
        ImportColumn(gettext_lazy("Groep of vak"), "groep of vak"),
        ImportColumn(gettext_lazy("Regio"), "regio"),
    ]
    url_name = "matching:request_import"
    confirm_url_name = "matching:request_import_confirm"
    list_url_name = "matching:request_list"
    back_label = gettext_lazy("Stageaanvragen")

    def preview(self, access, upload):
        return services.preview_request_import(access, upload)

    def perform(self, access, upload):
        return services.import_requests(access, upload)

    def success_message(self, count):
        return ngettext(
            "%(count)d aanvraag is geïmporteerd.", "%(count)d aanvragen zijn geïmporteerd.", count
        ) % {"count": count}


# --- The matching board ---------------------------------------------------------------------


def matching_index(request, partnership_slug):
    """The periods whose board the person may open, this schooljaar and later, with counts."""
    require(request, "matching.view")
    periods = (
        request.access.filter(
            "matching.view",
            PlacementPeriod.objects.filter(schooljaar__gte=Schooljaar.current().start_year - 1),
        )
        .select_related("institute__organisation")
        .annotate(
            open_count=Count("requests", filter=_status(RequestStatus.OPEN), distinct=True),
            matched_count=Count("requests", filter=_status(RequestStatus.MATCHED), distinct=True),
        )
        .order_by("-schooljaar", "starts_on", "name")
    )
    page = Paginator(periods, 50).get_page(request.GET.get("pagina"))
    return render(request, "matching/index.html", {"page": page})


def _status(status):
    return Q(requests__status=status)


def board_page(request, partnership_slug, pk):
    """One period's board: demand against capacity per school and per group or subject, then
    the requests (unmatched first), each with its best schools and why."""
    period = get_for(
        request, "matching.view", PlacementPeriod.objects.select_related("institute"), pk=pk
    )
    access = request.access
    form = BoardFilterForm(request.GET or None, access=access, period=period)
    wanted = form.cleaned_data if form.is_valid() else {}
    requests = selectors.board_requests(
        access, period, student=wanted.get("student"), status=wanted.get("status", "")
    )
    page = Paginator(requests, board.PAGE_SIZE).get_page(request.GET.get("pagina"))
    requests = list(page.object_list)
    the_board = board.board(access, period)
    open_requests = [r for r in requests if r.status == RequestStatus.OPEN]
    the_board.suggest(open_requests, selectors.earlier_schools([r.student_id for r in requests]))
    schools = sorted(the_board.capacities, key=lambda c: (-c.free, c.school.name))
    school_page = Paginator(schools, BOARD_SCHOOLS).get_page(request.GET.get("scholen"))
    _link_rows(partnership_slug, period, requests, school_page.object_list)
    return render(
        request,
        "matching/board.html",
        {
            "period": period,
            "board": the_board,
            "filter_form": form,
            "page": page,
            "requests": requests,
            "school_page": school_page,
        },
    )


def _url_of(name, *args):
    """The URL `name` with an id at its end, as a function of that id: reversed once for a
    page, not once for each of its rows (a board page links some hundred rows)."""
    head, _slash, tail = reverse(name, args=[*args, 0]).rpartition("/0/")
    return f"{head}/{{}}/{tail}".format


def _link_rows(slug, period, requests, capacities):
    """The board's links: each request's page and assignment, each school's capacity."""
    request_url = _url_of("matching:request", slug)
    assign_url = _url_of("matching:assign", slug, period.pk)
    capacity_url = _url_of("matching:capacity", slug)
    for r in requests:
        r.url, r.assign_url = request_url(r.pk), assign_url(r.pk)
    for capacity in capacities:
        capacity.url = capacity_url(capacity.pk)


class _BoardStep:
    """A step taken from a period's board (the rule `matching.view` on the period), and back."""

    def get_board_url(self):
        return reverse(
            "matching:board",
            kwargs={"partnership_slug": self.request.partnership.slug, "pk": self.period.pk},
        )

    def get_back_url(self):
        return self.get_board_url()

    def get_success_url(self, result):
        return self.get_board_url()

    def get_back_label(self):
        return _("Matching: %(period)s") % {"period": self.period.name}


class BulkAssign(_BoardStep, ConfirmView):
    """The requests ticked on the board, each to its best suggestion: a confirmation lists who
    goes where; confirming assigns each one (what is refused is listed with its reason)."""

    action = "matching.view"
    model = PlacementPeriod
    form_class = BulkAssignForm
    form_gets_access = True
    has_form_page = False
    http_method_names = ["post"]
    confirm_fields = ("instituutsopleider",)
    confirm_template_name = "matching/bulk_confirm.html"
    confirm_title = gettext_lazy("Bulk-toewijzing bevestigen")
    confirm_intro = gettext_lazy(
        "Elke aanvraag gaat naar haar eerste voorstel, als stage met de status ‘Voorgesteld’. "
        "Wat niet kan, wordt geweigerd en met de reden gemeld."
    )
    confirm_button = gettext_lazy("Ja, toewijzen")
    irreversible = False

    @property
    def period(self):
        return self.object

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "period": self.period}

    def proposals(self, form):
        return board.proposals(self.request.access, self.period, form.cleaned_data["aanvraag"])

    def get_confirm_context(self, form):
        return {**super().get_confirm_context(form), "proposals": self.proposals(form)}

    def perform(self, form):
        result = services.bulk_assign(
            self.request.access,
            self.proposals(form),
            instituutsopleider=form.cleaned_data["instituutsopleider"],
        )
        for refused, reason in result.refused:
            messages.error(
                self.request,
                _("Niet toegewezen: %(student)s — %(reason)s")
                % {"student": refused.student, "reason": reason},
            )
        return result

    def get_success_message(self, result):
        if not result.assigned:
            return ""
        return ngettext(
            "%(count)d aanvraag is toegewezen (stage voorgesteld).",
            "%(count)d aanvragen zijn toegewezen (stages voorgesteld).",
            len(result.assigned),
        ) % {"count": len(result.assigned)}


class Assign(_BoardStep, ConfirmView):
    """Match one request: school (chosen on the board), mentor with room, group, IO — then a
    confirmation, then the placement (voorgesteld). A refusal is shown with its reason."""

    action = "request.manage"
    model = PlacementRequest
    select_related = ("student", "instituutsopleider", "period")
    pk_url_kwarg = "request_pk"
    form_class = AssignForm
    form_gets_access = True
    template_name = "matching/assign.html"
    submit_label = gettext_lazy("Verder")
    confirm_intro = gettext_lazy(
        "Er komt een stage met de status ‘Voorgesteld’: de school en de aankomende leraar "
        "bevestigen haar daarna."
    )
    confirm_button = gettext_lazy("Ja, toewijzen")
    irreversible = False

    def get_object(self):
        # The board's rule on the period first, then the request's in that period.
        self.period = get_for(
            self.request, "matching.view", PlacementPeriod.objects.all(), pk=self.kwargs["pk"]
        )
        return super().get_object()

    def get_queryset(self):
        return super().get_queryset().filter(period=self.period)

    def get(self, request, *args, **kwargs):
        return self.not_open() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.not_open() or super().post(request, *args, **kwargs)

    def not_open(self):
        """A request matched or withdrawn meanwhile: back to the board, saying so."""
        if self.object.status == RequestStatus.OPEN:
            return None
        messages.error(self.request, _("Deze aanvraag is niet meer open."))
        return redirect(self.get_board_url())

    def get_form(self):
        # AssignForm binds its own pickers, narrowed to the period and the chosen school.
        return AssignForm(**self.get_form_kwargs())

    def get_form_kwargs(self):
        school_id = self.request.POST.get("school") or self.request.GET.get("school") or ""
        return {
            **super().get_form_kwargs(),
            "placement_request": self.object,
            "school_id": school_id,
        }

    def get_title(self):
        return _("%(student)s toewijzen") % {"student": self.object.student}

    def get_confirm_title(self, form):
        return self.get_title()

    def get_confirm_rows(self, form):
        return form.summary(self.object.student)

    def perform(self, form):
        data = form.cleaned_data
        return services.assign(
            self.request.access,
            self.object,
            school=data["school"],
            mentor=data["mentor"],
            instituutsopleider=data["instituutsopleider"],
            group=data["group"],
            duo_with=data["duo_with"],
        )

    def get_success_message(self, placement):
        return _("%(student)s is voorgesteld bij %(school)s.") % {
            "student": self.object.student,
            "school": placement.school.name,
        }
