"""The dialogue sessions' pages (Check): the list, a session with its findings and next
steps, recording them, and a follow-up action from a finding."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samen.access import get_for
from samen.lists import Column, ListView
from samen.schooljaar import Schooljaar
from samen.views import ActionView

from .. import selectors, services
from ..filters import DialogueFilter
from ..forms import ActionForm, FindingForm, NextStepDoneForm, NextStepForm, SessionForm
from ..models import DialogueSession, Finding, FollowUpAction, GesprekskaderItem, NextStep
from .common import OnRecord


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


class _SessionStep(ActionView):
    """A dialogue session recorded or changed: its items are chosen from the Gesprekskader of
    its schooljaar, shown as checkboxes grouped by waarborg, theme and sub-theme."""

    action = "dialogue.edit"
    form_class = SessionForm
    form_gets_access = True
    template_name = "pdca/dialogue_form.html"

    def get_schooljaar(self):
        raise NotImplementedError

    def get_form_kwargs(self):
        items = GesprekskaderItem.objects.filter(
            kader__schooljaar=self.get_schooljaar()
        ).select_related("kader")
        return {**super().get_form_kwargs(), "items": items}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["item_groups"] = services.items_by_theme(form.fields["items"].queryset)
        context["chosen"] = {str(v) for v in (form["items"].value() or [])}
        return context


class DialogueCreate(_SessionStep):
    title = gettext_lazy("Dialoogsessie vastleggen")
    success_message = gettext_lazy("De dialoogsessie is vastgelegd.")

    def get_schooljaar(self):
        return Schooljaar.current().start_year

    def get_initial(self):
        return {"held_on": timezone.localdate()}

    def get_instance(self):
        return None

    def get_back_url(self):
        return reverse("pdca:dialogues", kwargs={"partnership_slug": self.request.partnership.slug})

    def get_back_label(self):
        return _("Dialoogsessies")

    def perform(self, form):
        return services.save_session(self.request.access, **form.cleaned_data)


class DialogueEdit(_SessionStep):
    model = DialogueSession
    title = gettext_lazy("Dialoogsessie bewerken")
    success_message = gettext_lazy("De dialoogsessie is opgeslagen.")

    def get_schooljaar(self):
        return self.object.schooljaar

    def perform(self, form):
        return services.save_session(self.request.access, self.object, **form.cleaned_data)


def dialogue_detail(request, partnership_slug, pk):
    session = get_for(request, "dialogue.view", DialogueSession.objects.all(), pk=pk)
    access = request.access
    findings, per_item, loose = selectors.findings_by_item(session)
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
            # Posted to FindingAdd and NextStepAdd, which show them again when they do not
            # validate.
            "finding_form": FindingForm(session=session, prefix="finding")
            if can_edit and per_item
            else None,
            "step_form": NextStepForm(session=session, prefix="step") if can_edit else None,
        },
    )


class FindingAdd(OnRecord, ActionView):
    """An opbrengst on one of the session's items, from the form on the session's page."""

    action = "dialogue.edit"
    model = DialogueSession
    form_class = FindingForm
    title = gettext_lazy("Opbrengst vastleggen")
    success_message = gettext_lazy("De opbrengst is vastgelegd.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "session": self.object, "prefix": "finding"}

    def perform(self, form):
        return services.add_finding(self.request.access, self.object, **form.cleaned_data)


class NextStepAdd(OnRecord, ActionView):
    """A participant's next step ("Ik ga …", "Ik wil …"), from the form on the session's page."""

    action = "dialogue.edit"
    model = DialogueSession
    form_class = NextStepForm
    title = gettext_lazy("Vervolgstap vastleggen")
    success_message = gettext_lazy("De vervolgstap is vastgelegd.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "session": self.object, "prefix": "step"}

    def perform(self, form):
        return services.add_next_step(self.request.access, self.object, **form.cleaned_data)


class NextStepDone(OnRecord, ActionView):
    """Tick (or untick) a next step as taken — a button on the look back — and back to where
    it was ticked (`next`: an address in this partnership, else the session)."""

    action = "dialogue.edit"
    model = NextStep
    select_related = ("session",)
    check_on = "session"
    form_class = NextStepDoneForm
    has_form_page = False

    def get_back_url(self):
        back = self.request.POST.get("next", "")
        if back.startswith(f"/{self.request.partnership.slug}/") and "//" not in back:
            return back
        return super().get_back_url()

    def perform(self, form):
        return services.set_next_step_done(self.request.access, self.object, **form.cleaned_data)


class ActionCreate(OnRecord, ActionView):
    """A vervolgactie from a finding of a dialogue session, by who may edit the session (the
    findings of later instruments will have pages of their own)."""

    action = "dialogue.edit"
    model = Finding
    check_on = "source"
    form_class = ActionForm
    form_gets_access = True
    title = gettext_lazy("Vervolgactie vastleggen")
    success_message = gettext_lazy("De vervolgactie is vastgelegd.")

    def get_queryset(self):
        of_sessions = ContentType.objects.get_for_model(DialogueSession)
        return Finding.objects.select_related("source_type", "item").filter(source_type=of_sessions)

    def get_intro(self):
        finding = self.object
        return _("Uit de opbrengst (%(waarborg)s): “%(text)s”") % {
            "waarborg": finding.get_waarborg_display(),
            "text": Truncator(finding.text).words(40, truncate=" …"),
        }

    def perform(self, form):
        return services.create_action(self.request.access, self.object, **form.cleaned_data)
