from django.contrib import admin

from .models import Organisation, Partner, Partnership, School


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "sector", "region", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "place"]
    search_fields = ["name", "short_name"]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["organisation", "partnership", "joined_on", "left_on", "is_penvoerder"]
    list_filter = ["partnership"]
    list_select_related = ["organisation", "partnership"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "place", "board", "partnership", "training_status"]
    list_filter = ["partnership", "training_status"]
    list_select_related = ["board__organisation", "partnership"]
    search_fields = ["name", "brin"]
