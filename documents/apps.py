from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documenten")

    def ready(self):
        # Each app registers the kinds of document it prints in <app>/documents.py.
        autodiscover_modules("documents")
