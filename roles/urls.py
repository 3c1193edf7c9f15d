from django.urls import path

from . import views

app_name = "roles"

urlpatterns = [
    path("mensen/", views.person_list, name="person_list"),
    path("mensen/nieuw/", views.person_create, name="person_create"),
    path("mensen/acties/", views.person_bulk, name="person_bulk"),
    path("mensen/importeren/", views.PersonImport.as_view(), name="person_import"),
    path(
        "mensen/importeren/bevestigen/",
        views.PersonImport.as_view(step="confirm"),
        name="person_import_confirm",
    ),
    path("mensen/<int:pk>/", views.person_detail, name="person_detail"),
    path("mensen/<int:pk>/bewerken/", views.person_edit, name="person_edit"),
    path("mensen/<int:pk>/uitnodigen/", views.person_invite, name="person_invite"),
    path("mensen/<int:pk>/rollen/nieuw/", views.assignment_create, name="assignment_create"),
    path(
        "mensen/<int:pk>/rollen/<int:assignment_pk>/bewerken/",
        views.assignment_edit,
        name="assignment_edit",
    ),
    path(
        "mensen/<int:pk>/rollen/<int:assignment_pk>/beeindigen/",
        views.assignment_end,
        name="assignment_end",
    ),
    path("rollen/", views.role_catalogue, name="role_catalogue"),
    path("rollen/<int:pk>/bewerken/", views.role_description_edit, name="role_description_edit"),
    path(
        "rollen/<slug:role>/beschrijven/",
        views.role_description_create,
        name="role_description_create",
    ),
]
