from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.views import status_context
from notifications.models import Notification
from samen.access import get_for
from samen.lists import Column, ListView

from . import services
from .filters import MomentFilter
from .forms import SectionForm
from .models import Dossier, ReviewMoment, Waarborg


def dossier_detail(request, partnership_slug, pk):
    dossier = get_for(request, "dossier.view", Dossier.objects.all(), pk=pk)
    services.ensure_sections(dossier)
    access = request.access
    latest = dossier.renders.filter(kind=services.KRITISCHE_REFLECTIE).first()
    return render(
        request,
        "quality/dossier_detail.html",
        {
            "dossier": dossier,
            "sections": dossier.sections.all(),
            "can_edit": access.can("dossier.edit", dossier),
            "can_render": access.can("dossier.render", dossier),
            "pdf_kind": services.KRITISCHE_REFLECTIE,
            # The latest PDF and its status, as documents/_render_status.html shows it.
            "pdf": status_context(access, latest, target=dossier) if latest else None,
        },
    )


def section_edit(request, partnership_slug, pk, waarborg):
    dossier = get_for(request, "dossier.edit", Dossier.objects.all(), pk=pk)
    if waarborg not in Waarborg.values:
        raise Http404
    services.ensure_sections(dossier)
    section = dossier.sections.get(waarborg=waarborg)
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        services.save_section(request.access, section, **form.cleaned_data)
        messages.success(request, _("Het hoofdstuk is opgeslagen."))
        return redirect("quality:dossier", partnership_slug=partnership_slug, pk=pk)
    return render(
        request, "quality/section_form.html", {"dossier": dossier, "section": section, "form": form}
    )


class MomentList(ListView):
    """The review moments in reach, with their reminders: planned, and to whom they went."""

    action = "reviewmoment.view"
    filterset_class = MomentFilter
    template_name = "quality/moment_list.html"
    partial_template_name = "quality/_moment_rows.html"
    export_name = "evaluatiemomenten"
    columns = [
        Column(gettext_lazy("Moment"), "title", sort="moment"),
        Column(gettext_lazy("School"), "school.name", show=False),
        Column(gettext_lazy("Datum"), "due_on", sort="datum"),
        Column(
            gettext_lazy("Herinneringen"),
            lambda m: sum(len(n.deliveries.all()) for n in m.reminders),
        ),
    ]

    def get_queryset(self):
        return ReviewMoment.objects.select_related("school").prefetch_related(
            Prefetch(
                "notifications",
                queryset=Notification.objects.filter(
                    kind__in=[services.UPCOMING, services.OVERDUE]
                ).prefetch_related("deliveries"),
                to_attr="reminders",
            )
        )


moment_list = MomentList.as_view()
