from django.contrib import admin

from .models import Leergroep, LeergroepMeeting, Placement, PlacementPeriod


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["student", "school", "mentor", "starts_on", "ends_on", "status"]
    list_filter = ["partnership", "status"]
    list_select_related = ["student", "school", "mentor"]
    raw_id_fields = [
        "student",
        "school",
        "mentor",
        "coach",
        "instituutsopleider",
        "period",
        "previous",
    ]
    date_hierarchy = "starts_on"


@admin.register(PlacementPeriod)
class PlacementPeriodAdmin(admin.ModelAdmin):
    list_display = ["name", "institute", "schooljaar", "programme", "phase", "starts_on", "ends_on"]
    list_filter = ["partnership", "schooljaar", "programme", "phase"]
    list_select_related = ["institute__organisation"]


@admin.register(Leergroep)
class LeergroepAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "schooljaar", "leader"]
    list_filter = ["partnership", "schooljaar"]
    list_select_related = ["school", "leader"]
    raw_id_fields = ["school", "period", "leader", "members"]


@admin.register(LeergroepMeeting)
class LeergroepMeetingAdmin(admin.ModelAdmin):
    list_display = ["leergroep", "starts_at", "topic"]
    list_select_related = ["leergroep"]
    raw_id_fields = ["leergroep", "attendees"]
