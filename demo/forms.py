"""Demo rows of the forms of the gouden driehoek: every demo institute starts with the six
published templates of placements.form_seeds (startgesprek, tussentijdse beoordeling and
eindbeoordeling, for a pabo and for a lerarenopleiding VO), so the instituutscoördinator sees
them in the editor and can make a new version. Called by demo.data for each demo partnership,
inside its scope."""

from partnerships.models import Organisation
from placements.form_seeds import ensure_form_templates


def extend(context):
    for partner in context.partners.values():
        if partner.organisation.kind == Organisation.Kind.INSTITUTE:
            ensure_form_templates(partner)
