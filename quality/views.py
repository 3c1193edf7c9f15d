"""The dossier's pages: the kritische reflectie chapter by chapter, and editing a chapter."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from documents.views import status_context
from pdca.models import Waarborg
from samen.access import get_for

from . import services
from .forms import SectionForm
from .models import Dossier


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
