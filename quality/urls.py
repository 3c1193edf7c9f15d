from django.urls import path

from . import views

app_name = "quality"
urlpatterns = [
    path("dossiers/<int:pk>/", views.dossier_detail, name="dossier"),
    path("dossiers/<int:pk>/waarborg/<int:waarborg>/", views.section_edit, name="section_edit"),
    path("dossiers/<int:pk>/pdf/", views.render_create, name="render_create"),
    path("pdf/<int:pk>/status/", views.render_status, name="render_status"),
    path("pdf/<int:pk>/download/", views.render_download, name="render_download"),
    path("momenten/", views.moment_list, name="moments"),
]
