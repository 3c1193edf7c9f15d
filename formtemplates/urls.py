"""The form templates' pages, under /<partnership>/stages/formulieren/ (portal/urls.py)."""

from django.urls import path

from . import views

app_name = "formtemplates"
urlpatterns = [
    path("sjablonen/", views.template_list, name="list"),
    path("sjablonen/nieuw/", views.template_create, name="create"),
    path("sjablonen/<int:pk>/", views.template_detail, name="detail"),
    path(
        "sjablonen/<int:pk>/concept/",
        views.template_editor,
        name="editor",
    ),
    path(
        "sjablonen/<int:pk>/concept/ondertekenaars/",
        views.template_signers,
        name="signers",
    ),
    path(
        "sjablonen/<int:pk>/concept/onderdelen/nieuw/",
        views.section_create,
        name="section_create",
    ),
    path(
        "sjablonen/<int:pk>/concept/onderdelen/<int:section_pk>/",
        views.section_edit,
        name="section_edit",
    ),
    path(
        "sjablonen/<int:pk>/concept/onderdelen/<int:section_pk>/verplaatsen/",
        views.section_move,
        name="section_move",
    ),
    path(
        "sjablonen/<int:pk>/concept/onderdelen/<int:section_pk>/verwijderen/",
        views.section_delete,
        name="section_delete",
    ),
    path(
        "sjablonen/<int:pk>/concept/onderdelen/<int:section_pk>/vragen/nieuw/",
        views.question_create,
        name="question_create",
    ),
    path(
        "sjablonen/<int:pk>/concept/vragen/<int:question_pk>/",
        views.question_edit,
        name="question_edit",
    ),
    path(
        "sjablonen/<int:pk>/concept/vragen/<int:question_pk>/verplaatsen/",
        views.question_move,
        name="question_move",
    ),
    path(
        "sjablonen/<int:pk>/concept/vragen/<int:question_pk>/verwijderen/",
        views.question_delete,
        name="question_delete",
    ),
    path(
        "sjablonen/<int:pk>/publiceren/",
        views.template_publish,
        name="publish",
    ),
    path(
        "sjablonen/<int:pk>/nieuwe-versie/",
        views.template_new_version,
        name="new_version",
    ),
    path(
        "sjablonen/<int:pk>/versies/<int:number>/",
        views.version_preview,
        name="preview",
    ),
    path(
        "sjablonen/<int:pk>/verschil/",
        views.version_diff,
        name="diff",
    ),
]
