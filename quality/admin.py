from django.contrib import admin

from .models import Dossier, ReflectieSection, Reminder, ReportRender, ReviewMoment


class ReflectieSectionInline(admin.StackedInline):
    model = ReflectieSection
    extra = 0


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "schooljaar"]
    list_filter = ["partnership"]
    inlines = [ReflectieSectionInline]


@admin.register(ReportRender)
class ReportRenderAdmin(admin.ModelAdmin):
    list_display = ["dossier", "status", "requested_at", "render_ms", "pages"]
    list_filter = ["status"]
    list_select_related = ["dossier"]


@admin.register(ReviewMoment)
class ReviewMomentAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "due_on"]
    list_filter = ["partnership"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["moment", "recipient", "send_on", "sent_at", "attempts"]
    list_select_related = ["moment", "recipient"]
    raw_id_fields = ["moment", "recipient"]
