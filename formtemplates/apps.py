"""The institutes' templates of the placement forms, their editor and the seeded templates."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormTemplatesConfig(AppConfig):
    name = "formtemplates"
    verbose_name = _("Formuliersjablonen")
