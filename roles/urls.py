from django.urls import path

from . import views

app_name = "roles"

urlpatterns = [
    path("mensen/", views.person_list, name="person_list"),
    path("mensen/nieuw/", views.PersonCreate.as_view(), name="person_create"),
    path("mensen/acties/", views.PersonBulk.as_view(), name="person_bulk"),
    path("mensen/importeren/", views.PersonImport.as_view(), name="person_import"),
    path(
        "mensen/importeren/bevestigen/",
        views.PersonImport.as_view(step="confirm"),
        name="person_import_confirm",
    ),
    path("mensen/<int:pk>/", views.person_detail, name="person_detail"),
    path("mensen/<int:pk>/bewerken/", views.PersonEdit.as_view(), name="person_edit"),
    path("mensen/<int:pk>/uitnodigen/", views.PersonInvite.as_view(), name="person_invite"),
    path(
        "mensen/<int:pk>/rollen/nieuw/", views.AssignmentCreate.as_view(), name="assignment_create"
    ),
    path(
        "mensen/<int:pk>/rollen/<int:assignment_pk>/bewerken/",
        views.AssignmentEdit.as_view(),
        name="assignment_edit",
    ),
    path(
        "mensen/<int:pk>/rollen/<int:assignment_pk>/beeindigen/",
        views.AssignmentEnd.as_view(),
        name="assignment_end",
    ),
    path("rollen/", views.role_catalogue, name="role_catalogue"),
    path(
        "rollen/<int:pk>/bewerken/",
        views.RoleDescriptionEdit.as_view(),
        name="role_description_edit",
    ),
    path(
        "rollen/<slug:role>/beschrijven/",
        views.RoleDescriptionCreate.as_view(),
        name="role_description_create",
    ),
]
