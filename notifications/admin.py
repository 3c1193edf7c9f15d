from django.contrib import admin

from .models import Delivery, Notification


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    readonly_fields = ["person_id", "name", "email", "subject", "channel", "sent_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "kind",
        "content_type",
        "object_id",
        "partnership",
        "send_on",
        "done_at",
        "attempts",
        "next_attempt_at",
        "failed_at",
    ]
    list_filter = ["kind", "partnership"]
    list_select_related = ["content_type", "partnership"]
    readonly_fields = ["content_type", "object_id", "claimed_at", "claim_token", "created_at"]
    inlines = [DeliveryInline]
