"""The documents quality prints (documents.registry): the kritische reflectie of a dossier."""

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from documents import registry

from .models import Dossier
from .services import KRITISCHE_REFLECTIE, reflectie_html

registry.register(
    KRITISCHE_REFLECTIE,
    model=Dossier,
    html=reflectie_html,
    filename=lambda dossier: f"{slugify(dossier.title)}.pdf",
    render="dossier.render",
    download="dossier.download",
    download_refused=_("Alleen leden van de stuurgroep kunnen de PDF downloaden."),
)
