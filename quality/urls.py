from django.urls import path

from . import views

app_name = "quality"
urlpatterns = [
    path("dossiers/<int:pk>/", views.dossier_detail, name="dossier"),
    path("dossiers/<int:pk>/waarborg/<int:waarborg>/", views.section_edit, name="section_edit"),
    path("momenten/", views.moment_list, name="moments"),
]
