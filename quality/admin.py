from django.contrib import admin

from .models import Dossier, ReflectieSection


class ReflectieSectionInline(admin.StackedInline):
    model = ReflectieSection
    extra = 0


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "schooljaar"]
    list_filter = ["partnership"]
    inlines = [ReflectieSectionInline]
