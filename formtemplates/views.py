"""Pages of the form-template editor: an institute's templates, their versions, the draft
editor, a preview, the difference between two versions, and publishing (after confirmation).

Thin views: the object through get_for() (404 out of reach), a form, a service, a page. A
published version is only read here; its page offers "Nieuwe versie maken" instead.
"""

from django.contrib import messages
from django.db.models import Exists, Max, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from questionnaires.forms import ResponseForm
from questionnaires.models import Question, Response, Section, Version, VersionStatus
from questionnaires.services import problems
from samen.access import get_for, require
from samen.errors import DomainError
from samen.lists import Column, ListView

from . import selectors, services
from .forms import (
    FormTemplateFilter,
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


def _editor_url(template, anchor=""):
    url = reverse(
        "formtemplates:editor",
        kwargs={"partnership_slug": template.partnership.slug, "pk": template.pk},
    )
    return f"{url}#{anchor}" if anchor else url


def template_create(request, partnership_slug):
    require(request, "formtemplate.manage")
    form = TemplateCreateForm(request.POST or None, access=request.access)
    if request.method == "POST" and form.is_valid():
        try:
            template = services.create_template(request.access, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("Het sjabloon is aangemaakt. Voeg onderdelen en vragen toe.")
            )
            return redirect(_editor_url(template))
    return render(
        request,
        "formtemplates/template_form.html",
        {"form": form, "has_institutes": form.fields["institute"].queryset.exists()},
    )


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


def _draft_or_none(template):
    return Version.objects.filter(
        questionnaire_id=template.questionnaire_id, status=VersionStatus.DRAFT
    ).first()


def _draft_of(template):
    draft = _draft_or_none(template)
    if draft is None:
        raise Http404
    return draft


def template_editor(request, partnership_slug, pk):
    """The draft: its sections with their questions, each with its own small forms."""
    template = _template(request, "formtemplate.manage", pk)
    draft = _draft_or_none(template)
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


@require_POST
def template_signers(request, partnership_slug, pk):
    template = _template(request, "formtemplate.manage", pk)
    draft = _draft_of(template)
    form = SignersForm(request.POST)
    if form.is_valid():
        try:
            services.set_signers(request.access, draft, form.cleaned_data["signers"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("De ondertekenaars zijn opgeslagen."))
    else:
        messages.error(request, _("Kies de ondertekenaars uit de lijst."))
    return redirect(_editor_url(template, "ondertekenaars"))


def section_create(request, partnership_slug, pk):
    template = _template(request, "formtemplate.manage", pk)
    draft = _draft_of(template)
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            section = services.add_section(request.access, draft, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Het onderdeel is toegevoegd."))
            return redirect(_editor_url(template, f"onderdeel-{section.pk}"))
    return render(
        request,
        "formtemplates/item_form.html",
        {"template": template, "form": form, "title": _("Onderdeel toevoegen")},
    )


def _section(template, section_pk):
    return get_object_or_404(
        Section.objects.select_related("version"),
        pk=section_pk,
        version__questionnaire_id=template.questionnaire_id,
        version__status=VersionStatus.DRAFT,
    )


def _question(template, question_pk):
    return get_object_or_404(
        Question.objects.select_related("version", "section"),
        pk=question_pk,
        version__questionnaire_id=template.questionnaire_id,
        version__status=VersionStatus.DRAFT,
    )


def section_edit(request, partnership_slug, pk, section_pk):
    template = _template(request, "formtemplate.manage", pk)
    section = _section(template, section_pk)
    form = SectionForm(
        request.POST or None, initial={"title": section.title, "intro": section.intro}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_section(request.access, section, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Het onderdeel is opgeslagen."))
            return redirect(_editor_url(template, f"onderdeel-{section.pk}"))
    return render(
        request,
        "formtemplates/item_form.html",
        {"template": template, "form": form, "title": _("Onderdeel bewerken")},
    )


def _step(request):
    return -1 if request.POST.get("richting") == "omhoog" else 1


@require_POST
def section_move(request, partnership_slug, pk, section_pk):
    template = _template(request, "formtemplate.manage", pk)
    section = _section(template, section_pk)
    try:
        services.move_section(request.access, section, _step(request))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(_editor_url(template, f"onderdeel-{section.pk}"))


def section_delete(request, partnership_slug, pk, section_pk):
    template = _template(request, "formtemplate.manage", pk)
    section = _section(template, section_pk)
    if request.method == "POST":
        try:
            services.delete_section(request.access, section)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Het onderdeel is verwijderd."))
        return redirect(_editor_url(template))
    return render(
        request,
        "formtemplates/delete_confirm.html",
        {
            "template": template,
            "title": _("Onderdeel ‘%(title)s’ verwijderen?") % {"title": section.title},
            "text": _(
                "Het onderdeel en zijn %(count)s vragen verdwijnen uit het concept. "
                "Gepubliceerde versies blijven zoals ze zijn."
            )
            % {"count": section.questions.count()},
        },
    )


def question_create(request, partnership_slug, pk, section_pk):
    template = _template(request, "formtemplate.manage", pk)
    section = _section(template, section_pk)
    form = QuestionForm(request.POST or None, initial={"kind": "text", "max_length": 3000})
    if request.method == "POST" and form.is_valid():
        try:
            question = services.add_question(request.access, section, **form.question_fields)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De vraag is toegevoegd."))
            return redirect(_editor_url(template, f"vraag-{question.pk}"))
    return render(
        request,
        "formtemplates/item_form.html",
        {
            "template": template,
            "form": form,
            "title": _("Vraag toevoegen aan ‘%(section)s’") % {"section": section.title},
        },
    )


def question_edit(request, partnership_slug, pk, question_pk):
    template = _template(request, "formtemplate.manage", pk)
    question = _question(template, question_pk)
    form = QuestionForm(request.POST or None, initial=QuestionForm.initial_for(question))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_question(request.access, question, **form.question_fields)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De vraag is opgeslagen."))
            return redirect(_editor_url(template, f"vraag-{question.pk}"))
    return render(
        request,
        "formtemplates/item_form.html",
        {"template": template, "form": form, "title": _("Vraag bewerken")},
    )


@require_POST
def question_move(request, partnership_slug, pk, question_pk):
    template = _template(request, "formtemplate.manage", pk)
    question = _question(template, question_pk)
    try:
        services.move_question(request.access, question, _step(request))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(_editor_url(template, f"vraag-{question.pk}"))


def question_delete(request, partnership_slug, pk, question_pk):
    template = _template(request, "formtemplate.manage", pk)
    question = _question(template, question_pk)
    if request.method == "POST":
        try:
            services.delete_question(request.access, question)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("De vraag is verwijderd."))
        return redirect(_editor_url(template, f"onderdeel-{question.section_id}"))
    return render(
        request,
        "formtemplates/delete_confirm.html",
        {
            "template": template,
            "title": _("Vraag verwijderen?"),
            "text": _(
                "‘%(question)s’ verdwijnt uit het concept. "
                "Gepubliceerde versies blijven zoals ze zijn."
            )
            % {"question": question.text[:120]},
        },
    )


def template_publish(request, partnership_slug, pk):
    """Publishing cannot be undone: a page asks to confirm it, listing what still blocks it."""
    template = _template(request, "formtemplate.manage", pk)
    draft = _draft_of(template)
    found = problems(draft)
    published = template.questionnaire.published
    if request.method == "POST" and "confirm" in request.POST:
        try:
            version = services.publish(request.access, draft)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Versie %(number)s is gepubliceerd. Nieuwe formulieren gebruiken deze versie.")
                % {"number": version.number},
            )
            return redirect("formtemplates:detail", partnership_slug=partnership_slug, pk=pk)
    return render(
        request,
        "formtemplates/publish_confirm.html",
        {
            "template": template,
            "draft": draft,
            "problems": found,
            "published": published,
            "running": Response.objects.filter(version=published).count() if published else 0,
        },
    )


@require_POST
def template_new_version(request, partnership_slug, pk):
    template = _template(request, "formtemplate.manage", pk)
    try:
        draft = services.new_draft(request.access, template)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("formtemplates:detail", partnership_slug=partnership_slug, pk=pk)
    messages.success(
        request, _("Versie %(number)s is een concept om te bewerken.") % {"number": draft.number}
    )
    return redirect(_editor_url(template))


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
