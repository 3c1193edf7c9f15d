from django.urls import path

from . import views

app_name = "placements"
urlpatterns = [
    path("", views.placement_list, name="list"),
    path("nieuw/", views.PlacementCreate.as_view(), name="create"),
    path("<int:pk>/", views.placement_detail, name="detail"),
    path("<int:pk>/status/", views.PlacementTransition.as_view(), name="transition"),
    path("<int:pk>/overstap/", views.PlacementOverstap.as_view(), name="overstap"),
    path("<int:pk>/verlenging/", views.PlacementExtend.as_view(), name="extend"),
    path("<int:pk>/coach/", views.PlacementCoach.as_view(), name="coach"),
    # Leergroepen: the students at one school in one period, with their meetings.
    path("leergroepen/", views.leergroep_list, name="leergroep_list"),
    path("leergroepen/nieuw/", views.LeergroepCreate.as_view(), name="leergroep_create"),
    path("leergroepen/<int:pk>/", views.leergroep_detail, name="leergroep"),
    path("leergroepen/<int:pk>/bewerken/", views.LeergroepEdit.as_view(), name="leergroep_edit"),
    path(
        "leergroepen/<int:pk>/bijeenkomsten/nieuw/",
        views.LeergroepMeetingEdit.as_view(),
        name="leergroep_meeting_create",
    ),
    path(
        "leergroepen/<int:pk>/bijeenkomsten/<int:meeting_pk>/",
        views.LeergroepMeetingEdit.as_view(),
        name="leergroep_meeting_edit",
    ),
]
