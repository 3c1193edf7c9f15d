"""The dossier's pages, under /<partnership>/kwaliteit/."""

from django.urls import path

from . import views

app_name = "quality"
urlpatterns = [
    path("dossiers/<int:pk>/", views.dossier_detail, name="dossier"),
    path(
        "dossiers/<int:pk>/waarborg/<int:waarborg>/",
        views.SectionEdit.as_view(),
        name="section_edit",
    ),
]
