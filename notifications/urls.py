from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("mislukt/", views.failed_list, name="failed"),
    path("<int:pk>/opnieuw/", views.Retry.as_view(), name="retry"),
    path("verzonden/", views.delivery_list, name="deliveries"),
    path("voorkeur/", views.Preferences.as_view(), name="preferences"),
]
