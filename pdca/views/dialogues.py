"""The dialogue sessions' pages (Check): the list, a session with its findings and next
steps, recording them, and a follow-up action from a finding."""

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samen.access import get_for, require
from samen.errors import DomainError
from samen.lists import Column, ListView
from samen.schooljaar import Schooljaar

from .. import services
from ..filters import DialogueFilter
from ..forms import ActionForm, FindingForm, NextStepForm, SessionForm
from ..models import DialogueSession, Finding, FollowUpAction, GesprekskaderItem, NextStep
from .common import form_page


class DialogueList(ListView):
    action = "dialogue.view"
    filterset_class = DialogueFilter
    template_name = "pdca/dialogue_list.html"
    partial_template_name = "pdca/_dialogue_rows.html"
    export_name = "dialoogsessies"
    columns = [
        Column(gettext_lazy("Datum"), "held_on", sort="datum"),
        Column(gettext_lazy("Sessie"), "title", sort="titel"),
        Column(gettext_lazy("Soort"), "get_context_display"),
        Column(gettext_lazy("Deelnemers"), "n_participants"),
    ]

    def get_queryset(self):
        return DialogueSession.objects.annotate(
            n_participants=Count("participants", distinct=True)
        ).order_by("-held_on", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = self.request.access.can("dialogue.edit")
        return context


dialogue_list = DialogueList.as_view()


def _kader_items(schooljaar):
    return GesprekskaderItem.objects.filter(kader__schooljaar=schooljaar).select_related("kader")


def dialogue_create(request, partnership_slug):
    if not request.access.can("dialogue.edit"):
        raise Http404
    year = Schooljaar.current().start_year
    form = SessionForm(
        request.POST or None,
        access=request.access,
        items=_kader_items(year),
        initial={"held_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = services.save_session(request.access, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De dialoogsessie is vastgelegd."))
            return redirect(session)
    return render(request, "pdca/dialogue_form.html", _session_form_context(form, None))


def dialogue_edit(request, partnership_slug, pk):
    session = get_for(request, "dialogue.edit", DialogueSession.objects.all(), pk=pk)
    items = _kader_items(session.schooljaar)
    form = SessionForm(request.POST or None, instance=session, access=request.access, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_session(request.access, session, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De dialoogsessie is opgeslagen."))
            return redirect(session)
    return render(request, "pdca/dialogue_form.html", _session_form_context(form, session))


def _session_form_context(form, session):
    """The session form, its items as checkboxes grouped by waarborg, theme and sub-theme."""
    field = form["items"]
    chosen = {str(v) for v in (field.value() or [])}
    return {
        "form": form,
        "session": session,
        "item_groups": services.items_by_theme(form.fields["items"].queryset),
        "chosen": chosen,
    }


def dialogue_detail(request, partnership_slug, pk):
    session = get_for(request, "dialogue.view", DialogueSession.objects.all(), pk=pk)
    access = request.access
    findings = list(
        session.findings.select_related("item").prefetch_related(
            Prefetch("actions", queryset=FollowUpAction.objects.select_related("owner"))
        )
    )
    items = list(session.items.all())
    per_item = [(item, [f for f in findings if f.item_id == item.pk]) for item in items]
    loose = [f for f in findings if f.item_id not in {i.pk for i in items}]
    can_edit = access.can("dialogue.edit", session)
    return render(
        request,
        "pdca/dialogue_detail.html",
        {
            "session": session,
            "participants": session.participants.order_by("last_name", "first_name"),
            "per_item": per_item,
            "loose": loose,
            "steps": session.next_steps.select_related("person", "item"),
            "can_edit": can_edit,
            # The actions from its findings that the viewer may open (a participant reads the
            # session, not every action that came out of it).
            "viewable_actions": set(
                access.filter(
                    "followup.view",
                    FollowUpAction.objects.filter(finding__in=[f.pk for f in findings]),
                ).values_list("pk", flat=True)
            ),
            "finding_form": FindingForm(session=session, prefix="finding")
            if can_edit and items
            else None,
            "step_form": NextStepForm(session=session, prefix="step") if can_edit else None,
        },
    )


def finding_add(request, partnership_slug, pk):
    session = get_for(request, "dialogue.edit", DialogueSession.objects.all(), pk=pk)
    form = FindingForm(request.POST or None, session=session, prefix="finding")
    if request.method == "POST" and form.is_valid():
        try:
            services.add_finding(request.access, session, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De opbrengst is vastgelegd."))
            return redirect(session)
    return render(
        request,
        "pdca/form_page.html",
        form_page(_("Opbrengst vastleggen"), session.get_absolute_url(), session, form=form),
    )


def next_step_add(request, partnership_slug, pk):
    session = get_for(request, "dialogue.edit", DialogueSession.objects.all(), pk=pk)
    form = NextStepForm(request.POST or None, session=session, prefix="step")
    if request.method == "POST" and form.is_valid():
        try:
            services.add_next_step(request.access, session, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De vervolgstap is vastgelegd."))
            return redirect(session)
    return render(
        request,
        "pdca/form_page.html",
        form_page(_("Vervolgstap vastleggen"), session.get_absolute_url(), session, form=form),
    )


def next_step_done(request, partnership_slug, pk):
    """Tick (or untick) a next step as taken; back to where it was ticked."""
    step = get_object_or_404(NextStep.objects.select_related("session"), pk=pk)
    require(request, "dialogue.edit", step.session)
    if request.method == "POST":
        try:
            services.set_next_step_done(request.access, step, done=request.POST.get("done") == "1")
        except DomainError as exc:
            messages.error(request, exc.message)
    back = request.POST.get("next", "")
    if back.startswith(f"/{partnership_slug}/") and "//" not in back:
        return redirect(back)
    return redirect(step.session)


def _finding_for_action(request, pk):
    finding = get_object_or_404(Finding.objects.select_related("source_type", "item"), pk=pk)
    source = finding.source
    if not isinstance(source, DialogueSession):
        raise Http404  # later instruments bring their own pages
    require(request, "dialogue.edit", source)
    return finding, source


def action_create(request, partnership_slug, pk):
    """A vervolgactie from a finding (pk: the finding)."""
    finding, session = _finding_for_action(request, pk)
    form = ActionForm(request.POST or None, access=request.access)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_action(request.access, finding, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De vervolgactie is vastgelegd."))
            return redirect(session)
    return render(
        request,
        "pdca/action_form.html",
        form_page(
            _("Vervolgactie vastleggen"),
            session.get_absolute_url(),
            session,
            finding=finding,
            form=form,
        ),
    )
