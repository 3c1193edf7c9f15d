"""This app's tenant routes for tests/test_isolation.py: name -> (method, kwargs from tenant)."""

from django_scopes import scopes_disabled

from placements.models import FormTemplate


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
    "placements:list": ("get", lambda t: {}),
    "placements:create": ("get", lambda t: {}),
    "placements:detail": ("get", lambda t: {"pk": t.placement.pk}),
    "placements:transition": ("post", lambda t: {"pk": t.placement.pk}),
    "placements:overstap": ("get", lambda t: {"pk": t.placement.pk}),
    "placements:extend": ("get", lambda t: {"pk": t.placement.pk}),
    "placements:coach": ("get", lambda t: {"pk": t.placement.pk}),
    # The forms of the gouden driehoek: the tenant placement's startgesprek.
    "placements:form_list": ("get", lambda t: {}),
    "placements:forms_open": ("post", lambda t: {"pk": t.placement.pk}),
    "placements:close_without_eind": ("get", lambda t: {"pk": t.placement.pk}),
    "placements:form": ("get", lambda t: {"pk": t.placement.pk, "kind": "start"}),
    "placements:form_autosave": ("post", lambda t: {"pk": t.placement.pk, "kind": "start"}),
    "placements:form_submit": ("get", lambda t: {"pk": t.placement.pk, "kind": "start"}),
    "placements:form_sign": ("get", lambda t: {"pk": t.placement.pk, "kind": "start"}),
    "placements:form_reopen": ("get", lambda t: {"pk": t.placement.pk, "kind": "start"}),
    "placements:leergroep_list": ("get", lambda t: {}),
    "placements:leergroep_create": ("get", lambda t: {}),
    "placements:leergroep": ("get", lambda t: {"pk": t.leergroep.pk}),
    "placements:leergroep_edit": ("get", lambda t: {"pk": t.leergroep.pk}),
    "placements:leergroep_meeting_create": ("get", lambda t: {"pk": t.leergroep.pk}),
    "placements:leergroep_meeting_edit": (
        "get",
        lambda t: {"pk": t.leergroep.pk, "meeting_pk": t.leergroep_meeting.pk},
    ),
    # The forms' templates and their editor (the tenant's template has a draft, version 1).
    "placements:template_list": ("get", lambda t: {}),
    "placements:template_create": ("get", lambda t: {}),
    "placements:template": ("get", lambda t: {"pk": t.form_template.pk}),
    "placements:template_editor": ("get", lambda t: {"pk": t.form_template.pk}),
    "placements:template_signers": ("post", lambda t: {"pk": t.form_template.pk}),
    "placements:template_section_create": ("get", lambda t: {"pk": t.form_template.pk}),
    "placements:template_section_edit": ("get", _section),
    "placements:template_section_move": ("post", _section),
    "placements:template_section_delete": ("get", _section),
    "placements:template_question_create": ("get", _section),
    "placements:template_question_edit": ("get", _question),
    "placements:template_question_move": ("post", _question),
    "placements:template_question_delete": ("get", _question),
    "placements:template_publish": ("get", lambda t: {"pk": t.form_template.pk}),
    "placements:template_new_version": ("post", lambda t: {"pk": t.form_template.pk}),
    "placements:template_preview": ("get", lambda t: {"pk": t.form_template.pk, "number": 1}),
    "placements:template_diff": ("get", lambda t: {"pk": t.form_template.pk}),
    "placements:capacity_list": ("get", lambda t: {}),
    "placements:capacity_open": ("get", lambda t: {}),
    "placements:capacity": ("get", lambda t: {"pk": t.capacity.pk}),
    "placements:request_list": ("get", lambda t: {}),
    "placements:request_create": ("get", lambda t: {}),
    "placements:request_import": ("get", lambda t: {}),
    "placements:request_import_confirm": ("post", lambda t: {}),
    "placements:request": ("get", lambda t: {"pk": t.placement_request.pk}),
    "placements:request_withdraw": ("get", lambda t: {"pk": t.placement_request.pk}),
    "placements:matching_index": ("get", lambda t: {}),
    "placements:matching": ("get", lambda t: {"pk": t.period.pk}),
    "placements:matching_bulk": ("post", lambda t: {"pk": t.period.pk}),
    "placements:matching_assign": (
        "get",
        lambda t: {"pk": t.period.pk, "request_pk": t.placement_request.pk},
    ),
}

#: The action that guards each route, by hand: tests/test_isolation.py sends a member of the
#: partnership without it and expects 404.
GUARDS = {
    "placements:list": "placement.view",
    "placements:create": "placement.manage",
    "placements:detail": "placement.view",
    "placements:transition": "placement.manage",
    "placements:overstap": "placement.manage",
    "placements:extend": "placement.manage",
    "placements:coach": "placement.manage",
    "placements:form_list": "placementform.view",
    "placements:forms_open": "placement.manage",
    "placements:close_without_eind": "placement.manage",
    "placements:form": "placementform.view",
    "placements:form_autosave": "placementform.edit",
    "placements:form_submit": "placementform.edit",
    "placements:form_sign": "placementform.sign",
    "placements:form_reopen": "placementform.reopen",
    "placements:leergroep_list": "leergroep.view",
    "placements:leergroep_create": "leergroep.manage",
    "placements:leergroep": "leergroep.view",
    "placements:leergroep_edit": "leergroep.manage",
    "placements:leergroep_meeting_create": "leergroep.manage",
    "placements:leergroep_meeting_edit": "leergroep.manage",
    "placements:template_list": "formtemplate.view",
    "placements:template_create": "formtemplate.manage",
    "placements:template": "formtemplate.view",
    "placements:template_editor": "formtemplate.manage",
    "placements:template_signers": "formtemplate.manage",
    "placements:template_section_create": "formtemplate.manage",
    "placements:template_section_edit": "formtemplate.manage",
    "placements:template_section_move": "formtemplate.manage",
    "placements:template_section_delete": "formtemplate.manage",
    "placements:template_question_create": "formtemplate.manage",
    "placements:template_question_edit": "formtemplate.manage",
    "placements:template_question_move": "formtemplate.manage",
    "placements:template_question_delete": "formtemplate.manage",
    "placements:template_publish": "formtemplate.manage",
    "placements:template_new_version": "formtemplate.manage",
    "placements:template_preview": "formtemplate.view",
    "placements:template_diff": "formtemplate.view",
    "placements:capacity_list": "capacity.view",
    "placements:capacity_open": "capacity.manage",
    "placements:capacity": "capacity.view",
    "placements:request_list": "request.view",
    "placements:request_create": "request.manage",
    "placements:request_import": "matching.view",
    "placements:request_import_confirm": "matching.view",
    "placements:request": "request.view",
    "placements:request_withdraw": "request.manage",
    "placements:matching_index": "matching.view",
    "placements:matching": "matching.view",
    "placements:matching_bulk": "matching.view",
    "placements:matching_assign": "matching.view",
}
