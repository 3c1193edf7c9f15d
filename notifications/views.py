"""The engine's pages under /<partnership>/herinneringen/: what failed (with a retry), what was
sent to whom, and how a person wants to receive their notifications.

The lists run on samen.lists (permission → filters → sort → export → page → htmx rows). The
failed page and the log are for coordinators for the whole partnership (notifications/rules.py);
the preference page is each person's own.
"""

from django.db.models import F
from django.http import Http404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samen.lists import Column, ListView
from samen.views import ActionView, ConfirmView

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


class Retry(ConfirmView):
    """Asks to confirm, then queues the failed notification again (services.retry)."""

    action = "notification.retry"
    model = Notification
    confirm_title = gettext_lazy("Herinnering opnieuw proberen?")
    confirm_intro = gettext_lazy(
        "Het portaal verstuurt de herinnering bij de volgende verzendronde opnieuw, met nieuwe "
        "pogingen, aan wie haar nog niet ontving. Wie haar al kreeg, krijgt haar niet nog eens."
    )
    confirm_button = gettext_lazy("Ja, opnieuw proberen")
    irreversible = False
    success_message = gettext_lazy(
        "De herinnering staat weer klaar: de volgende verzendronde, binnen enkele minuten, "
        "verstuurt haar."
    )

    def get_queryset(self):
        return Notification.objects.filter(failed_at__isnull=False)

    def get_confirm_rows(self, form):
        notification = self.object
        rows = [
            (_("Herinnering"), registry.label(notification.kind)),
            (_("Over"), describe(notification)),
        ]
        if notification.failed_recipients:
            rows.append((_("Voor"), ", ".join(notification.failed_recipients)))
        return [
            *rows,
            (_("Foutmelding"), notification.last_error),
            (_("Pogingen"), notification.attempts),
        ]

    def perform(self, form):
        return services.retry(self.request.access, self.object)

    def get_success_url(self, notification):
        return self.get_back_url()

    def get_back_url(self):
        return reverse(
            "notifications:failed", kwargs={"partnership_slug": self.request.partnership.slug}
        )

    def get_back_label(self):
        return _("Mislukte herinneringen")


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


class Preferences(ActionView):
    """A signed-in person of the partnership chooses: every notification at once, or weekly.
    Each person their own: someone without a person here has no such page (404)."""

    form_class = PreferenceForm
    template_name = "notifications/preferences.html"
    title = gettext_lazy("Herinneringen per e-mail")
    success_message = gettext_lazy("Uw keuze is opgeslagen.")

    def get_object(self):
        if self.request.access.person is None:
            raise Http404
        return None

    def get_initial(self):
        return {"mode": services.preference_of(self.request.access)}

    def perform(self, form):
        return services.set_preference(self.request.access, form.cleaned_data["mode"])

    def get_success_url(self, preference):
        return reverse(
            "notifications:preferences", kwargs={"partnership_slug": self.request.partnership.slug}
        )
