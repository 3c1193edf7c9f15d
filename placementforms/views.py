"""The pages of the forms of the gouden driehoek: a placement's forms, one form (answer with
autosave, submit, sign, reopen, PDF), the list of forms, and the coordinator's afronden without
an eindbeoordeling. Thin: permission → services → render (see services for who does
what)."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from documents.models import Render
from documents.views import status_context
from placements import services as placement_services
from placements.models import FormKind, Placement, PlacementStatus
from questionnaires import services as engine
from questionnaires.forms import ResponseForm, field_name
from questionnaires.models import ResponseStatus, Signature
from questionnaires.selectors import answer_sheet
from samen.access import get_for
from samen.errors import DomainError
from samen.lists import Column, ListView

from . import services
from .filters import PlacementFormFilter
from .models import PlacementForm
from .selectors import status_label, with_signatures


def _form_for(request, action, pk, kind):
    """The placement (if `action` reaches it) and its form of `kind`; 404 otherwise."""
    if kind not in FormKind.values:
        raise Http404
    placement = get_for(
        request,
        action,
        Placement.objects.select_related(
            "student", "school", "mentor", "coach", "instituutsopleider", "period", "partnership"
        ),
        pk=pk,
    )
    form = get_object_or_404(
        PlacementForm.objects.select_related("response__version"), placement=placement, kind=kind
    )
    form.placement = placement
    return placement, form


def _redirect(form):
    return redirect(form.get_absolute_url())


def form_detail(request, partnership_slug, pk, kind):
    """One form: fill in (autosave; a plain Save without JS), or read it; the signatures, the
    next step and, once locked, the PDF."""
    placement, form = _form_for(request, "placementform.view", pk, kind)
    access = request.access
    roles = services.form_roles(access, placement)
    response = form.response
    editable = services.editable_questions(form, roles) if roles else []
    if request.method == "POST":
        if not editable:
            raise Http404
        entry = ResponseForm(response, editable=[q.pk for q in editable], data=request.POST)
        try:
            errors = services.save_answers(access, form, entry.raw_answers())
        except DomainError as exc:
            messages.error(request, exc.message)
            return _redirect(form)
        if not errors:
            messages.success(request, _("Uw antwoorden zijn opgeslagen."))
            return _redirect(form)
        for key, message in errors.items():
            entry.add_error(field_name_of(entry, key), message)
    else:
        entry = ResponseForm(response, editable=[q.pk for q in editable])
    context = _page(request, placement, form, roles, entry, editable)
    return render(request, "placementforms/form_detail.html", context)


def field_name_of(entry, key):
    for name, question in entry.questions.items():
        if question.key == key:
            return name
    return None


def _page(request, placement, form, roles, entry, editable):
    access = request.access
    response = form.response
    signatures = list(Signature.objects.filter(response=response))
    signed = {s.role for s in signatures}
    waiting = engine.next_signer(response, signed)
    labels = services.role_labels(placement)
    people = {role: getattr(placement, name) for role, name in services.ROLE_FIELDS.items()}
    signers = [
        {
            "role": role,
            "label": labels.get(role, role),
            "person": people.get(role),
            "signature": next((s for s in signatures if s.role == role), None),
            "waiting": role == waiting,
        }
        for role in response.version.signers
    ]
    latest = None
    if response.status == ResponseStatus.LOCKED:
        latest = (
            Render.objects.filter(
                kind=services.PDF,
                content_type=ContentType.objects.get_for_model(PlacementForm),
                object_id=form.pk,
            )
            .order_by("-pk")
            .first()
        )
    return {
        "placement": placement,
        "pform": form,
        "response": response,
        "entry": entry,
        "sections": entry.bound_sections() if editable else None,
        "sheet": None if editable else answer_sheet(response),
        "roles": roles,
        "signers": signers,
        "waiting_label": labels.get(waiting, waiting) if waiting else "",
        "can_submit": response.status == ResponseStatus.DRAFT
        and bool(services.SHARED_ROLES & set(roles)),
        "can_sign": waiting is not None and waiting in roles,
        "can_reopen": response.status != ResponseStatus.DRAFT
        and access.can("placementform.reopen", placement),
        "status_text": status_label(form),
        "pdf_kind": services.PDF,
        "pdf": status_context(access, latest, target=form) if latest else None,
    }


@require_POST
def form_autosave(request, partnership_slug, pk, kind):
    """htmx: saves what was typed; answers with the "Opgeslagen om …" status and each field's
    error (out of band), so a value that does not clean is shown where it was typed."""
    placement, form = _form_for(request, "placementform.edit", pk, kind)
    roles = services.form_roles(request.access, placement)
    editable = services.editable_questions(form, roles) if roles else []
    entry = ResponseForm(form.response, editable=[q.pk for q in editable], data=request.POST)
    try:
        errors = services.save_answers(request.access, form, entry.raw_answers())
    except DomainError as exc:
        return render(
            request,
            "placementforms/_autosave_status.html",
            {"failed": exc.message, "fields": []},
        )
    fields = [{"name": field_name(q), "error": errors.get(q.key, "")} for q in editable]
    return render(
        request,
        "placementforms/_autosave_status.html",
        {"saved_at": timezone.localtime(), "fields": fields, "has_errors": bool(errors)},
    )


def _confirmed(request, placement, form, *, action, template_context, run, done):
    """GET (or POST without `confirm`): the confirmation page; POST with it: the service."""
    error = None
    if request.method == "POST" and "confirm" in request.POST:
        try:
            run()
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, done)
            return _redirect(form)
    return render(
        request,
        "placementforms/form_confirm.html",
        {
            "placement": placement,
            "pform": form,
            "action": action,
            "error": error,
            **template_context,
        },
    )


def form_submit(request, partnership_slug, pk, kind):
    placement, form = _form_for(request, "placementform.edit", pk, kind)
    missing = (
        [q for q in engine.missing_answers(form.response) if not q.answered_by]
        if form.response.status == ResponseStatus.DRAFT
        else []
    )
    return _confirmed(
        request,
        placement,
        form,
        action="placementforms:submit",
        template_context={
            "title": _("%(form)s indienen?") % {"form": form.get_kind_display()},
            "intro": _(
                "Na het indienen liggen de gezamenlijke antwoorden vast. Daarna ondertekenen "
                "de aankomende leraar, de mentor en de instituutsopleider om de beurt; wie "
                "eigen vragen heeft (het beoordelend advies, het eindoordeel) vult die tot "
                "de eigen handtekening nog in."
            ),
            "missing": missing,
            "button": _("Ja, indienen"),
        },
        run=lambda: services.submit(request.access, form),
        done=_("Het formulier is ingediend."),
    )


def form_sign(request, partnership_slug, pk, kind):
    placement, form = _form_for(request, "placementform.sign", pk, kind)
    waiting = engine.next_signer(form.response)
    return _confirmed(
        request,
        placement,
        form,
        action="placementforms:sign",
        template_context={
            "title": _("%(form)s ondertekenen?") % {"form": form.get_kind_display()},
            "intro": _(
                "Door te ondertekenen verklaart u dat u het formulier hebt gelezen en dat het "
                "weergeeft wat is besproken. Uw handtekening wordt vastgelegd met uw naam, uw "
                "rol en het tijdstip."
            ),
            "role_label": services.role_labels(placement).get(waiting, "") if waiting else "",
            "button": _("Ja, ondertekenen"),
        },
        run=lambda: services.sign(request.access, form),
        done=_("U hebt het formulier ondertekend."),
    )


def form_reopen(request, partnership_slug, pk, kind):
    """The instituutsopleider reopens a submitted or signed form: a reason, then a confirmation
    (the reason travels along in the confirm step)."""
    placement, form = _form_for(request, "placementform.reopen", pk, kind)
    reason = request.POST.get("reason", "")[:2000] if request.method == "POST" else ""
    error = None
    if request.method == "POST" and "confirm" in request.POST:
        try:
            services.reopen(request.access, form, reason)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(
                request, _("Het formulier is heropend; de handtekeningen zijn vervallen.")
            )
            return _redirect(form)
    elif request.method == "POST" and not reason.strip():
        error = _("Geef een reden op waarom het formulier wordt heropend.")
    step = "confirm" if request.method == "POST" and reason.strip() and error is None else "reason"
    signatures = list(Signature.objects.filter(response=form.response))
    return render(
        request,
        "placementforms/form_reopen.html",
        {
            "placement": placement,
            "pform": form,
            "reason": reason,
            "error": error,
            "step": step,
            "signatures": signatures,
        },
    )


@require_POST
def forms_open(request, partnership_slug, pk):
    """The coordinator opens the forms a placement lacks (a template published later)."""
    placement = get_for(request, "placement.manage", Placement.objects.all(), pk=pk)
    try:
        opened = services.open_forms(request.access, placement)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if opened:
            messages.success(request, _("De formulieren zijn klaargezet."))
        else:
            messages.info(request, _("Er waren geen formulieren klaar te zetten."))
    return redirect("placements:detail", partnership_slug=partnership_slug, pk=pk)


def close_without_eind(request, partnership_slug, pk):
    """A coordinator ends a running placement as afgerond without a signed eindbeoordeling:
    a reason and a confirmation; the log records it as an override."""
    placement = get_for(
        request, "placement.manage", Placement.objects.select_related("student"), pk=pk
    )
    if PlacementStatus.AFGEROND not in placement.allowed_transitions:
        raise Http404
    reason = request.POST.get("reason", "")[:2000] if request.method == "POST" else ""
    error = None
    if request.method == "POST" and "confirm" in request.POST:
        try:
            placement_services.transition(
                request.access, placement, PlacementStatus.AFGEROND, reason=reason, override=True
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("De stage is afgerond zonder eindbeoordeling."))
            return redirect("placements:detail", partnership_slug=partnership_slug, pk=pk)
    return render(
        request,
        "placementforms/close_without_eind.html",
        {"placement": placement, "reason": reason, "error": error},
    )


# --- The list of forms ----------------------------------------------------------------------


class PlacementFormList(ListView):
    """The forms in reach: a student's own, a mentor's and an instituutsopleider's students',
    a schoolopleider's schools', a coordinator's all — with filters on period, institute,
    phase, kind and status."""

    action = "placementform.view"
    filterset_class = PlacementFormFilter
    template_name = "placementforms/form_list.html"
    partial_template_name = "placementforms/_form_rows.html"
    export_name = "stageformulieren"
    columns = [
        Column(gettext_lazy("Aankomende leraar"), "placement.student", sort="aankomende_leraar"),
        Column(gettext_lazy("School"), "placement.school.name", sort="school"),
        Column(gettext_lazy("Formulier"), "get_kind_display", sort="soort"),
        Column(gettext_lazy("Uiterlijk op"), "due_on", sort="datum"),
        Column(gettext_lazy("Status"), "response.get_status_display", sort="status"),
        Column(
            gettext_lazy("Periode"),
            lambda f: f.placement.period.name if f.placement.period_id else "",
            show=False,
        ),
    ]

    def get_queryset(self):
        return PlacementForm.objects.select_related(
            "placement__student", "placement__school", "placement__period", "response"
        ).order_by("due_on", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = with_signatures(list(context["page"].object_list))
        today = timezone.localdate()
        for row in rows:
            row.status_text = status_label(row, today)
            row.is_overdue = row.response.status == ResponseStatus.DRAFT and row.due_on < today
        context["rows"] = rows
        access = self.request.access
        # The triangle sees "Mijn formulieren"; coordinators and schoolopleiders all in reach.
        context["is_own"] = not access.can("placement.manage") and not access.has_role(
            "schoolopleider"
        )
        return context


form_list = PlacementFormList.as_view()
