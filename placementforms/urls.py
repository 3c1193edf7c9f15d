"""The forms of the gouden driehoek, under /<partnership>/stages/ (portal/urls.py)."""

from django.urls import path

from . import views

app_name = "placementforms"
urlpatterns = [
    path("formulieren/", views.form_list, name="list"),
    path("<int:pk>/formulieren/klaarzetten/", views.FormsOpen.as_view(), name="open"),
    path(
        "<int:pk>/afronden-zonder-eindbeoordeling/",
        views.CloseWithoutEind.as_view(),
        name="close_without_eind",
    ),
    path("<int:pk>/formulieren/<slug:kind>/", views.form_detail, name="detail"),
    path(
        "<int:pk>/formulieren/<slug:kind>/autosave/",
        views.form_autosave,
        name="autosave",
    ),
    path("<int:pk>/formulieren/<slug:kind>/indienen/", views.FormSubmit.as_view(), name="submit"),
    path("<int:pk>/formulieren/<slug:kind>/ondertekenen/", views.FormSign.as_view(), name="sign"),
    path("<int:pk>/formulieren/<slug:kind>/heropenen/", views.FormReopen.as_view(), name="reopen"),
]
