from django.contrib import admin

from .models import Questionnaire, Version


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ("name", "partnership", "created_at")
    search_fields = ("name",)


@admin.register(Version)
class VersionAdmin(admin.ModelAdmin):
    list_display = ("questionnaire", "number", "status", "published_at")
    list_filter = ("status",)
