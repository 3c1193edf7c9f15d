"""The dossier's pages: the kritische reflectie chapter by chapter, and editing a chapter."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.views import status_context
from samen.access import get_for
from samen.views import ActionView

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


class SectionEdit(ActionView):
    """A chapter of the kritische reflectie (one per waarborg), by the dossier's writers."""

    action = "dossier.edit"
    model = Dossier
    form_class = SectionForm
    success_message = gettext_lazy("Het hoofdstuk is opgeslagen.")

    def get_object(self):
        dossier = super().get_object()
        self.section = services.section_of(dossier, self.kwargs["waarborg"])
        if self.section is None:
            raise Http404
        return dossier

    def get_instance(self):
        return self.section

    def get_title(self):
        return _("Waarborg %(n)s: %(name)s") % {
            "n": self.section.waarborg,
            "name": self.section.get_waarborg_display(),
        }

    def perform(self, form):
        return services.save_section(self.request.access, self.section, **form.cleaned_data)
