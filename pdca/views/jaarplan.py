"""The jaarplan's pages (Plan): the list, a plan with its goals and activities, drafting,
submitting, adopting, sending back, a new version, the difference between two versions; and an
activity's progress (Do)."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samen.access import get_for, require
from samen.errors import DomainError
from samen.lists import Column, ListView
from samen.schooljaar import Schooljaar

from .. import services
from ..filters import JaarplanFilter
from ..forms import ActivityForm, GoalForm, JaarplanForm, ProgressForm
from ..models import Jaarplan, JaarplanActivity, JaarplanGoal, Waarborg
from .common import form_page, year_label


class JaarplanList(ListView):
    action = "jaarplan.view"
    filterset_class = JaarplanFilter
    template_name = "pdca/jaarplan_list.html"
    partial_template_name = "pdca/_jaarplan_rows.html"
    export_name = "jaarplannen"
    columns = [
        Column(gettext_lazy("Jaarplan"), "title", sort="titel"),
        Column(gettext_lazy("Schooljaar"), year_label, sort="schooljaar"),
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
        "pdca/form_page.html",
        form_page(
            _("Nieuw jaarplan"),
            reverse("pdca:jaarplannen", args=[partnership_slug]),
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
        "pdca/jaarplan_detail.html",
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
        "pdca/form_page.html",
        form_page(
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
        "pdca/activity_form.html",
        form_page(
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
        "pdca/delete_confirm.html",
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
            return redirect("pdca:activity", partnership_slug=partnership_slug, pk=pk)
    return render(
        request,
        "pdca/activity_progress.html",
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
    return render(request, "pdca/jaarplan_adopt.html", {"jaarplan": jaarplan})


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
        "pdca/jaarplan_diff.html",
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
