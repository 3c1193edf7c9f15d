from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samen.access import get_for, require
from samen.errors import DomainError
from samen.lists import Column, ListView

from . import services
from .filters import PlacementFilter
from .forms import PlacementForm, StartFormForm
from .models import Placement, PlacementStatus

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
        Column(gettext_lazy("Mentor"), "mentor", sort="mentor"),
        Column(gettext_lazy("Instituutsopleider"), "instituutsopleider", show=False),
        Column(gettext_lazy("Periode"), None, sort="periode", export=False),
        Column(gettext_lazy("Begindatum"), "starts_on", show=False),
        Column(gettext_lazy("Einddatum"), "ends_on", show=False),
        Column(gettext_lazy("Status"), "get_status_display", sort="status"),
        Column(gettext_lazy("Startgesprek"), "start_form.get_status_display"),
    ]

    def get_queryset(self):
        # The default order (newest first, then the student's name) joins the student for
        # every row in reach before the page is cut; the other people and the startgesprek are
        # fetched for the page's rows only (one query each), so PostgreSQL sorts a narrow join.
        return Placement.objects.select_related("student", "school").prefetch_related(
            "mentor", "instituutsopleider", "start_form"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.request.access.can("placement.manage")
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
            "instituutsopleider",
            "start_form",
            "start_form__updated_by",
        ),
        pk=pk,
    )
    access = request.access
    events = placement.events.select_related("by").order_by("-at", "-pk")
    return render(
        request,
        "placements/placement_detail.html",
        {
            "placement": placement,
            "transitions": [PlacementStatus(s) for s in placement.allowed_transitions]
            if access.can("placement.manage", placement)
            else [],
            "can_edit_start_form": access.can("startform.edit", placement),
            "can_view_start_form": access.can("startform.view", placement),
            "events": events,
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


def start_form_edit(request, partnership_slug, pk):
    placement = get_for(
        request,
        "startform.view",
        Placement.objects.select_related("student", "school", "start_form"),
        pk=pk,
    )
    start_form = placement.start_form
    can_edit = request.access.can("startform.edit", placement) and not start_form.is_locked
    form = StartFormForm(request.POST or None, instance=start_form)
    if not can_edit:
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST":
        require(request, "startform.edit", placement)
        if form.is_valid():
            submit = "submit" in request.POST
            try:
                services.save_start_form(
                    request.access, start_form, submit=submit, **form.cleaned_data
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _("Het startgesprek is ingediend.")
                    if submit
                    else _("Het startgesprek is opgeslagen."),
                )
                return redirect("placements:start_form", partnership_slug=partnership_slug, pk=pk)
    return render(
        request,
        "placements/start_form.html",
        {
            "placement": placement,
            "start_form": start_form,
            "form": form,
            "can_edit": can_edit,
        },
    )
