from django.contrib import admin

from .models import Body, BodyMembership, Certificate, ExpertiseArea, Meeting


class BodyMembershipInline(admin.TabularInline):
    model = BodyMembership
    extra = 0
    raw_id_fields = ["person"]


class MeetingInline(admin.TabularInline):
    model = Meeting
    extra = 0


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "partnership"]
    list_filter = ["partnership", "kind"]
    list_select_related = ["partnership"]
    search_fields = ["name"]
    inlines = [BodyMembershipInline, MeetingInline]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["person", "kind", "obtained_on", "valid_until"]
    list_filter = ["partnership", "kind"]
    list_select_related = ["person"]
    raw_id_fields = ["person"]


@admin.register(ExpertiseArea)
class ExpertiseAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "partnership"]
    list_filter = ["partnership"]
    list_select_related = ["partnership"]
    raw_id_fields = ["people"]
