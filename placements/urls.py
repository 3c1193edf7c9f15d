from django.urls import path

from . import form_views, views

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
