"""Capacity, requests and the matching board, under /<partnership>/stages/ (portal/urls.py)."""

from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("capaciteit/", views.capacity_list, name="capacity_list"),
    path("capaciteit/nieuw/", views.capacity_open, name="capacity_open"),
    path("capaciteit/<int:pk>/", views.capacity_edit, name="capacity"),
    path("aanvragen/", views.request_list, name="request_list"),
    path("aanvragen/nieuw/", views.request_create, name="request_create"),
    path("aanvragen/importeren/", views.RequestImport.as_view(), name="request_import"),
    path(
        "aanvragen/importeren/bevestigen/",
        views.RequestImport.as_view(step="confirm"),
        name="request_import_confirm",
    ),
    path("aanvragen/<int:pk>/", views.request_detail, name="request"),
    path("aanvragen/<int:pk>/intrekken/", views.request_withdraw, name="request_withdraw"),
    path("matching/", views.matching_index, name="index"),
    path("matching/<int:pk>/", views.board, name="board"),
    path("matching/<int:pk>/bulk/", views.bulk_assign, name="bulk"),
    path(
        "matching/<int:pk>/aanvragen/<int:request_pk>/",
        views.assign,
        name="assign",
    ),
]
