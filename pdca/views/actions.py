"""The follow-up actions' pages (Act) and the two overviews: the quality cycle per waarborg
and the year's look back at the steps taken."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samen.lists import Column, ListView
from samen.schooljaar import Schooljaar, schooljaar_choices
from samen.views import ActionView

from .. import overviews, services
from ..filters import ActionFilter
from ..forms import ActionStatusForm
from ..models import DialogueSession, FollowUpAction


def _schooljaar(request):
    """The schooljaar asked for (?schooljaar=2025), else the current one."""
    try:
        year = int(request.GET.get("schooljaar", ""))
    except ValueError:
        return Schooljaar.current().start_year
    return year if 2000 <= year <= 2100 else Schooljaar.current().start_year


class ActionList(ListView):
    action = "followup.view"
    filterset_class = ActionFilter
    template_name = "pdca/action_list.html"
    partial_template_name = "pdca/_action_rows.html"
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


class ActionDetail(ActionView):
    """An action's page. Who may read it (followup.view) sees its status; its owner and the
    projectgroep (followup.edit) also get the form to set it: a POST asks that rule, so a
    reader's POST answers 404."""

    model = FollowUpAction
    select_related = ("owner", "finding__item", "finding__source_type")
    form_class = ActionStatusForm
    template_name = "pdca/action_detail.html"
    success_message = gettext_lazy("De vervolgactie is opgeslagen.")

    @property
    def action(self):
        return "followup.edit" if self.request.method == "POST" else "followup.view"

    def get_title(self):
        return self.object.title

    def get_back_url(self):
        return reverse("pdca:actions", kwargs={"partnership_slug": self.request.partnership.slug})

    def get_back_label(self):
        return _("Vervolgacties")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action, access = self.object, self.request.access
        source = action.finding.source if action.finding_id else None
        context.update(
            can_edit=access.can("followup.edit", action),
            source=source,
            can_view_source=isinstance(source, DialogueSession)
            and access.can("dialogue.view", source),
            overdue=action.is_overdue(timezone.localdate()),
        )
        return context

    def perform(self, form):
        return services.set_action_status(self.request.access, self.object, **form.cleaned_data)


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
    jaarplan, rows = overviews.per_waarborg(request.access, year)
    context.update(jaarplan=jaarplan, rows=rows, today=timezone.localdate())
    return render(request, "pdca/overview.html", context)


def look_back(request, partnership_slug):
    """For the year's last network meeting: did we take the steps we said?"""
    if not request.access.can("quality.overview"):
        raise Http404
    year, context = _year_context(request)
    context.update(
        rows=overviews.look_back(request.access, year),
        can_tick=request.access.can("dialogue.edit"),
        today=timezone.localdate(),
    )
    return render(request, "pdca/look_back.html", context)
