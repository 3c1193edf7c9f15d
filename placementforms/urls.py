"""The forms of the gouden driehoek, under /<partnership>/stages/ (portal/urls.py)."""

from django.urls import path

from . import views

app_name = "placementforms"
urlpatterns = [
    path("formulieren/", views.form_list, name="list"),
    path("<int:pk>/formulieren/klaarzetten/", views.forms_open, name="open"),
    path(
        "<int:pk>/afronden-zonder-eindbeoordeling/",
        views.close_without_eind,
        name="close_without_eind",
    ),
    path("<int:pk>/formulieren/<slug:kind>/", views.form_detail, name="detail"),
    path(
        "<int:pk>/formulieren/<slug:kind>/autosave/",
        views.form_autosave,
        name="autosave",
    ),
    path("<int:pk>/formulieren/<slug:kind>/indienen/", views.form_submit, name="submit"),
    path("<int:pk>/formulieren/<slug:kind>/ondertekenen/", views.form_sign, name="sign"),
    path("<int:pk>/formulieren/<slug:kind>/heropenen/", views.form_reopen, name="reopen"),
]
