from django.urls import path

from . import views

app_name = "placements"
urlpatterns = [
    path("", views.placement_list, name="list"),
    path("nieuw/", views.placement_create, name="create"),
    path("<int:pk>/", views.placement_detail, name="detail"),
    path("<int:pk>/status/", views.placement_transition, name="transition"),
    path("<int:pk>/startgesprek/", views.start_form_edit, name="start_form"),
]
