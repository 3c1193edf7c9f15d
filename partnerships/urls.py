"""Tenant-root routes: coordinator pages under organisatie/, public pages under scholen/."""

from django.urls import path

from . import public_views, views

app_name = "partnerships"
urlpatterns = [
    # Schools
    path("organisatie/scholen/", views.school_list, name="school_list"),
    path("organisatie/scholen/nieuw/", views.SchoolCreate.as_view(), name="school_create"),
    path("organisatie/scholen/acties/", views.SchoolBulk.as_view(), name="school_bulk"),
    path("organisatie/scholen/importeren/", views.SchoolImport.as_view(), name="school_import"),
    path(
        "organisatie/scholen/importeren/bevestigen/",
        views.SchoolImport.as_view(step="confirm"),
        name="school_import_confirm",
    ),
    path("organisatie/scholen/<int:pk>/", views.school_detail, name="school_detail"),
    path("organisatie/scholen/<int:pk>/bewerken/", views.SchoolEdit.as_view(), name="school_edit"),
    path("organisatie/scholen/<int:pk>/stap/", views.SchoolStep.as_view(), name="school_step"),
    path("organisatie/scholen/<int:pk>/profiel/", views.ProfileEdit.as_view(), name="profile_edit"),
    # Partners
    path("organisatie/partners/", views.partner_list, name="partner_list"),
    path("organisatie/partners/nieuw/", views.PartnerCreate.as_view(), name="partner_create"),
    path("organisatie/partners/<int:pk>/", views.partner_detail, name="partner_detail"),
    path(
        "organisatie/partners/<int:pk>/bewerken/", views.PartnerEdit.as_view(), name="partner_edit"
    ),
    # Clusters and opleidingsnetwerken
    path("organisatie/groeperingen/", views.grouping_list, name="grouping_list"),
    path("organisatie/groeperingen/nieuw/", views.GroupingCreate.as_view(), name="grouping_create"),
    path("organisatie/groeperingen/<int:pk>/", views.grouping_detail, name="grouping_detail"),
    path(
        "organisatie/groeperingen/<int:pk>/bewerken/",
        views.GroupingEdit.as_view(),
        name="grouping_edit",
    ),
    # Public: the partnership's opleidingsscholen (published profiles only)
    path("scholen/", public_views.public_index, name="public_index"),
    path("scholen/<int:pk>/", public_views.public_profile, name="public_profile"),
]
