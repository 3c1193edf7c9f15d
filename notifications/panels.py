"""What the engine shows on the dashboard (samen.panels): how a person receives their
notifications, and, for the coordinators, how many failed."""

from samen import panels

from . import services
from .models import MailPreference, Notification


def dashboard(request, obj):
    access = request.access
    can_view = access.can("notification.view")
    if access.person is None and not can_view:
        return None
    context = {"can_view": can_view, "mode": None, "failed": None}
    if access.person is not None:
        context["mode"] = MailPreference.Mode(services.preference_of(access)).label
    if can_view:
        context["failed"] = access.filter(
            "notification.view", Notification.objects.filter(failed_at__isnull=False)
        ).count()
        context["can_view_deliveries"] = access.can("delivery.view")
    return context


panels.register("dashboard", "notifications/_dashboard_panel.html", dashboard, order=90)
