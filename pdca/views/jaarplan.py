"""The jaarplan's pages (Plan): the list, a plan with its goals and activities, drafting,
submitting, adopting, sending back, a new version, the difference between two versions; and an
activity's progress (Do)."""

from functools import cached_property

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samen import pickers
from samen.access import get_for
from samen.errors import DomainError
from samen.lists import Column, ListView
from samen.schooljaar import Schooljaar
from samen.views import ActionView, ConfirmView

from .. import selectors, services
from ..filters import JaarplanFilter
from ..forms import ActivityForm, AdoptForm, GoalForm, JaarplanForm, ProgressForm
from ..models import Jaarplan, JaarplanActivity, JaarplanGoal
from .common import OnRecord, year_label


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


class JaarplanCreate(ActionView):
    action = "jaarplan.edit"
    form_class = JaarplanForm
    title = gettext_lazy("Nieuw jaarplan")
    success_message = gettext_lazy("Het jaarplan is aangemaakt.")

    def get_initial(self):
        return {"title": _("Jaarplan %(jaar)s") % {"jaar": Schooljaar.current()}}

    def get_back_url(self):
        return reverse(
            "pdca:jaarplannen", kwargs={"partnership_slug": self.request.partnership.slug}
        )

    def get_back_label(self):
        return _("Jaarplannen")

    def perform(self, form):
        return services.create_jaarplan(self.request.access, **form.cleaned_data)


def jaarplan_detail(request, partnership_slug, pk):
    jaarplan = get_for(request, "jaarplan.view", Jaarplan.objects.all(), pk=pk)
    access = request.access
    progress = set(
        access.filter(
            "activity.progress", JaarplanActivity.objects.filter(goal__jaarplan=jaarplan)
        ).values_list("pk", flat=True)
    )
    return render(
        request,
        "pdca/jaarplan_detail.html",
        {
            "jaarplan": jaarplan,
            "waarborgen": selectors.goals_by_waarborg(jaarplan),
            "adopted_in": selectors.adopted_in(jaarplan),
            "versions": jaarplan.versions.select_related("submitted_by", "adopted_by"),
            "can_edit": access.can("jaarplan.edit", jaarplan),
            "can_adopt": access.can("jaarplan.adopt", jaarplan),
            "progress": progress,
        },
    )


# --- Drafting: goals and activities of a concept, on the plan's page --------------------------


class _GoalStep(OnRecord, ActionView):
    action = "jaarplan.edit"
    form_class = GoalForm
    success_message = gettext_lazy("Het doel is opgeslagen.")


class GoalAdd(_GoalStep):
    model = Jaarplan
    title = gettext_lazy("Doel toevoegen")

    def get_initial(self):
        # The plan's page offers "Doel toevoegen" per waarborg.
        return {"waarborg": self.request.GET.get("waarborg")}

    def get_instance(self):
        return None

    def perform(self, form):
        return services.save_goal(self.request.access, self.object, **form.cleaned_data)


class GoalEdit(_GoalStep):
    model = JaarplanGoal
    select_related = ("jaarplan",)
    check_on = "jaarplan"
    title = gettext_lazy("Doel bewerken")

    def perform(self, form):
        goal = self.object
        return services.save_goal(self.request.access, goal.jaarplan, goal, **form.cleaned_data)


class _ActivityStep(OnRecord, ActionView):
    action = "jaarplan.edit"
    form_class = ActivityForm
    form_gets_access = True
    success_message = gettext_lazy("De activiteit is opgeslagen.")

    def get_intro(self):
        return _("Doel: %(title)s") % {"title": self.goal.title}


class ActivityAdd(_ActivityStep):
    model = JaarplanGoal
    select_related = ("jaarplan",)
    check_on = "jaarplan"
    title = gettext_lazy("Activiteit toevoegen")

    @property
    def goal(self):
        return self.object

    def get_instance(self):
        return None

    def perform(self, form):
        return services.save_activity(self.request.access, self.goal, **form.cleaned_data)


class ActivityEdit(_ActivityStep):
    model = JaarplanActivity
    select_related = ("goal__jaarplan", "owner")
    check_on = "goal.jaarplan"
    title = gettext_lazy("Activiteit bewerken")

    @property
    def goal(self):
        return self.object.goal

    def perform(self, form):
        return services.save_activity(
            self.request.access, self.goal, self.object, **form.cleaned_data
        )


class _DeleteFromConcept(OnRecord, ConfirmView):
    """Removing a part of a concept asks first; a plan that is no concept refuses it."""

    action = "jaarplan.edit"
    confirm_button = gettext_lazy("Ja, verwijderen")
    danger = True


class GoalDelete(_DeleteFromConcept):
    model = JaarplanGoal
    select_related = ("jaarplan",)
    check_on = "jaarplan"
    confirm_intro = gettext_lazy("Het doel en zijn activiteiten verdwijnen uit het concept.")
    success_message = gettext_lazy("Het doel is verwijderd.")

    def get_confirm_title(self, form):
        return _("Doel ‘%(title)s’ verwijderen?") % {"title": self.object.title}

    def perform(self, form):
        services.delete_goal(self.request.access, self.object)


class ActivityDelete(_DeleteFromConcept):
    model = JaarplanActivity
    select_related = ("goal__jaarplan",)
    check_on = "goal.jaarplan"
    confirm_intro = gettext_lazy("De activiteit verdwijnt uit het concept.")
    success_message = gettext_lazy("De activiteit is verwijderd.")

    def get_confirm_title(self, form):
        return _("Activiteit ‘%(title)s’ verwijderen?") % {"title": self.object.title}

    def perform(self, form):
        services.delete_activity(self.request.access, self.object)


# --- Do: an activity's progress ---------------------------------------------------------------


class ActivityProgress(ActionView):
    """Do: an activity's progress and notes (its owner, the projectgroep), also on an adopted
    plan. Its owner may not read the plan: then the way back is the dashboard."""

    action = "activity.progress"
    model = JaarplanActivity
    select_related = ("goal__jaarplan", "owner")
    form_class = ProgressForm
    template_name = "pdca/activity_progress.html"
    success_message = gettext_lazy("De voortgang is opgeslagen.")

    @cached_property
    def jaarplan(self):
        """The activity's plan, if the person may read it."""
        jaarplan = self.object.goal.jaarplan
        return jaarplan if self.request.access.can("jaarplan.view", jaarplan) else None

    def get_title(self):
        return self.object.title

    def get_back_url(self):
        if self.jaarplan is None:
            return reverse("dashboard", kwargs={"partnership_slug": self.request.partnership.slug})
        return self.jaarplan.get_absolute_url()

    def get_back_label(self):
        return _("Overzicht") if self.jaarplan is None else str(self.jaarplan)

    def perform(self, form):
        return services.set_activity_progress(self.request.access, self.object, **form.cleaned_data)


# --- The plan's status: submit, send back, a new version (buttons), adopt (asked first) -------


class _JaarplanStep(ActionView):
    """A status button on the jaarplan's page; a refusal comes back there as a message."""

    model = Jaarplan
    has_form_page = False


class JaarplanSubmit(ConfirmView):
    """Submitting is asked first, and the confirmation names the waarborgen without a goal."""

    action = "jaarplan.edit"
    model = Jaarplan
    confirm_template_name = "pdca/jaarplan_submit_confirm.html"
    confirm_button = gettext_lazy("Ja, ter vaststelling aanbieden")
    irreversible = False  # the intro says what happens instead
    success_message = gettext_lazy("Het jaarplan ligt ter vaststelling bij de stuurgroep.")

    def get_confirm_title(self, form):
        return _("‘%(title)s’ ter vaststelling aanbieden?") % {"title": self.object.title}

    def get_confirm_intro(self, form):
        return _(
            "Versie %(n)s gaat naar de stuurgroep, die het plan vaststelt of terugstuurt. "
            "Zolang het ter vaststelling ligt, kunnen de doelen en activiteiten niet worden "
            "gewijzigd."
        ) % {"n": self.object.version}

    def get_confirm_context(self, form):
        return {
            **super().get_confirm_context(form),
            "without_goal": services.waarborgen_without_goal(self.object),
        }

    def confirm(self, form, error=None):
        """A plan that cannot be submitted says so at once (refused before it is asked)."""
        if error is None:
            try:
                services.check_submittable(self.object)
            except DomainError as exc:
                error = exc.message
        return super().confirm(form, error)

    def perform(self, form):
        return services.submit_jaarplan(self.request.access, self.object)


class JaarplanReturn(_JaarplanStep):
    action = "jaarplan.adopt"
    success_message = gettext_lazy("Het jaarplan is teruggestuurd naar de projectgroep.")

    def perform(self, form):
        return services.return_jaarplan(self.request.access, self.object)


class JaarplanReopen(_JaarplanStep):
    action = "jaarplan.edit"
    success_message = gettext_lazy(
        "Er is een nieuwe conceptversie begonnen; de vastgestelde versie blijft bewaard."
    )

    def perform(self, form):
        return services.reopen_jaarplan(self.request.access, self.object)


class JaarplanAdopt(ConfirmView):
    """Adoption is irreversible: the stuurgroep confirms it first, naming the meeting of the
    stuurgroep where it was decided."""

    action = "jaarplan.adopt"
    model = Jaarplan
    form_class = AdoptForm
    confirm_fields = ("meeting",)
    refusal_field = "meeting"
    confirm_button = gettext_lazy("Ja, vaststellen")
    irreversible = False  # the intro says so, and what happens instead
    success_message = gettext_lazy("Het jaarplan is vastgesteld.")

    def get_confirm_title(self, form):
        return _("‘%(title)s’ vaststellen?") % {"title": self.object.title}

    def get_confirm_intro(self, form):
        return _(
            "U stelt versie %(n)s vast namens de stuurgroep. Dit kan niet ongedaan worden "
            "gemaakt: het plan wordt alleen-lezen, en een wijziging wordt een nieuwe versie die "
            "opnieuw moet worden vastgesteld."
        ) % {"n": self.object.version}

    def post(self, request, *args, **kwargs):
        try:  # a plan that is not ter vaststelling is refused before the meeting is asked
            services.check_adoptable(self.object)
        except DomainError as exc:
            form = pickers.bind(AdoptForm(), request.access)  # unbound: only the refusal
            return self.confirm(form, error=exc.message)
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.adopt_jaarplan(
            self.request.access, self.object, form.cleaned_data["meeting"]
        )


def jaarplan_diff(request, partnership_slug, pk):
    """The difference between two versions (?van=1&naar=2; default: pdca.selectors)."""
    jaarplan = get_for(request, "jaarplan.view", Jaarplan.objects.all(), pk=pk)
    return render(
        request,
        "pdca/jaarplan_diff.html",
        {
            "jaarplan": jaarplan,
            "comparison": selectors.compare_versions(
                jaarplan, request.GET.get("van"), request.GET.get("naar")
            ),
        },
    )
