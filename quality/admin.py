from django.contrib import admin

from .models import CycleActivity, Dossier, ReflectieSection, ReviewMoment


class ReflectieSectionInline(admin.StackedInline):
    model = ReflectieSection
    extra = 0


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "schooljaar"]
    list_filter = ["partnership"]
    inlines = [ReflectieSectionInline]


@admin.register(ReviewMoment)
class ReviewMomentAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "schooljaar", "due_on", "done_on"]
    list_filter = ["partnership"]


@admin.register(CycleActivity)
class CycleActivityAdmin(admin.ModelAdmin):
    list_display = ["name", "partnership", "moment", "scope", "is_active"]
    list_filter = ["partnership", "moment"]
