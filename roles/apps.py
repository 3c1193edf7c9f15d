from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = _("Mensen en rollen")

    def ready(self):
        # Connects the receiver that verifies an invited person's address when they set
        # their password through the invitation link.
        from . import services  # noqa: F401
