"""The documents placements prints (documents.registry): a completed form of the gouden
driehoek, for the student's portfolio. Made and downloaded by whoever may read the form."""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from documents import registry
from questionnaires.models import Signature
from questionnaires.selectors import answer_sheet

from .models import PlacementForm
from .services import PDF, role_labels


def form_html(form, *, language="nl"):
    """The finished HTML of a placement form: the placement, every section with its answers,
    the signatures with their times."""
    placement = form.placement
    labels = role_labels(placement)
    signatures = [
        {"label": labels.get(s.role, s.role), "name": s.signer_name, "at": s.signed_at}
        for s in Signature.objects.filter(response=form.response)
    ]
    with translation.override(language):
        return render_to_string(
            "placementforms/pdf/placement_form.html",
            {
                "pform": form,
                "placement": placement,
                "partnership": form.partnership,
                "response": form.response,
                "sheet": answer_sheet(form.response),
                "signatures": signatures,
                "generated_on": timezone.localdate(),
            },
        )


def filename(form):
    return f"{slugify(form.get_kind_display())}-{slugify(str(form.placement.student))}.pdf"


registry.register(
    PDF,
    model=PlacementForm,
    html=form_html,
    filename=filename,
    render="placementform.view",
    download="placementform.view",
    download_refused=_("U kunt deze PDF niet downloaden."),
)
