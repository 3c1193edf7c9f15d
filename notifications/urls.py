from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("mislukt/", views.failed_list, name="failed"),
    path("<int:pk>/opnieuw/", views.retry, name="retry"),
    path("verzonden/", views.delivery_list, name="deliveries"),
    path("voorkeur/", views.preferences, name="preferences"),
]
