"""The engine's pages under /<partnership>/herinneringen/: what failed (with a retry), what was
sent to whom, and how a person wants to receive their notifications.

The lists run on samen.lists (permission → filters → sort → export → page → htmx rows). The
failed page and the log are for coordinators for the whole partnership (notifications/rules.py);
the preference page is each person's own.
"""

from django.contrib import messages
from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samen.access import get_for
from samen.errors import DomainError
from samen.lists import Column, ListView

from . import registry, services
from .filters import DeliveryFilter, FailedFilter
from .forms import PreferenceForm
from .models import Delivery, Notification


def describe(notification):
    """What a notification is about, as its target names itself (or that it is gone)."""
    target = notification.target
    return str(target) if target is not None else _("(verwijderd)")


def status_text(notification):
    if notification.failed_at:
        return _("Mislukt")
    if notification.next_attempt_at:
        when = formats.date_format(timezone.localtime(notification.next_attempt_at), "j F H:i")
        return _("Nieuwe poging na %(when)s") % {"when": when}
    return _("Wacht op een nieuwe poging")


class FailedList(ListView):
    """Notifications that failed for good, and those backing off, with whom they did not
    reach and why: nothing the sweep gives up on goes unseen."""

    action = "notification.view"
    filterset_class = FailedFilter
    template_name = "notifications/failed_list.html"
    partial_template_name = "notifications/_failed_rows.html"
    export_name = "mislukte-herinneringen"
    columns = [
        Column(gettext_lazy("Herinnering"), lambda n: registry.label(n.kind)),
        Column(gettext_lazy("Over"), describe),
        Column(gettext_lazy("Voor"), lambda n: ", ".join(n.failed_recipients)),
        Column(gettext_lazy("Foutmelding"), "last_error"),
        Column(gettext_lazy("Pogingen"), "attempts", sort="pogingen"),
        Column(gettext_lazy("Gepland voor"), "send_on", sort="datum"),
        Column(gettext_lazy("Status"), status_text),
    ]

    def get_queryset(self):
        return (
            Notification.objects.filter(done_at__isnull=True, attempts__gt=0)
            .select_related("content_type")
            .prefetch_related("target")
            .order_by(F("failed_at").desc(nulls_last=True), "send_on", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_retry"] = self.request.access.can("notification.retry")
        return context


failed_list = FailedList.as_view()


def retry(request, partnership_slug, pk):
    """GET: asks to confirm; POST: queues the failed notification again (services.retry)."""
    notification = get_for(
        request, "notification.retry", Notification.objects.filter(failed_at__isnull=False), pk=pk
    )
    error = None
    if request.method == "POST":
        try:
            services.retry(request.access, notification)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                _(
                    "De herinnering staat weer klaar: de volgende verzendronde, binnen enkele "
                    "minuten, verstuurt haar."
                ),
            )
            return redirect("notifications:failed", partnership_slug=partnership_slug)
    return render(
        request,
        "notifications/retry_confirm.html",
        {
            "notification": notification,
            "label": registry.label(notification.kind),
            "about": describe(notification),
            "error": error,
        },
        status=400 if error else 200,
    )


class DeliveryList(ListView):
    """Every notification mail that went out: to whom, when, what, and how (direct or in a
    weekly digest)."""

    action = "delivery.view"
    filterset_class = DeliveryFilter
    template_name = "notifications/delivery_list.html"
    partial_template_name = "notifications/_delivery_rows.html"
    export_name = "verzonden-herinneringen"
    columns = [
        Column(gettext_lazy("Verstuurd op"), "sent_at", sort="verstuurd"),
        Column(gettext_lazy("Aan"), "name", sort="aan"),
        Column(gettext_lazy("E-mailadres"), "email"),
        Column(gettext_lazy("Onderwerp"), "subject"),
        Column(gettext_lazy("Soort"), lambda d: registry.label(d.notification.kind)),
        Column(gettext_lazy("Verstuurd als"), "get_channel_display"),
    ]

    def get_queryset(self):
        return Delivery.objects.select_related("notification").order_by("-sent_at", "-pk")


delivery_list = DeliveryList.as_view()


def preferences(request, partnership_slug):
    """A signed-in person of the partnership chooses: every notification at once, or weekly."""
    access = request.access
    if access.person is None:
        raise Http404
    form = PreferenceForm(request.POST or None, initial={"mode": services.preference_of(access)})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_preference(access, form.cleaned_data["mode"])
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Uw keuze is opgeslagen."))
            return redirect("notifications:preferences", partnership_slug=partnership_slug)
    return render(request, "notifications/preferences.html", {"form": form})
