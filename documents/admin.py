from django.contrib import admin

from .models import Render


@admin.register(Render)
class RenderAdmin(admin.ModelAdmin):
    list_display = [
        "kind",
        "object_id",
        "partnership",
        "status",
        "requested_at",
        "render_ms",
        "pages",
    ]
    list_filter = ["status", "kind"]
    list_select_related = ["partnership"]
    readonly_fields = ["content_type", "object_id", "requested_by", "requested_at"]
