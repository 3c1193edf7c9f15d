from django.contrib import admin

from .models import PlacementForm


@admin.register(PlacementForm)
class PlacementFormAdmin(admin.ModelAdmin):
    list_display = ["placement", "kind", "due_on"]
    list_select_related = ["placement__student", "placement__school"]
    raw_id_fields = ["placement", "response"]
