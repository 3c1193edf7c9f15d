"""This app's tenant routes for tests/test_isolation.py: name -> (method, kwargs from tenant)."""

from django_scopes import scopes_disabled

from formtemplates.models import FormTemplate


def _section(t):
    template = t.form_template
    return {"pk": template.pk, "section_pk": _first_pk(template, "sections")}


def _question(t):
    template = t.form_template
    return {"pk": template.pk, "question_pk": _first_pk(template, "questions")}


def _first_pk(template, related):
    """The pk of the template's first section or question (1 for a URL's shape only)."""
    if not isinstance(template, FormTemplate):
        return 1
    with scopes_disabled():
        version = template.questionnaire.versions.order_by("number").first()
        return getattr(version, related).order_by("pk").first().pk


ROUTES = {
    # The forms' templates and their editor (the tenant's template has a draft, version 1).
    "formtemplates:list": ("get", lambda t: {}),
    "formtemplates:create": ("get", lambda t: {}),
    "formtemplates:detail": ("get", lambda t: {"pk": t.form_template.pk}),
    "formtemplates:editor": ("get", lambda t: {"pk": t.form_template.pk}),
    "formtemplates:signers": ("post", lambda t: {"pk": t.form_template.pk}),
    "formtemplates:section_create": ("get", lambda t: {"pk": t.form_template.pk}),
    "formtemplates:section_edit": ("get", _section),
    "formtemplates:section_move": ("post", _section),
    "formtemplates:section_delete": ("get", _section),
    "formtemplates:question_create": ("get", _section),
    "formtemplates:question_edit": ("get", _question),
    "formtemplates:question_move": ("post", _question),
    "formtemplates:question_delete": ("get", _question),
    "formtemplates:publish": ("get", lambda t: {"pk": t.form_template.pk}),
    "formtemplates:new_version": ("post", lambda t: {"pk": t.form_template.pk}),
    "formtemplates:preview": ("get", lambda t: {"pk": t.form_template.pk, "number": 1}),
    "formtemplates:diff": ("get", lambda t: {"pk": t.form_template.pk}),
}

#: The action that guards each route, by hand: tests/test_isolation.py sends a member of the
#: partnership without it and expects 404.
GUARDS = {
    "formtemplates:list": "formtemplate.view",
    "formtemplates:create": "formtemplate.manage",
    "formtemplates:detail": "formtemplate.view",
    "formtemplates:editor": "formtemplate.manage",
    "formtemplates:signers": "formtemplate.manage",
    "formtemplates:section_create": "formtemplate.manage",
    "formtemplates:section_edit": "formtemplate.manage",
    "formtemplates:section_move": "formtemplate.manage",
    "formtemplates:section_delete": "formtemplate.manage",
    "formtemplates:question_create": "formtemplate.manage",
    "formtemplates:question_edit": "formtemplate.manage",
    "formtemplates:question_move": "formtemplate.manage",
    "formtemplates:question_delete": "formtemplate.manage",
    "formtemplates:publish": "formtemplate.manage",
    "formtemplates:new_version": "formtemplate.manage",
    "formtemplates:preview": "formtemplate.view",
    "formtemplates:diff": "formtemplate.view",
}
