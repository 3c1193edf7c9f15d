from django.urls import path

from . import views

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
]
