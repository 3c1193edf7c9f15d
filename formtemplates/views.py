"""Pages of the form-template editor: an institute's templates, their versions, the draft
editor, a preview, the difference between two versions, and publishing (after confirmation).

Thin views: the reads fetch the template through get_for() (404 out of reach); each step is a
declaration on samen.views' ActionView or ConfirmView (its rule, its object, its form, its
service call, its messages). A published version is only read here; its page offers "Nieuwe
versie maken" instead.
"""

from django.contrib import messages
from django.db.models import Exists, Max, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from questionnaires.forms import ResponseForm
from questionnaires.models import Question, Response, Section, Version, VersionStatus
from questionnaires.services import problems
from samen.access import get_for
from samen.lists import Column, ListView
from samen.views import ActionView, ConfirmView

from . import selectors, services
from .forms import (
    FormTemplateFilter,
    MoveForm,
    QuestionForm,
    SectionForm,
    SignersForm,
    TemplateCreateForm,
)
from .models import FormTemplate


class FormTemplateList(ListView):
    action = "formtemplate.view"
    filterset_class = FormTemplateFilter
    template_name = "formtemplates/template_list.html"
    partial_template_name = "formtemplates/_template_rows.html"
    export_name = "formuliersjablonen"
    columns = [
        Column(gettext_lazy("Formulier"), "questionnaire.name", sort="naam"),
        Column(
            gettext_lazy("Opleidingsinstituut"), "institute.organisation.name", sort="instituut"
        ),
        Column(gettext_lazy("Soort"), "get_kind_display", sort="soort"),
        Column(gettext_lazy("Opleidingsvariant"), lambda t: t.get_programme_display() or "—"),
        Column(gettext_lazy("Fase"), lambda t: t.get_phase_display() or "—"),
        Column(gettext_lazy("Gepubliceerde versie"), lambda t: t.published_number or "—"),
        Column(
            gettext_lazy("Concept in bewerking"),
            lambda t: _("ja") if t.has_draft else _("nee"),
        ),
    ]

    def get_queryset(self):
        versions = Version.objects.filter(questionnaire_id=OuterRef("questionnaire_id"))
        return (
            FormTemplate.objects.select_related("questionnaire", "institute__organisation")
            .annotate(
                published_number=Max(
                    "questionnaire__versions__number",
                    filter=Q(questionnaire__versions__status=VersionStatus.PUBLISHED),
                ),
                has_draft=Exists(versions.filter(status=VersionStatus.DRAFT)),
            )
            .order_by("institute__organisation__name", "kind", "programme", "phase")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A board's CoOP'er passes the rule without an object but reaches no institute.
        context["can_manage"] = (
            self.request.access.can("formtemplate.manage")
            and services.institutes_in_reach(self.request.access).exists()
        )
        return context


template_list = FormTemplateList.as_view()


def _template(request, action, pk):
    return get_for(
        request,
        action,
        FormTemplate.objects.select_related("questionnaire", "institute__organisation"),
        pk=pk,
    )


class TemplateCreate(ActionView):
    action = "formtemplate.manage"
    form_class = TemplateCreateForm
    form_gets_access = True
    template_name = "formtemplates/template_form.html"
    title = gettext_lazy("Nieuw formuliersjabloon")
    intro = gettext_lazy(
        "Eén sjabloon per instituut, soort formulier, opleidingsvariant en fase. U begint met "
        "een leeg concept; de aankomende leraar, de mentor en de instituutsopleider "
        "ondertekenen het."
    )
    submit_label = gettext_lazy("Aanmaken")
    success_message = gettext_lazy("Het sjabloon is aangemaakt. Voeg onderdelen en vragen toe.")

    def get_back_url(self):
        return reverse(
            "formtemplates:list", kwargs={"partnership_slug": self.request.partnership.slug}
        )

    def get_back_label(self):
        return _("Formuliersjablonen")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["has_institutes"] = context["form"].fields["institute"].queryset.exists()
        return context

    def perform(self, form):
        return services.create_template(self.request.access, **form.cleaned_data)

    def get_success_url(self, template):
        return template.get_editor_url()


def template_detail(request, partnership_slug, pk):
    template = _template(request, "formtemplate.view", pk)
    versions = selectors.versions_of(template)
    return render(
        request,
        "formtemplates/template_detail.html",
        {
            "template": template,
            "versions": versions,
            "draft": next((v for v in versions if v.is_draft), None),
            "can_manage": request.access.can("formtemplate.manage", template),
        },
    )


def template_editor(request, partnership_slug, pk):
    """The draft: its sections with their questions, each with its own small forms."""
    template = _template(request, "formtemplate.manage", pk)
    draft = selectors.draft_of(template)
    if draft is None:
        messages.info(
            request,
            _("Er is geen concept. Maak een nieuwe versie om het formulier te veranderen."),
        )
        return redirect("formtemplates:detail", partnership_slug=partnership_slug, pk=pk)
    sections = list(
        Section.objects.filter(version=draft)
        .order_by("position", "pk")
        .prefetch_related("questions")
    )
    for section in sections:
        section.ordered = sorted(section.questions.all(), key=lambda q: (q.position, q.pk))
        for q in section.ordered:
            q.by_labels = ", ".join(str(services.FORM_ROLES.get(r, r)) for r in q.answered_by)
    return render(
        request,
        "formtemplates/editor.html",
        {
            "template": template,
            "draft": draft,
            "sections": sections,
            "section_form": SectionForm(),
            "signers_form": SignersForm(initial={"signers": draft.signers}),
            "roles": services.FORM_ROLES,
            "problems": problems(draft),
        },
    )


# --- Steps on a template and its draft ------------------------------------------------------


class _TemplateStep:
    """A step on one template, by whoever manages it (an institute's coordinator: its own)."""

    action = "formtemplate.manage"
    model = FormTemplate
    select_related = ("questionnaire", "institute__organisation")


class _EditorStep:
    """A step in the editor of a template's draft: back to the editor, at the item it is
    about (`anchor`: "onderdeel-12", "vraag-3"), and there again after it."""

    action = "formtemplate.manage"

    def anchor(self, result=None):
        return ""

    def get_back_url(self):
        return self.template.get_editor_url(self.anchor())

    def get_back_label(self):
        return _("Terug naar het concept")

    def get_success_url(self, result):
        return self.template.get_editor_url(self.anchor(result))


class _DraftStep(_EditorStep, _TemplateStep):
    """A step on the template's draft as a whole: 404 when it has none (a published version
    is read, not edited)."""

    def get_object(self):
        template = super().get_object()
        self.draft = selectors.draft_of(template)
        if self.draft is None:
            raise Http404
        return template

    @property
    def template(self):
        return self.object


class _DraftItem(_EditorStep):
    """A step on a section or question of the draft of the template in the URL: the rule is
    checked on that template; an item of a published version, or of another template, is 404."""

    check_on = "version.questionnaire.form_template"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("version__questionnaire__form_template__partnership")
            .filter(
                version__questionnaire__form_template=self.kwargs["pk"],
                version__status=VersionStatus.DRAFT,
            )
        )

    @property
    def template(self):
        return self.object.version.questionnaire.form_template


class _SectionStep(_DraftItem):
    model = Section
    pk_url_kwarg = "section_pk"

    def anchor(self, result=None):
        return f"onderdeel-{self.object.pk}"


class _QuestionStep(_DraftItem):
    model = Question
    select_related = ("section",)
    pk_url_kwarg = "question_pk"

    def anchor(self, result=None):
        return f"vraag-{self.object.pk}"


class TemplateSigners(_DraftStep, ActionView):
    """Who signs: a form on the editor's page."""

    form_class = SignersForm
    has_form_page = False
    http_method_names = ["post"]
    success_message = gettext_lazy("De ondertekenaars zijn opgeslagen.")

    def anchor(self, result=None):
        return "ondertekenaars"

    def perform(self, form):
        return services.set_signers(self.request.access, self.draft, form.cleaned_data["signers"])


class SectionCreate(_DraftStep, ActionView):
    form_class = SectionForm
    title = gettext_lazy("Onderdeel toevoegen")
    success_message = gettext_lazy("Het onderdeel is toegevoegd.")

    def anchor(self, section=None):
        return f"onderdeel-{section.pk}" if section else ""

    def perform(self, form):
        return services.add_section(self.request.access, self.draft, **form.cleaned_data)


class SectionEdit(_SectionStep, ActionView):
    form_class = SectionForm
    title = gettext_lazy("Onderdeel bewerken")
    success_message = gettext_lazy("Het onderdeel is opgeslagen.")

    def get_initial(self):
        return {"title": self.object.title, "intro": self.object.intro}

    def perform(self, form):
        return services.update_section(self.request.access, self.object, **form.cleaned_data)


class SectionMove(_SectionStep, ActionView):
    """One place up or down: buttons in the editor (htmx swaps the editor in place)."""

    form_class = MoveForm
    has_form_page = False
    http_method_names = ["post"]

    def perform(self, form):
        services.move_section(self.request.access, self.object, form.step)


class SectionDelete(_SectionStep, ConfirmView):
    confirm_button = gettext_lazy("Ja, verwijderen")
    danger = True
    success_message = gettext_lazy("Het onderdeel is verwijderd.")

    def anchor(self, result=None):
        return ""

    def get_confirm_title(self, form):
        return _("Onderdeel ‘%(title)s’ verwijderen?") % {"title": self.object.title}

    def get_confirm_intro(self, form):
        return _(
            "Het onderdeel en zijn %(count)s vragen verdwijnen uit het concept. "
            "Gepubliceerde versies blijven zoals ze zijn."
        ) % {"count": self.object.questions.count()}

    def perform(self, form):
        services.delete_section(self.request.access, self.object)


class QuestionCreate(_SectionStep, ActionView):
    form_class = QuestionForm
    success_message = gettext_lazy("De vraag is toegevoegd.")

    def anchor(self, question=None):
        return f"vraag-{question.pk}" if question else super().anchor()

    def get_initial(self):
        return {"kind": "text", "max_length": 3000}

    def get_title(self):
        return _("Vraag toevoegen aan ‘%(section)s’") % {"section": self.object.title}

    def perform(self, form):
        return services.add_question(self.request.access, self.object, **form.question_fields)


class QuestionEdit(_QuestionStep, ActionView):
    form_class = QuestionForm
    title = gettext_lazy("Vraag bewerken")
    success_message = gettext_lazy("De vraag is opgeslagen.")

    def get_initial(self):
        return QuestionForm.initial_for(self.object)

    def perform(self, form):
        return services.update_question(self.request.access, self.object, **form.question_fields)


class QuestionMove(_QuestionStep, ActionView):
    form_class = MoveForm
    has_form_page = False
    http_method_names = ["post"]

    def perform(self, form):
        services.move_question(self.request.access, self.object, form.step)


class QuestionDelete(_QuestionStep, ConfirmView):
    confirm_title = gettext_lazy("Vraag verwijderen?")
    confirm_button = gettext_lazy("Ja, verwijderen")
    danger = True
    success_message = gettext_lazy("De vraag is verwijderd.")

    def anchor(self, result=None):
        return f"onderdeel-{self.object.section_id}"

    def get_confirm_intro(self, form):
        return _(
            "‘%(question)s’ verdwijnt uit het concept. Gepubliceerde versies blijven zoals ze zijn."
        ) % {"question": self.object.text[:120]}

    def perform(self, form):
        services.delete_question(self.request.access, self.object)


class TemplatePublish(_DraftStep, ConfirmView):
    """Publishing cannot be undone: the confirmation says what it replaces, or lists what still
    blocks it (then without a button)."""

    confirm_template_name = "formtemplates/publish_confirm.html"
    irreversible = False  # the intro says a published version no longer changes

    def get_confirm_title(self, form):
        return _("Versie %(number)s publiceren?") % {"number": self.draft.number}

    def get_confirm_intro(self, form):
        return _(
            "Na publiceren gebruiken nieuwe formulieren ‘%(name)s’ deze versie. Een "
            "gepubliceerde versie verandert niet meer: wilt u later iets aanpassen, dan maakt u "
            "een nieuwe versie."
        ) % {"name": self.object.questionnaire.name}

    def get_confirm_context(self, form):
        published = self.object.questionnaire.published
        return {
            **super().get_confirm_context(form),
            "button": _("Ja, versie %(number)s publiceren") % {"number": self.draft.number},
            "problems": problems(self.draft),
            "published": published,
            "running": Response.objects.filter(version=published).count() if published else 0,
        }

    def perform(self, form):
        return services.publish(self.request.access, self.draft)

    def get_success_message(self, version):
        return _("Versie %(number)s is gepubliceerd. Nieuwe formulieren gebruiken deze versie.") % {
            "number": version.number
        }

    def get_success_url(self, version):
        return self.object.get_absolute_url()


class TemplateNewVersion(_TemplateStep, ActionView):
    """The button "Nieuwe versie maken" on the template's page; the draft opens."""

    has_form_page = False
    http_method_names = ["post"]

    def get_back_label(self):
        return str(self.object.questionnaire)

    def perform(self, form):
        return services.new_draft(self.request.access, self.object)

    def get_success_message(self, draft):
        return _("Versie %(number)s is een concept om te bewerken.") % {"number": draft.number}

    def get_success_url(self, draft):
        return self.object.get_editor_url()


def version_preview(request, partnership_slug, pk, number):
    """The version as whoever fills it in sees it, every field read-only."""
    template = _template(request, "formtemplate.view", pk)
    version = get_object_or_404(Version, questionnaire_id=template.questionnaire_id, number=number)
    form = ResponseForm(_Unanswered(version))
    return render(
        request,
        "formtemplates/preview.html",
        {
            "template": template,
            "version": version,
            "form": form,
            "signers": selectors.signer_labels(version.signers),
        },
    )


class _Unanswered:
    """Stands in for a response without answers: the preview stores nothing."""

    def __init__(self, version):
        self.version, self.version_id = version, version.pk
        self.answers = Response.objects.none()


def version_diff(request, partnership_slug, pk):
    """What changed between two versions (?van=1&naar=2), question by question."""
    template = _template(request, "formtemplate.view", pk)
    versions = selectors.versions_of(template)
    by_number = {str(v.number): v for v in versions}
    old = by_number.get(request.GET.get("van", ""))
    new = by_number.get(request.GET.get("naar", ""))
    if old is None and new is None and len(versions) >= 2:
        new, old = versions[0], versions[1]
    return render(
        request,
        "formtemplates/diff.html",
        {
            "template": template,
            "versions": versions,
            "old": old,
            "new": new,
            "diff": selectors.difference(old, new) if old and new else None,
        },
    )
