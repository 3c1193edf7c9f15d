"""The pages of the forms of the gouden driehoek: a placement's forms, one form (answer with
autosave, submit, sign, reopen, PDF), the list of forms, and the coordinator's afronden without
an eindbeoordeling. Thin: permission → services → render (see services for who does
what); the steps are declarations on samen.views' ActionView and ConfirmView.

Two stay hand-written, because the generic walk (valid → service → message → redirect) is all or
nothing and they are not: the form page's plain Save (no JavaScript) and the htmx autosave both
save whatever answers clean and show the rest at their fields (services.save_answers returns
them), and the autosave answers with a fragment, not a page."""

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
from samen.views import ActionView, ConfirmView

from . import services
from .filters import PlacementFormFilter
from .forms import CloseForm, ReopenForm
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
    # A form closed by an overstap is read, not filled in.
    editable = services.editable_questions(form, roles) if roles and not form.is_closed else []
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
        and not form.is_closed
        and bool(services.SHARED_ROLES & set(roles)),
        "can_sign": waiting is not None and waiting in roles and not form.is_closed,
        "can_reopen": response.status != ResponseStatus.DRAFT
        and not form.is_closed
        and access.can("placementform.reopen", placement),
        "is_overdue": form.is_overdue(timezone.localdate()),
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


class _FormStep:
    """A step on one form of a placement, named in the URL by the placement and the kind; the
    rule is checked on the placement (404 when out of reach or without such a form)."""

    model = PlacementForm
    select_related = (
        "response__version",
        "placement__student",
        "placement__school",
        "placement__mentor",
        "placement__coach",
        "placement__instituutsopleider",
        "placement__period",
        "placement__partnership",
    )
    check_on = "placement"
    template_name = "generic/form.html"
    confirm_template_name = "placementforms/form_confirm.html"
    irreversible = False  # the instituutsopleider reopens what was submitted or signed

    def get_lookup(self):
        return {"placement_id": self.kwargs["pk"], "kind": self.kwargs["kind"]}

    def get_back_label(self):
        return self.object.get_kind_display()


class FormSubmit(_FormStep, ConfirmView):
    action = "placementform.edit"
    confirm_button = gettext_lazy("Ja, indienen")
    confirm_intro = gettext_lazy(
        "Na het indienen liggen de gezamenlijke antwoorden vast. Daarna ondertekenen de "
        "aankomende leraar, de mentor en de instituutsopleider om de beurt; wie eigen vragen "
        "heeft (het beoordelend advies, het eindoordeel) vult die tot de eigen handtekening "
        "nog in."
    )
    success_message = gettext_lazy("Het formulier is ingediend.")

    def get_confirm_title(self, form):
        return _("%(form)s indienen?") % {"form": self.object.get_kind_display()}

    def get_confirm_context(self, form):
        response = self.object.response
        missing = (
            [q for q in engine.missing_answers(response) if not q.answered_by]
            if response.status == ResponseStatus.DRAFT
            else []
        )
        return {**super().get_confirm_context(form), "missing": missing}

    def perform(self, form):
        return services.submit(self.request.access, self.object)


class FormSign(_FormStep, ConfirmView):
    action = "placementform.sign"
    confirm_button = gettext_lazy("Ja, ondertekenen")
    confirm_intro = gettext_lazy(
        "Door te ondertekenen verklaart u dat u het formulier hebt gelezen en dat het "
        "weergeeft wat is besproken. Uw handtekening wordt vastgelegd met uw naam, uw rol en "
        "het tijdstip."
    )
    success_message = gettext_lazy("U hebt het formulier ondertekend.")

    def get_confirm_title(self, form):
        return _("%(form)s ondertekenen?") % {"form": self.object.get_kind_display()}

    def get_confirm_context(self, form):
        waiting = engine.next_signer(self.object.response)
        labels = services.role_labels(self.object.placement)
        role_label = labels.get(waiting, "") if waiting else ""
        return {**super().get_confirm_context(form), "role_label": role_label}

    def perform(self, form):
        return services.sign(self.request.access, self.object)


class FormReopen(_FormStep, ConfirmView):
    """The instituutsopleider reopens a submitted or signed form: a reason, then a
    confirmation naming the signatures that lapse (the reason travels along)."""

    action = "placementform.reopen"
    form_class = ReopenForm
    submit_label = gettext_lazy("Verder")
    confirm_button = gettext_lazy("Ja, heropenen")
    danger = True
    intro = confirm_intro = gettext_lazy(
        "Het formulier gaat terug naar concept: de antwoorden blijven staan, alle "
        "handtekeningen vervallen en het formulier moet opnieuw worden ingediend en "
        "ondertekend. De reden komt in de geschiedenis van de stage."
    )
    success_message = gettext_lazy("Het formulier is heropend; de handtekeningen zijn vervallen.")

    def get_title(self):
        return _("%(form)s heropenen?") % {"form": self.object.get_kind_display()}

    def get_confirm_title(self, form):
        return self.get_title()

    def get_confirm_rows(self, form):
        return [(_("Reden"), form.cleaned_data["reason"])]

    def get_confirm_context(self, form):
        signatures = list(Signature.objects.filter(response=self.object.response))
        return {**super().get_confirm_context(form), "signatures": signatures}

    def perform(self, form):
        return services.reopen(self.request.access, self.object, form.cleaned_data["reason"])


class FormsOpen(ActionView):
    """The coordinator opens the forms a placement lacks (a template published later): a
    button on the placement's page."""

    action = "placement.manage"
    model = Placement
    has_form_page = False
    http_method_names = ["post"]

    def perform(self, form):
        return services.open_forms(self.request.access, self.object)

    def get_success_message(self, opened):
        if opened:
            return _("De formulieren zijn klaargezet.")
        return _("Er waren geen formulieren klaar te zetten.")

    def get_success_level(self, opened):
        return messages.SUCCESS if opened else messages.INFO


class CloseWithoutEind(ConfirmView):
    """A coordinator ends a running placement as afgerond without a signed eindbeoordeling:
    a reason on the confirmation; the log records it as an override."""

    action = "placement.manage"
    model = Placement
    select_related = ("student",)
    form_class = CloseForm
    confirm_fields = ("reason",)
    confirm_title = gettext_lazy("Afronden zonder eindbeoordeling?")
    confirm_button = gettext_lazy("Ja, afronden zonder eindbeoordeling")
    danger = True
    irreversible = False  # the intro says the status cannot change after this
    success_message = gettext_lazy("De stage is afgerond zonder eindbeoordeling.")

    def get_object(self):
        placement = super().get_object()
        if PlacementStatus.AFGEROND not in placement.allowed_transitions:
            raise Http404
        return placement

    def get_back_label(self):
        return _("Stage van %(student)s") % {"student": self.object.student}

    def get_confirm_intro(self, form):
        return _(
            "De eindbeoordeling van %(student)s is niet door iedereen ondertekend. Als "
            "coördinator kunt u de stage toch afronden; de reden komt in de geschiedenis van de "
            "stage. Daarna kan de status niet meer veranderen."
        ) % {"student": self.object.student}

    def perform(self, form):
        return placement_services.transition(
            self.request.access,
            self.object,
            PlacementStatus.AFGEROND,
            reason=form.cleaned_data["reason"],
            override=True,
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
            row.overdue = row.is_overdue(today)
        context["rows"] = rows
        access = self.request.access
        # The triangle sees "Mijn formulieren"; coordinators and schoolopleiders all in reach.
        context["is_own"] = not access.can("placement.manage") and not access.has_role(
            "schoolopleider"
        )
        return context


form_list = PlacementFormList.as_view()
