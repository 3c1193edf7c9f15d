"""Capacity, requests and the matching board, under /<partnership>/stages/ (portal/urls.py)."""

from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("capaciteit/", views.capacity_list, name="capacity_list"),
    path("capaciteit/nieuw/", views.CapacityOpen.as_view(), name="capacity_open"),
    path("capaciteit/<int:pk>/", views.CapacityEdit.as_view(), name="capacity"),
    path("aanvragen/", views.request_list, name="request_list"),
    path("aanvragen/nieuw/", views.RequestCreate.as_view(), name="request_create"),
    path("aanvragen/importeren/", views.RequestImport.as_view(), name="request_import"),
    path(
        "aanvragen/importeren/bevestigen/",
        views.RequestImport.as_view(step="confirm"),
        name="request_import_confirm",
    ),
    path("aanvragen/<int:pk>/", views.RequestDetail.as_view(), name="request"),
    path("aanvragen/<int:pk>/intrekken/", views.RequestWithdraw.as_view(), name="request_withdraw"),
    path("matching/", views.matching_index, name="index"),
    path("matching/<int:pk>/", views.board_page, name="board"),
    path("matching/<int:pk>/bulk/", views.BulkAssign.as_view(), name="bulk"),
    path(
        "matching/<int:pk>/aanvragen/<int:request_pk>/",
        views.Assign.as_view(),
        name="assign",
    ),
]
