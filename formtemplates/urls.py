"""The form templates' pages, under /<partnership>/stages/formulieren/ (portal/urls.py)."""

from django.urls import path

from . import views

app_name = "formtemplates"
urlpatterns = [
    path("sjablonen/", views.template_list, name="list"),
    path("sjablonen/nieuw/", views.TemplateCreate.as_view(), name="create"),
    path("sjablonen/<int:pk>/", views.template_detail, name="detail"),
    path(
        "sjablonen/<int:pk>/concept/",
        views.template_editor,
        name="editor",
    ),
    path(
        "sjablonen/<int:pk>/concept/ondertekenaars/",
        views.TemplateSigners.as_view(),
        name="signers",
    ),
    path(
        "sjablonen/<int:pk>/concept/onderdelen/nieuw/",
        views.SectionCreate.as_view(),
        name="section_create",
    ),
    path(
        "sjablonen/<int:pk>/concept/onderdelen/<int:section_pk>/",
        views.SectionEdit.as_view(),
        name="section_edit",
    ),
    path(
        "sjablonen/<int:pk>/concept/onderdelen/<int:section_pk>/verplaatsen/",
        views.SectionMove.as_view(),
        name="section_move",
    ),
    path(
        "sjablonen/<int:pk>/concept/onderdelen/<int:section_pk>/verwijderen/",
        views.SectionDelete.as_view(),
        name="section_delete",
    ),
    path(
        "sjablonen/<int:pk>/concept/onderdelen/<int:section_pk>/vragen/nieuw/",
        views.QuestionCreate.as_view(),
        name="question_create",
    ),
    path(
        "sjablonen/<int:pk>/concept/vragen/<int:question_pk>/",
        views.QuestionEdit.as_view(),
        name="question_edit",
    ),
    path(
        "sjablonen/<int:pk>/concept/vragen/<int:question_pk>/verplaatsen/",
        views.QuestionMove.as_view(),
        name="question_move",
    ),
    path(
        "sjablonen/<int:pk>/concept/vragen/<int:question_pk>/verwijderen/",
        views.QuestionDelete.as_view(),
        name="question_delete",
    ),
    path(
        "sjablonen/<int:pk>/publiceren/",
        views.TemplatePublish.as_view(),
        name="publish",
    ),
    path(
        "sjablonen/<int:pk>/nieuwe-versie/",
        views.TemplateNewVersion.as_view(),
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
