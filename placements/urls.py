from django.urls import path

from . import matching_views, views

app_name = "placements"
urlpatterns = [
    path("", views.placement_list, name="list"),
    path("nieuw/", views.placement_create, name="create"),
    path("<int:pk>/", views.placement_detail, name="detail"),
    path("<int:pk>/status/", views.placement_transition, name="transition"),
    path("<int:pk>/overstap/", views.placement_overstap, name="overstap"),
    path("<int:pk>/verlenging/", views.placement_extend, name="extend"),
    path("<int:pk>/coach/", views.placement_coach, name="coach"),
    path("<int:pk>/startgesprek/", views.start_form_edit, name="start_form"),
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
]
