from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("<slug:kind>/<int:pk>/pdf/", views.render_create, name="render_create"),
    path("<int:pk>/status/", views.render_status, name="render_status"),
    path("<int:pk>/download/", views.render_download, name="render_download"),
]
