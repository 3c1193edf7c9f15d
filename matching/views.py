"""Pages of capacity, placement requests and the matching board (thin: permission → form or
service → render; the rules are in matching/services.py)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from placements.models import Placement, PlacementPeriod
from roles.models import Person
from samen.access import get_for, require
from samen.errors import DomainError
from samen.lists import Column, ListView
from samen.schooljaar import Schooljaar
from samen.views import ImportColumn, ImportView

from . import board as matching_board
from . import selectors
from . import services as matching
from .filters import CapacityFilter, RequestFilter
from .forms import (
    AssignForm,
    BoardFilterForm,
    BulkAssignForm,
    CapacityNotesForm,
    CapacityOpenForm,
    MentorFormSet,
    PlaceFormSet,
    RequestForm,
    RequestImportForm,
)
from .models import Capacity, CapacityMentor, PlacementRequest, RequestStatus

BOARD_PAGE_SIZE = 20
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


def capacity_open(request, partnership_slug):
    """Choose a school and a period; the capacity (created empty) opens for editing."""
    require(request, "capacity.manage")
    form = CapacityOpenForm(request.POST or None, access=request.access)
    if request.method == "POST" and form.is_valid():
        try:
            capacity = matching.open_capacity(request.access, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("matching:capacity", partnership_slug=partnership_slug, pk=capacity.pk)
    return render(request, "matching/capacity_open.html", {"form": form})


def capacity_edit(request, partnership_slug, pk):
    """The places and mentors a school offers in a period: an editable list (one card per row,
    so it works on a phone); saving replaces the list as a whole."""
    capacity = get_for(
        request, "capacity.view", Capacity.objects.select_related("school", "period"), pk=pk
    )
    can_manage = request.access.can("capacity.manage", capacity)
    places = list(capacity.places.all())
    offers = list(capacity.mentors.select_related("person"))
    data = request.POST if request.method == "POST" and can_manage else None
    notes = CapacityNotesForm(data, initial={"notes": capacity.notes})
    place_set = PlaceFormSet(
        data,
        prefix="plaatsen",
        initial=[
            {
                "group": p.group,
                "places": p.places,
                "duo_possible": p.duo_possible,
                "is_tekortvak": p.is_tekortvak,
            }
            for p in places
        ],
    )
    mentor_set = MentorFormSet(
        data,
        prefix="mentoren",
        access=request.access,
        school=capacity.school,
        initial=[{"person": o.person_id, "places": o.places} for o in offers],
    )
    if data is not None and notes.is_valid() and place_set.is_valid() and mentor_set.is_valid():
        rows = [
            matching.PlaceRow(
                group=f.cleaned_data["group"],
                places=f.cleaned_data["places"],
                duo_possible=f.cleaned_data["duo_possible"],
                is_tekortvak=f.cleaned_data["is_tekortvak"],
            )
            for f in place_set.forms
            if f.cleaned_data.get("group") and not f.cleaned_data.get("DELETE")
        ]
        mentors = [
            (f.cleaned_data["person"], f.cleaned_data["places"])
            for f in mentor_set.forms
            if f.cleaned_data.get("person") and not f.cleaned_data.get("DELETE")
        ]
        try:
            matching.save_capacity(
                request.access,
                capacity,
                places=rows,
                mentors=mentors,
                notes=notes.cleaned_data["notes"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("De capaciteit is opgeslagen."))
            return redirect("matching:capacity", partnership_slug=partnership_slug, pk=pk)
    usage = selectors.usage(capacity.period, capacity.school)
    return render(
        request,
        "matching/capacity_form.html",
        {
            "capacity": capacity,
            "notes_form": notes,
            "place_set": place_set,
            "mentor_set": mentor_set,
            "can_manage": can_manage,
            "usage": usage,
            "total": sum(p.places for p in places),
            "offers": offers,
            "places": places,
        },
    )


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


def request_create(request, partnership_slug):
    require(request, "request.manage")
    access = request.access
    for_self = _is_student_only(access)
    form = RequestForm(request.POST or None, access=access, for_self=for_self)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if for_self:
            data["student"] = access.person
        try:
            created = matching.create_request(access, **data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De aanvraag is ingediend."))
            return redirect("matching:request", partnership_slug=partnership_slug, pk=created.pk)
    return render(
        request,
        "matching/request_form.html",
        {"form": form, "title": _("Stageaanvraag"), "placement_request": None},
    )


def request_detail(request, partnership_slug, pk):
    """A request: its wishes (editable while open) and, once matched, its placement."""
    placement_request = get_for(
        request,
        "request.view",
        PlacementRequest.objects.select_related(
            "student", "period", "instituutsopleider", "placement__school", "placement__mentor"
        ),
        pk=pk,
    )
    access = request.access
    can_edit = (
        access.can("request.manage", placement_request)
        and placement_request.status == RequestStatus.OPEN
    )
    form = None
    if can_edit:
        form = RequestForm(
            request.POST or None,
            instance=placement_request,
            access=access,
            for_self=_is_student_only(access),
            editing=True,
        )
        if request.method == "POST" and form.is_valid():
            try:
                matching.update_request(access, placement_request, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("De aanvraag is opgeslagen."))
                return redirect("matching:request", partnership_slug=partnership_slug, pk=pk)
    elif request.method == "POST":
        raise Http404
    placement = placement_request.placement
    return render(
        request,
        "matching/request_detail.html",
        {
            "placement_request": placement_request,
            "form": form,
            "can_edit": can_edit,
            "placement_visible": placement is not None and access.can("placement.view", placement),
            "board_url": reverse(
                "matching:board",
                kwargs={"partnership_slug": partnership_slug, "pk": placement_request.period_id},
            )
            if access.can("matching.view", placement_request.period)
            else "",
        },
    )


def request_withdraw(request, partnership_slug, pk):
    """Withdrawing asks for a confirmation first (it cannot be undone)."""
    placement_request = get_for(
        request, "request.manage", PlacementRequest.objects.select_related("period"), pk=pk
    )
    if request.method == "POST" and "confirm" in request.POST:
        try:
            matching.withdraw_request(request.access, placement_request)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("De aanvraag is ingetrokken."))
        return redirect("matching:request", partnership_slug=partnership_slug, pk=pk)
    return render(
        request, "matching/request_withdraw.html", {"placement_request": placement_request}
    )


class RequestImport(ImportView):
    """Placement requests from a CSV or Excel file: a preview, then all rows or none."""

    actions = ("matching.view",)
    form_class = RequestImportForm
    upload = matching.REQUEST_UPLOAD
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
        return matching.preview_request_import(access, upload)

    def perform(self, access, upload):
        return matching.import_requests(access, upload)

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


def _requests(access, period, form):
    requests = access.filter(
        "request.view", PlacementRequest.objects.filter(period=period)
    ).select_related("student", "instituutsopleider", "placement__school", "placement__mentor")
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("student"):
        requests = requests.filter(student=data["student"])
    if data.get("status"):
        requests = requests.filter(status=data["status"])
    else:
        requests = requests.exclude(status=RequestStatus.WITHDRAWN)
    # Unmatched first, then the oldest request first (an ordering, not an annotation, so the
    # paginator's count stays a plain COUNT).
    unmatched_first = Case(
        When(status=RequestStatus.OPEN, then=0), default=1, output_field=IntegerField()
    )
    return requests.order_by(unmatched_first, "created_at", "pk")


def board(request, partnership_slug, pk):
    """One period's board: demand against capacity per school and per group or subject, then
    the requests (unmatched first), each with its best schools and why."""
    period = get_for(
        request, "matching.view", PlacementPeriod.objects.select_related("institute"), pk=pk
    )
    access = request.access
    form = BoardFilterForm(request.GET or None, access=access, period=period)
    the_board = matching_board.board(access, period)
    page = Paginator(_requests(access, period, form), BOARD_PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    requests = list(page.object_list)
    open_requests = [r for r in requests if r.status == RequestStatus.OPEN]
    the_board.suggest(open_requests, selectors.earlier_schools([r.student_id for r in requests]))
    schools = sorted(the_board.capacities, key=lambda c: (-c.free, c.school.name))
    school_page = Paginator(schools, BOARD_SCHOOLS).get_page(request.GET.get("scholen"))
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
            "bulk_form": BulkAssignForm(access=access),
        },
    )


def _proposal(request_obj):
    """The first suggestion of a request as (school, mentor id, group) for a bulk assignment."""
    suggestions = getattr(request_obj, "suggestions", [])
    if not suggestions:
        return None, None, ""
    best = suggestions[0]
    mentor = best.mentors[0][0] if best.mentors else None
    return best.school, mentor, best.line.group if best.line else ""


@require_POST
def bulk_assign(request, partnership_slug, pk):
    """The chosen requests, each to its best suggestion: a confirmation page lists who goes
    where; confirming assigns each one (what is refused is listed with its reason)."""
    period = get_for(request, "matching.view", PlacementPeriod.objects.all(), pk=pk)
    access = request.access
    ids = [int(i) for i in request.POST.getlist("aanvraag") if i.isdigit()][:BOARD_PAGE_SIZE]
    chosen = list(
        access.filter(
            "request.manage",
            PlacementRequest.objects.filter(period=period, pk__in=ids, status=RequestStatus.OPEN),
        ).select_related("student", "instituutsopleider")
    )
    board_url = reverse("matching:board", kwargs={"partnership_slug": partnership_slug, "pk": pk})
    if not chosen:
        messages.error(request, _("Kies eerst een of meer open aanvragen."))
        return redirect(board_url)
    form = BulkAssignForm(request.POST, access=access)
    the_board = matching_board.board(access, period)
    the_board.suggest(chosen, selectors.earlier_schools([r.student_id for r in chosen]), limit=1)
    proposals = [(r, *_proposal(r)) for r in chosen]
    people = Person.objects.in_bulk([mentor for _r, _s, mentor, _g in proposals if mentor])
    proposals = [(r, school, people.get(mentor), group) for r, school, mentor, group in proposals]
    if "confirm" not in request.POST or not form.is_valid():
        return render(
            request,
            "matching/bulk_confirm.html",
            {"period": period, "proposals": proposals, "form": form, "board_url": board_url},
        )
    result = matching.bulk_assign(
        access, proposals, instituutsopleider=form.cleaned_data["instituutsopleider"]
    )
    if result.assigned:
        messages.success(
            request,
            ngettext(
                "%(count)d aanvraag is toegewezen (stage voorgesteld).",
                "%(count)d aanvragen zijn toegewezen (stages voorgesteld).",
                len(result.assigned),
            )
            % {"count": len(result.assigned)},
        )
    for refused, reason in result.refused:
        messages.error(
            request,
            _("Niet toegewezen: %(student)s — %(reason)s")
            % {"student": refused.student, "reason": reason},
        )
    return redirect(board_url)


def assign(request, partnership_slug, pk, request_pk):
    """Match one request: school (chosen on the board), mentor with room, group, IO — then a
    confirmation, then the placement (voorgesteld). A refusal is shown with its reason."""
    period = get_for(request, "matching.view", PlacementPeriod.objects.all(), pk=pk)
    access = request.access
    placement_request = get_for(
        request,
        "request.manage",
        PlacementRequest.objects.filter(period=period).select_related(
            "student", "instituutsopleider"
        ),
        pk=request_pk,
    )
    board_url = reverse("matching:board", kwargs={"partnership_slug": partnership_slug, "pk": pk})
    if placement_request.status != RequestStatus.OPEN:
        messages.error(request, _("Deze aanvraag is niet meer open."))
        return redirect(board_url)
    school_id = request.POST.get("school") or request.GET.get("school") or ""
    school = (
        access.filter("capacity.view", Capacity.objects.filter(period=period))
        .filter(school_id=int(school_id) if school_id.isdigit() else None)
        .select_related("school")
        .first()
    )
    school_obj = school.school if school else None
    lines = list(school.places.all()) if school else []
    duos = selectors.duo_choices(period, school_obj) if school_obj else Placement.objects.none()
    initial = {
        "school": school_obj.pk if school_obj else None,
        "instituutsopleider": placement_request.instituutsopleider_id
        or _earlier_io(placement_request.student),
        "group": next(
            (
                line.group
                for line in lines
                if placement_request.subject
                and placement_request.subject.strip().lower() in line.group.lower()
            ),
            "",
        ),
    }
    form = AssignForm(
        request.POST or None,
        initial=initial,
        access=access,
        period=period,
        school=school_obj,
        lines=lines,
        duos=duos,
    )
    confirm = None
    if request.method == "POST" and form.is_valid() and "edit" not in request.POST:
        data = form.cleaned_data
        if "confirm" in request.POST:
            try:
                placement = matching.assign(
                    access,
                    placement_request,
                    school=data["school"],
                    mentor=data["mentor"],
                    instituutsopleider=data["instituutsopleider"],
                    group=data["group"],
                    duo_with=data["duo_with"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _("%(student)s is voorgesteld bij %(school)s.")
                    % {"student": placement_request.student, "school": placement.school.name},
                )
                return redirect(board_url)
        else:
            duo = data["duo_with"]
            confirm = [
                (_("Aankomende leraar"), str(placement_request.student)),
                (_("School"), data["school"].name),
                (_("Groep of vak"), duo.group if duo else (data["group"] or "—")),
                (_("Mentor"), str(duo.mentor if duo else data["mentor"])),
                (_("Instituutsopleider"), str(data["instituutsopleider"])),
            ]
            if duo:
                confirm.append((_("Duo-stage met"), str(duo.student)))
    return render(
        request,
        "matching/assign.html",
        {
            "period": period,
            "placement_request": placement_request,
            "form": form,
            "school": school_obj,
            "confirm": confirm,
            "board_url": board_url,
        },
    )


def _earlier_io(student):
    """The instituutsopleider of the student's latest placement, as a suggestion."""
    return (
        Placement.objects.filter(student=student)
        .order_by("-starts_on")
        .values_list("instituutsopleider_id", flat=True)
        .first()
    )
