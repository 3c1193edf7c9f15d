"""Quality operations: the kritische reflectie of a dossier.

Its PDF is made by the documents engine; what it is is registered in quality/documents.py.
"""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from pdca.models import Waarborg

from .models import ReflectieSection

#: The document kind of a dossier's kritische reflectie (registered in quality/documents.py).
KRITISCHE_REFLECTIE = "kritische_reflectie"


@transaction.atomic
def save_section(actor, section, *, narrative, reflection):
    """Saves one chapter of the kritische reflectie (its dossier's writers only)."""
    actor.require("dossier.edit", section.dossier)
    section.narrative = narrative
    section.reflection = reflection
    section.save(update_fields=["narrative", "reflection"])
    return section


def ensure_sections(dossier):
    """Every dossier has exactly one chapter per waarborg."""
    existing = set(dossier.sections.values_list("waarborg", flat=True))
    ReflectieSection.objects.bulk_create(
        ReflectieSection(partnership_id=dossier.partnership_id, dossier=dossier, waarborg=w)
        for w in Waarborg.values
        if w not in existing
    )


def section_of(dossier, waarborg):
    """The dossier's chapter on `waarborg` (made with the others when first asked for), or None
    for a number that is no waarborg."""
    if waarborg not in Waarborg.values:
        return None
    ensure_sections(dossier)
    return dossier.sections.get(waarborg=waarborg)


def reflectie_html(dossier, *, language="nl"):
    """The finished HTML of the kritische reflectie, as WeasyPrint will print it."""
    sections = list(dossier.sections.order_by("waarborg"))
    with translation.override(language):
        return render_to_string(
            "quality/pdf/kritische_reflectie.html",
            {
                "dossier": dossier,
                "partnership": dossier.partnership,
                "sections": sections,
                "generated_on": timezone.localdate(),
            },
        )
