"""Overlegstructuur (overleg/), professionalisation (professionalisering/), expertise."""

from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    # Overlegstructuur: bodies, their members and meetings.
    path("overleg/", views.body_list, name="body_list"),
    path("overleg/nieuw/", views.BodyCreate.as_view(), name="body_create"),
    path("overleg/<int:pk>/", views.body_detail, name="body_detail"),
    path("overleg/<int:pk>/bewerken/", views.BodyEdit.as_view(), name="body_edit"),
    path("overleg/<int:pk>/leden/nieuw/", views.BodyMemberAdd.as_view(), name="body_member_add"),
    path(
        "overleg/<int:pk>/leden/<int:membership_pk>/beeindigen/",
        views.BodyMemberEnd.as_view(),
        name="body_member_end",
    ),
    path(
        "overleg/<int:pk>/leden/<int:membership_pk>/verwijderen/",
        views.BodyMemberRemove.as_view(),
        name="body_member_remove",
    ),
    path(
        "overleg/<int:pk>/vergaderingen/nieuw/", views.MeetingEdit.as_view(), name="meeting_create"
    ),
    path(
        "overleg/<int:pk>/vergaderingen/<int:meeting_pk>/",
        views.MeetingEdit.as_view(),
        name="meeting_edit",
    ),
    # Professionalisation: certificates, the bulk training record, the trained overview.
    path("professionalisering/", views.certificate_list, name="certificate_list"),
    path(
        "professionalisering/nieuw/", views.CertificateCreate.as_view(), name="certificate_create"
    ),
    path("professionalisering/training/", views.TrainingRecord.as_view(), name="training_record"),
    path(
        "professionalisering/<int:pk>/verwijderen/",
        views.CertificateDelete.as_view(),
        name="certificate_delete",
    ),
    path("professionalisering/overzicht/", views.training_overview, name="training_overview"),
    # Expertise directory.
    path("expertise/", views.expertise_directory, name="expertise_directory"),
    path("expertise/gebieden/", views.ExpertiseAreas.as_view(), name="expertise_areas"),
    path(
        "expertise/gebieden/<int:pk>/",
        views.ExpertiseAreaEdit.as_view(),
        name="expertise_area_edit",
    ),
    path(
        "expertise/gebieden/<int:pk>/verwijderen/",
        views.ExpertiseAreaDelete.as_view(),
        name="expertise_area_delete",
    ),
    path("expertise/persoon/<int:pk>/", views.ExpertisePerson.as_view(), name="expertise_person"),
]
