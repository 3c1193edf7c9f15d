"""Overlegstructuur (overleg/), professionalisation (professionalisering/), expertise."""

from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    # Overlegstructuur: bodies, their members and meetings.
    path("overleg/", views.body_list, name="body_list"),
    path("overleg/nieuw/", views.body_create, name="body_create"),
    path("overleg/<int:pk>/", views.body_detail, name="body_detail"),
    path("overleg/<int:pk>/bewerken/", views.body_edit, name="body_edit"),
    path("overleg/<int:pk>/leden/nieuw/", views.body_member_add, name="body_member_add"),
    path(
        "overleg/<int:pk>/leden/<int:membership_pk>/beeindigen/",
        views.body_member_end,
        name="body_member_end",
    ),
    path(
        "overleg/<int:pk>/leden/<int:membership_pk>/verwijderen/",
        views.body_member_remove,
        name="body_member_remove",
    ),
    path("overleg/<int:pk>/vergaderingen/nieuw/", views.meeting_create, name="meeting_create"),
    path(
        "overleg/<int:pk>/vergaderingen/<int:meeting_pk>/",
        views.meeting_edit,
        name="meeting_edit",
    ),
    # Professionalisation: certificates, the bulk training record, the trained overview.
    path("professionalisering/", views.certificate_list, name="certificate_list"),
    path("professionalisering/nieuw/", views.certificate_create, name="certificate_create"),
    path("professionalisering/training/", views.training_record, name="training_record"),
    path(
        "professionalisering/<int:pk>/verwijderen/",
        views.certificate_delete,
        name="certificate_delete",
    ),
    path("professionalisering/overzicht/", views.training_overview, name="training_overview"),
    # Expertise directory.
    path("expertise/", views.expertise_directory, name="expertise_directory"),
    path("expertise/gebieden/", views.expertise_areas, name="expertise_areas"),
    path("expertise/gebieden/<int:pk>/", views.expertise_area_edit, name="expertise_area_edit"),
    path(
        "expertise/gebieden/<int:pk>/verwijderen/",
        views.expertise_area_delete,
        name="expertise_area_delete",
    ),
    path("expertise/persoon/<int:pk>/", views.expertise_person, name="expertise_person"),
]
