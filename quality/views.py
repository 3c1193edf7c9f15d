from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samen.access import get_for
from samen.lists import Column, ListView

from . import services
from .filters import MomentFilter
from .forms import SectionForm
from .models import Dossier, RenderStatus, ReportRender, ReviewMoment, Waarborg


def dossier_detail(request, partnership_slug, pk):
    dossier = get_for(request, "dossier.view", Dossier.objects.all(), pk=pk)
    services.ensure_sections(dossier)
    access = request.access
    return render(
        request,
        "quality/dossier_detail.html",
        {
            "dossier": dossier,
            "sections": dossier.sections.all(),
            "renders": dossier.renders.all()[:5],
            "can_edit": access.can("dossier.edit", dossier),
            "can_render": access.can("dossier.render", dossier),
            "can_download": access.can("dossier.download", dossier),
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


@require_POST
def render_create(request, partnership_slug, pk):
    dossier = get_for(request, "dossier.render", Dossier.objects.all(), pk=pk)
    render_row = services.request_render(request.access, dossier)
    if request.htmx:
        return _status_fragment(request, render_row)
    if not render_row.waits_for_queue:  # otherwise the status on the page says why it waits
        messages.info(request, _("De PDF wordt gemaakt."))
    return redirect("quality:dossier", partnership_slug=partnership_slug, pk=pk)


def render_status(request, partnership_slug, pk):
    render_row = _get_render(request, "dossier.render", pk)
    return _status_fragment(request, render_row)


def _status_fragment(request, render_row):
    return render(
        request,
        "quality/_render_status.html",
        {
            "render": render_row,
            "can_download": request.access.can("dossier.download", render_row.dossier),
        },
    )


def render_download(request, partnership_slug, pk):
    render_row = _get_render(request, "dossier.download", pk)
    if render_row.status != RenderStatus.READY:
        raise Http404
    filename = f"{slugify(render_row.dossier.title)}.pdf"
    return FileResponse(
        render_row.pdf.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )


def _get_render(request, action, pk):
    render_row = ReportRender.objects.select_related("dossier").filter(pk=pk).first()
    if render_row is None or not request.access.can(action, render_row.dossier):
        raise Http404
    return render_row


class MomentList(ListView):
    """The review moments in reach, with the reminders sent or planned for each."""

    action = "reviewmoment.view"
    filterset_class = MomentFilter
    template_name = "quality/moment_list.html"
    partial_template_name = "quality/_moment_rows.html"
    export_name = "evaluatiemomenten"
    columns = [
        Column(_("Moment"), "title", sort="moment"),
        Column(_("School"), "school.name", show=False),
        Column(_("Datum"), "due_on", sort="datum"),
        Column(_("Herinneringen"), lambda m: len(m.reminders.all())),
    ]

    def get_queryset(self):
        return ReviewMoment.objects.select_related("school").prefetch_related(
            "reminders__recipient"
        )


moment_list = MomentList.as_view()
