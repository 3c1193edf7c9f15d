from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.module_loading import autodiscover_modules


class SamenConfig(AppConfig):
    default = True
    name = "samen"
    verbose_name = "Samen"

    def ready(self):
        # Each app declares its permission rules in <app>/rules.py; they meet in one table.
        autodiscover_modules("rules")
        # … and the search-as-you-type choices of their rows in <app>/pickers.py.
        autodiscover_modules("pickers")
        # … and the panels they show on other apps' pages in <app>/panels.py.
        autodiscover_modules("panels")
        # … and what they add to each person's agenda feed in <app>/agenda.py (samen.calendar).
        autodiscover_modules("agenda")
        # Deployment checks (check --deploy): production needs a shared cache and a real broker.
        from . import checks  # noqa: F401


class SamenAdminConfig(admin_apps.AdminConfig):
    """The admin is for platform administrators only (superusers), see samen.admin."""

    default = False
    default_site = "samen.admin.PlatformAdminSite"
