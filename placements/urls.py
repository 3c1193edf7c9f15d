from django.urls import path

from . import form_views, matching_views, template_views, views

app_name = "placements"
urlpatterns = [
    path("", views.placement_list, name="list"),
    path("nieuw/", views.placement_create, name="create"),
    path("<int:pk>/", views.placement_detail, name="detail"),
    path("<int:pk>/status/", views.placement_transition, name="transition"),
    path("<int:pk>/overstap/", views.placement_overstap, name="overstap"),
    path("<int:pk>/verlenging/", views.placement_extend, name="extend"),
    path("<int:pk>/coach/", views.placement_coach, name="coach"),
    # Leergroepen: the students at one school in one period, with their meetings.
    path("leergroepen/", views.leergroep_list, name="leergroep_list"),
    path("leergroepen/nieuw/", views.leergroep_create, name="leergroep_create"),
    path("leergroepen/<int:pk>/", views.leergroep_detail, name="leergroep"),
    path("leergroepen/<int:pk>/bewerken/", views.leergroep_edit, name="leergroep_edit"),
    path(
        "leergroepen/<int:pk>/bijeenkomsten/nieuw/",
        views.leergroep_meeting_create,
        name="leergroep_meeting_create",
    ),
    path(
        "leergroepen/<int:pk>/bijeenkomsten/<int:meeting_pk>/",
        views.leergroep_meeting_edit,
        name="leergroep_meeting_edit",
    ),
    # The forms' templates (per institute, kind, programme and phase) and their editor.
    path("formulieren/sjablonen/", template_views.template_list, name="template_list"),
    path("formulieren/sjablonen/nieuw/", template_views.template_create, name="template_create"),
    path("formulieren/sjablonen/<int:pk>/", template_views.template_detail, name="template"),
    path(
        "formulieren/sjablonen/<int:pk>/concept/",
        template_views.template_editor,
        name="template_editor",
    ),
    path(
        "formulieren/sjablonen/<int:pk>/concept/ondertekenaars/",
        template_views.template_signers,
        name="template_signers",
    ),
    path(
        "formulieren/sjablonen/<int:pk>/concept/onderdelen/nieuw/",
        template_views.section_create,
        name="template_section_create",
    ),
    path(
        "formulieren/sjablonen/<int:pk>/concept/onderdelen/<int:section_pk>/",
        template_views.section_edit,
        name="template_section_edit",
    ),
    path(
        "formulieren/sjablonen/<int:pk>/concept/onderdelen/<int:section_pk>/verplaatsen/",
        template_views.section_move,
        name="template_section_move",
    ),
    path(
        "formulieren/sjablonen/<int:pk>/concept/onderdelen/<int:section_pk>/verwijderen/",
        template_views.section_delete,
        name="template_section_delete",
    ),
    path(
        "formulieren/sjablonen/<int:pk>/concept/onderdelen/<int:section_pk>/vragen/nieuw/",
        template_views.question_create,
        name="template_question_create",
    ),
    path(
        "formulieren/sjablonen/<int:pk>/concept/vragen/<int:question_pk>/",
        template_views.question_edit,
        name="template_question_edit",
    ),
    path(
        "formulieren/sjablonen/<int:pk>/concept/vragen/<int:question_pk>/verplaatsen/",
        template_views.question_move,
        name="template_question_move",
    ),
    path(
        "formulieren/sjablonen/<int:pk>/concept/vragen/<int:question_pk>/verwijderen/",
        template_views.question_delete,
        name="template_question_delete",
    ),
    path(
        "formulieren/sjablonen/<int:pk>/publiceren/",
        template_views.template_publish,
        name="template_publish",
    ),
    path(
        "formulieren/sjablonen/<int:pk>/nieuwe-versie/",
        template_views.template_new_version,
        name="template_new_version",
    ),
    path(
        "formulieren/sjablonen/<int:pk>/versies/<int:number>/",
        template_views.version_preview,
        name="template_preview",
    ),
    path(
        "formulieren/sjablonen/<int:pk>/verschil/",
        template_views.version_diff,
        name="template_diff",
    ),
    # Capacity, requests and the matching board (placements/matching*.py).
    path("capaciteit/", matching_views.capacity_list, name="capacity_list"),
    path("capaciteit/nieuw/", matching_views.capacity_open, name="capacity_open"),
    path("capaciteit/<int:pk>/", matching_views.capacity_edit, name="capacity"),
    path("aanvragen/", matching_views.request_list, name="request_list"),
    path("aanvragen/nieuw/", matching_views.request_create, name="request_create"),
    path("aanvragen/importeren/", matching_views.request_import, name="request_import"),
    path(
        "aanvragen/importeren/bevestigen/",
        matching_views.request_import_confirm,
        name="request_import_confirm",
    ),
    path("aanvragen/<int:pk>/", matching_views.request_detail, name="request"),
    path("aanvragen/<int:pk>/intrekken/", matching_views.request_withdraw, name="request_withdraw"),
    path("matching/", matching_views.matching_index, name="matching_index"),
    path("matching/<int:pk>/", matching_views.board, name="matching"),
    path("matching/<int:pk>/bulk/", matching_views.bulk_assign, name="matching_bulk"),
    path(
        "matching/<int:pk>/aanvragen/<int:request_pk>/",
        matching_views.assign,
        name="matching_assign",
    ),
    # The forms of the gouden driehoek (placements/form_views.py).
    path("formulieren/", form_views.form_list, name="form_list"),
    path("<int:pk>/formulieren/klaarzetten/", form_views.forms_open, name="forms_open"),
    path(
        "<int:pk>/afronden-zonder-eindbeoordeling/",
        form_views.close_without_eind,
        name="close_without_eind",
    ),
    path("<int:pk>/formulieren/<slug:kind>/", form_views.form_detail, name="form"),
    path(
        "<int:pk>/formulieren/<slug:kind>/autosave/",
        form_views.form_autosave,
        name="form_autosave",
    ),
    path("<int:pk>/formulieren/<slug:kind>/indienen/", form_views.form_submit, name="form_submit"),
    path("<int:pk>/formulieren/<slug:kind>/ondertekenen/", form_views.form_sign, name="form_sign"),
    path("<int:pk>/formulieren/<slug:kind>/heropenen/", form_views.form_reopen, name="form_reopen"),
]
