"""The forms of the gouden driehoek: opened, filled in, signed, reopened, reminded and printed."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementFormsConfig(AppConfig):
    name = "placementforms"
    verbose_name = _("Stageformulieren")

    def ready(self):
        # The placement's lifecycle opens, guards and moves its forms (placements.lifecycle).
        from . import lifecycle  # noqa: F401
