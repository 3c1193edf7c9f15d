from django.contrib import admin

from .models import CycleActivity, ReviewMoment


@admin.register(ReviewMoment)
class ReviewMomentAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "schooljaar", "due_on", "done_on"]
    list_filter = ["partnership"]


@admin.register(CycleActivity)
class CycleActivityAdmin(admin.ModelAdmin):
    list_display = ["name", "partnership", "moment", "scope", "is_active"]
    list_filter = ["partnership", "moment"]
