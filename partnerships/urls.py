"""Tenant-root routes: coordinator pages under organisatie/, public pages under scholen/."""

from django.urls import path

from . import views

app_name = "partnerships"
urlpatterns = [
    # Schools
    path("organisatie/scholen/", views.school_list, name="school_list"),
    path("organisatie/scholen/nieuw/", views.school_create, name="school_create"),
    path("organisatie/scholen/acties/", views.school_bulk, name="school_bulk"),
    path("organisatie/scholen/importeren/", views.SchoolImport.as_view(), name="school_import"),
    path(
        "organisatie/scholen/importeren/bevestigen/",
        views.SchoolImport.as_view(step="confirm"),
        name="school_import_confirm",
    ),
    path("organisatie/scholen/<int:pk>/", views.school_detail, name="school_detail"),
    path("organisatie/scholen/<int:pk>/bewerken/", views.school_edit, name="school_edit"),
    path("organisatie/scholen/<int:pk>/stap/", views.school_step, name="school_step"),
    path("organisatie/scholen/<int:pk>/profiel/", views.profile_edit, name="profile_edit"),
    # Partners
    path("organisatie/partners/", views.partner_list, name="partner_list"),
    path("organisatie/partners/nieuw/", views.partner_create, name="partner_create"),
    path("organisatie/partners/<int:pk>/", views.partner_detail, name="partner_detail"),
    path("organisatie/partners/<int:pk>/bewerken/", views.partner_edit, name="partner_edit"),
    # Clusters and opleidingsnetwerken
    path("organisatie/groeperingen/", views.grouping_list, name="grouping_list"),
    path("organisatie/groeperingen/nieuw/", views.grouping_create, name="grouping_create"),
    path("organisatie/groeperingen/<int:pk>/", views.grouping_detail, name="grouping_detail"),
    path(
        "organisatie/groeperingen/<int:pk>/bewerken/",
        views.grouping_edit,
        name="grouping_edit",
    ),
    # Public: the partnership's opleidingsscholen (published profiles only)
    path("scholen/", views.public_index, name="public_index"),
    path("scholen/<int:pk>/", views.public_profile, name="public_profile"),
]
