"""The quality cycle's pages: Gesprekskader, jaarplan (Plan), activities (Do), dialogue
sessions and findings (Check), follow-up actions and the overviews (Act).

Thin: permission (get_for / require: 404 out of reach) → form → service → render. A
DomainError from a service is shown as the form's error or a message.
"""

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samen.access import get_for, require
from samen.errors import DomainError
from samen.lists import Column, ListView
from samen.schooljaar import Schooljaar, schooljaar_choices

from . import pdca_services as services
from .models import (
    DialogueSession,
    Finding,
    FollowUpAction,
    Gesprekskader,
    GesprekskaderItem,
    Jaarplan,
    JaarplanActivity,
    JaarplanGoal,
    NextStep,
    Waarborg,
)
from .pdca_forms import (
    ActionFilter,
    ActionForm,
    ActionStatusForm,
    ActivityForm,
    DialogueFilter,
    FindingForm,
    GesprekskaderFilter,
    GoalForm,
    ItemForm,
    JaarplanFilter,
    JaarplanForm,
    NextStepForm,
    ProgressForm,
    SchooljaarForm,
    SessionForm,
)


def _schooljaar(request):
    """The schooljaar asked for (?schooljaar=2025), else the current one."""
    try:
        year = int(request.GET.get("schooljaar", ""))
    except ValueError:
        return Schooljaar.current().start_year
    return year if 2000 <= year <= 2100 else Schooljaar.current().start_year


def _page(title, back_url, back_label, **context):
    """The context of quality/pdca/form_page.html: a title, a way back, the form."""
    return {"title": title, "back_url": back_url, "back_label": back_label, **context}


def _year(obj):
    return str(Schooljaar(obj.schooljaar))


# --- The Gesprekskader ----------------------------------------------------------------------


class GesprekskaderList(ListView):
    action = "gesprekskader.view"
    filterset_class = GesprekskaderFilter
    template_name = "quality/pdca/gesprekskader_list.html"
    partial_template_name = "quality/pdca/_gesprekskader_rows.html"
    export_name = "gesprekskaders"
    columns = [
        Column(gettext_lazy("Schooljaar"), _year, sort="schooljaar"),
        Column(gettext_lazy("Items"), "n_items"),
    ]

    def get_queryset(self):
        return Gesprekskader.objects.annotate(n_items=Count("items")).order_by("-schooljaar")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.access.can("gesprekskader.edit"):
            context["start_form"] = SchooljaarForm()
        return context


gesprekskader_list = GesprekskaderList.as_view()


def gesprekskader_start(request, partnership_slug):
    if not request.access.can("gesprekskader.edit"):
        raise Http404
    form = SchooljaarForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kader = services.start_gesprekskader(request.access, form.cleaned_data["schooljaar"])
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Het gesprekskader is gestart."))
            return redirect(kader)
    return render(request, "quality/pdca/gesprekskader_start.html", {"form": form})


def gesprekskader_detail(request, partnership_slug, pk):
    kader = get_for(request, "gesprekskader.view", Gesprekskader.objects.all(), pk=pk)
    return render(
        request,
        "quality/pdca/gesprekskader_detail.html",
        {
            "kader": kader,
            "waarborgen": services.items_by_theme(kader.items.all()),
            "can_edit": request.access.can("gesprekskader.edit", kader),
        },
    )


def gesprekskader_item(request, partnership_slug, pk):
    """Add an item to the Gesprekskader `pk`."""
    kader = get_for(request, "gesprekskader.edit", Gesprekskader.objects.all(), pk=pk)
    return _item_form(request, kader, None)


def gesprekskader_item_edit(request, partnership_slug, pk):
    item = get_object_or_404(GesprekskaderItem.objects.select_related("kader"), pk=pk)
    require(request, "gesprekskader.edit", item.kader)
    return _item_form(request, item.kader, item)


def _item_form(request, kader, item):
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_item(
                request.access, kader, item if item and item.pk else None, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Het item is opgeslagen."))
            return redirect(kader)
    return render(
        request,
        "quality/pdca/item_form.html",
        _page(
            _("Item bewerken") if item else _("Item toevoegen"),
            kader.get_absolute_url(),
            kader,
            kader=kader,
            item=item,
            form=form,
        ),
    )


# --- Plan: the jaarplan -----------------------------------------------------------------------


class JaarplanList(ListView):
    action = "jaarplan.view"
    filterset_class = JaarplanFilter
    template_name = "quality/pdca/jaarplan_list.html"
    partial_template_name = "quality/pdca/_jaarplan_rows.html"
    export_name = "jaarplannen"
    columns = [
        Column(gettext_lazy("Jaarplan"), "title", sort="titel"),
        Column(gettext_lazy("Schooljaar"), _year, sort="schooljaar"),
        Column(gettext_lazy("Status"), "get_status_display"),
        Column(gettext_lazy("Versie"), "version"),
    ]

    def get_queryset(self):
        return Jaarplan.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = self.request.access.can("jaarplan.edit")
        return context


jaarplan_list = JaarplanList.as_view()


def jaarplan_create(request, partnership_slug):
    if not request.access.can("jaarplan.edit"):
        raise Http404
    year = Schooljaar.current()
    form = JaarplanForm(
        request.POST or None, initial={"title": _("Jaarplan %(jaar)s") % {"jaar": year}}
    )
    if request.method == "POST" and form.is_valid():
        try:
            jaarplan = services.create_jaarplan(request.access, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Het jaarplan is aangemaakt."))
            return redirect(jaarplan)
    return render(
        request,
        "quality/pdca/form_page.html",
        _page(
            _("Nieuw jaarplan"),
            reverse("quality:jaarplannen", args=[partnership_slug]),
            _("Jaarplannen"),
            form=form,
        ),
    )


def jaarplan_detail(request, partnership_slug, pk):
    jaarplan = get_for(request, "jaarplan.view", Jaarplan.objects.all(), pk=pk)
    access = request.access
    goals = jaarplan.goals.prefetch_related(
        Prefetch(
            "activities", queryset=JaarplanActivity.objects.select_related("owner").order_by("pk")
        )
    )
    by_waarborg = [
        (w, Waarborg(w).label, [g for g in goals if g.waarborg == w]) for w in Waarborg.values
    ]
    progress = set(
        access.filter(
            "activity.progress", JaarplanActivity.objects.filter(goal__jaarplan=jaarplan)
        ).values_list("pk", flat=True)
    )
    versions = list(jaarplan.versions.select_related("submitted_by", "adopted_by"))
    return render(
        request,
        "quality/pdca/jaarplan_detail.html",
        {
            "jaarplan": jaarplan,
            "waarborgen": by_waarborg,
            "versions": versions,
            "can_edit": access.can("jaarplan.edit", jaarplan),
            "can_adopt": access.can("jaarplan.adopt", jaarplan),
            "progress": progress,
        },
    )


def _editable_jaarplan(request, pk):
    return get_for(request, "jaarplan.edit", Jaarplan.objects.all(), pk=pk)


def goal_add(request, partnership_slug, pk):
    jaarplan = _editable_jaarplan(request, pk)
    return _goal_form(request, jaarplan, None)


def goal_edit(request, partnership_slug, pk):
    goal = get_object_or_404(JaarplanGoal.objects.select_related("jaarplan"), pk=pk)
    require(request, "jaarplan.edit", goal.jaarplan)
    return _goal_form(request, goal.jaarplan, goal)


def _goal_form(request, jaarplan, goal):
    form = GoalForm(
        request.POST or None,
        instance=goal,
        initial={"waarborg": request.GET.get("waarborg")} if goal is None else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_goal(request.access, jaarplan, goal, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Het doel is opgeslagen."))
            return redirect(jaarplan)
    return render(
        request,
        "quality/pdca/form_page.html",
        _page(
            _("Doel bewerken") if goal else _("Doel toevoegen"),
            jaarplan.get_absolute_url(),
            jaarplan,
            form=form,
        ),
    )


def activity_add(request, partnership_slug, pk):
    goal = get_object_or_404(JaarplanGoal.objects.select_related("jaarplan"), pk=pk)
    require(request, "jaarplan.edit", goal.jaarplan)
    return _activity_form(request, goal, None)


def activity_edit(request, partnership_slug, pk):
    activity = get_object_or_404(
        JaarplanActivity.objects.select_related("goal__jaarplan", "owner"), pk=pk
    )
    require(request, "jaarplan.edit", activity.goal.jaarplan)
    return _activity_form(request, activity.goal, activity)


def _activity_form(request, goal, activity):
    form = ActivityForm(request.POST or None, instance=activity, access=request.access)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_activity(request.access, goal, activity, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De activiteit is opgeslagen."))
            return redirect(goal.jaarplan)
    return render(
        request,
        "quality/pdca/activity_form.html",
        _page(
            _("Activiteit bewerken") if activity else _("Activiteit toevoegen"),
            goal.jaarplan.get_absolute_url(),
            goal.jaarplan,
            goal=goal,
            form=form,
        ),
    )


def goal_delete(request, partnership_slug, pk):
    """Deleting a goal (and its activities) asks for confirmation first."""
    goal = get_object_or_404(JaarplanGoal.objects.select_related("jaarplan"), pk=pk)
    require(request, "jaarplan.edit", goal.jaarplan)
    return _delete(
        request,
        goal,
        goal.jaarplan,
        services.delete_goal,
        _("Doel ‘%(title)s’ verwijderen?") % {"title": goal.title},
        _("Het doel en zijn activiteiten verdwijnen uit het concept."),
        _("Het doel is verwijderd."),
    )


def activity_delete(request, partnership_slug, pk):
    activity = get_object_or_404(JaarplanActivity.objects.select_related("goal__jaarplan"), pk=pk)
    require(request, "jaarplan.edit", activity.goal.jaarplan)
    return _delete(
        request,
        activity,
        activity.goal.jaarplan,
        services.delete_activity,
        _("Activiteit ‘%(title)s’ verwijderen?") % {"title": activity.title},
        _("De activiteit verdwijnt uit het concept."),
        _("De activiteit is verwijderd."),
    )


def _delete(request, obj, jaarplan, operation, question, explanation, done_message):
    if request.method == "POST" and request.POST.get("confirm") == "1":
        try:
            operation(request.access, obj)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, done_message)
        return redirect(jaarplan)
    return render(
        request,
        "quality/pdca/delete_confirm.html",
        {"jaarplan": jaarplan, "question": question, "explanation": explanation},
    )


def activity_progress(request, partnership_slug, pk):
    """Do: an activity's progress and notes (its owner, the projectgroep)."""
    activity = get_for(
        request,
        "activity.progress",
        JaarplanActivity.objects.select_related("goal__jaarplan", "owner"),
        pk=pk,
    )
    form = ProgressForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_activity_progress(request.access, activity, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De voortgang is opgeslagen."))
            return redirect("quality:activity", partnership_slug=partnership_slug, pk=pk)
    return render(
        request,
        "quality/pdca/activity_progress.html",
        {
            "activity": activity,
            "form": form,
            "can_view_plan": request.access.can("jaarplan.view", activity.goal.jaarplan),
        },
    )


def _transition(request, pk, action, operation, done_message):
    jaarplan = get_for(request, action, Jaarplan.objects.all(), pk=pk)
    if request.method != "POST":
        return redirect(jaarplan)
    try:
        operation(request.access, jaarplan)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done_message)
    return redirect(jaarplan)


def jaarplan_submit(request, partnership_slug, pk):
    return _transition(
        request,
        pk,
        "jaarplan.edit",
        services.submit_jaarplan,
        _("Het jaarplan ligt ter vaststelling bij de stuurgroep."),
    )


def jaarplan_return(request, partnership_slug, pk):
    return _transition(
        request,
        pk,
        "jaarplan.adopt",
        services.return_jaarplan,
        _("Het jaarplan is teruggestuurd naar de projectgroep."),
    )


def jaarplan_reopen(request, partnership_slug, pk):
    return _transition(
        request,
        pk,
        "jaarplan.edit",
        services.reopen_jaarplan,
        _("Er is een nieuwe conceptversie begonnen; de vastgestelde versie blijft bewaard."),
    )


def jaarplan_adopt(request, partnership_slug, pk):
    """Adoption is irreversible: a confirmation page first, the POST adopts."""
    jaarplan = get_for(request, "jaarplan.adopt", Jaarplan.objects.all(), pk=pk)
    if request.method == "POST" and request.POST.get("confirm") == "1":
        try:
            services.adopt_jaarplan(request.access, jaarplan)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Het jaarplan is vastgesteld."))
        return redirect(jaarplan)
    return render(request, "quality/pdca/jaarplan_adopt.html", {"jaarplan": jaarplan})


def jaarplan_diff(request, partnership_slug, pk):
    """The difference between two versions (?van=1&naar=2; default the last two)."""
    jaarplan = get_for(request, "jaarplan.view", Jaarplan.objects.all(), pk=pk)
    versions = {v.number: v for v in jaarplan.versions.all()}
    numbers = sorted(versions)

    def number(param, default):
        try:
            value = int(request.GET.get(param, default))
        except (TypeError, ValueError):
            return None
        return value if value in versions or value == 0 else None

    # Default: a concept against its last version, else the last two versions.
    if not numbers:
        default_new = default_old = 0
    elif jaarplan.status == Jaarplan.Status.CONCEPT:
        default_new, default_old = 0, numbers[-1]
    else:
        default_new, default_old = numbers[-1], numbers[-2] if len(numbers) > 1 else numbers[-1]
    new = number("naar", default_new)
    old = number("van", default_old)
    error = None
    lines = []
    if new is None or old is None:
        error = _("Kies twee bestaande versies.")
    elif numbers:
        # 0 stands for the plan as it is now (a concept being drafted).
        before = versions[old].snapshot if old else services.snapshot(jaarplan)
        after = versions[new].snapshot if new else services.snapshot(jaarplan)
        lines = services.difference(before, after)
    return render(
        request,
        "quality/pdca/jaarplan_diff.html",
        {
            "jaarplan": jaarplan,
            "numbers": numbers,
            "old": old,
            "new": new,
            "lines": lines,
            "error": error,
            "changed": any(kind != "same" for kind, _line in lines),
        },
    )


# --- Check: dialogue sessions ------------------------------------------------------------------


class DialogueList(ListView):
    action = "dialogue.view"
    filterset_class = DialogueFilter
    template_name = "quality/pdca/dialogue_list.html"
    partial_template_name = "quality/pdca/_dialogue_rows.html"
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
    return render(request, "quality/pdca/dialogue_form.html", _session_form_context(form, None))


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
    return render(request, "quality/pdca/dialogue_form.html", _session_form_context(form, session))


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
        "quality/pdca/dialogue_detail.html",
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
        "quality/pdca/form_page.html",
        _page(_("Opbrengst vastleggen"), session.get_absolute_url(), session, form=form),
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
        "quality/pdca/form_page.html",
        _page(_("Vervolgstap vastleggen"), session.get_absolute_url(), session, form=form),
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
        "quality/pdca/action_form.html",
        _page(
            _("Vervolgactie vastleggen"),
            session.get_absolute_url(),
            session,
            finding=finding,
            form=form,
        ),
    )


# --- Act: actions and the overviews ----------------------------------------------------------


class ActionList(ListView):
    action = "followup.view"
    filterset_class = ActionFilter
    template_name = "quality/pdca/action_list.html"
    partial_template_name = "quality/pdca/_action_rows.html"
    export_name = "vervolgacties"
    columns = [
        Column(gettext_lazy("Actie"), "title", sort="actie"),
        Column(gettext_lazy("Waarborg"), "get_waarborg_display", sort="waarborg"),
        Column(gettext_lazy("Eigenaar"), "owner.full_name"),
        Column(gettext_lazy("Uiterlijk op"), "due_on", sort="datum"),
        Column(gettext_lazy("Status"), "get_status_display"),
    ]

    def get_queryset(self):
        return FollowUpAction.objects.select_related("owner")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


action_list = ActionList.as_view()


def action_detail(request, partnership_slug, pk):
    action = get_for(
        request,
        "followup.view",
        FollowUpAction.objects.select_related("owner", "finding__item", "finding__source_type"),
        pk=pk,
    )
    access = request.access
    can_edit = access.can("followup.edit", action)
    form = ActionStatusForm(request.POST or None, instance=action) if can_edit else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.set_action_status(access, action, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("De vervolgactie is opgeslagen."))
                return redirect("quality:action", partnership_slug=partnership_slug, pk=pk)
    source = action.finding.source if action.finding_id else None
    return render(
        request,
        "quality/pdca/action_detail.html",
        {
            "action": action,
            "form": form,
            "source": source,
            "can_view_source": isinstance(source, DialogueSession)
            and access.can("dialogue.view", source),
            "overdue": action.is_overdue(timezone.localdate()),
        },
    )


def _year_context(request):
    year = _schooljaar(request)
    return year, {
        "schooljaar": year,
        "schooljaar_label": str(Schooljaar(year)),
        "schooljaren": schooljaar_choices(),
    }


def overview(request, partnership_slug):
    """Per waarborg: goals, activities done/total, open and overdue actions, findings."""
    if not request.access.can("quality.overview"):
        raise Http404
    year, context = _year_context(request)
    jaarplan, rows = services.per_waarborg(request.access, year)
    context.update(jaarplan=jaarplan, rows=rows, today=timezone.localdate())
    return render(request, "quality/pdca/overview.html", context)


def look_back(request, partnership_slug):
    """For the year's last network meeting: did we take the steps we said?"""
    if not request.access.can("quality.overview"):
        raise Http404
    year, context = _year_context(request)
    context.update(
        rows=services.look_back(request.access, year),
        can_tick=request.access.can("dialogue.edit"),
        today=timezone.localdate(),
    )
    return render(request, "quality/pdca/look_back.html", context)
