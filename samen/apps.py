from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class SamenConfig(AppConfig):
    default = True
    name = "samen"
    verbose_name = "Samen"


class SamenAdminConfig(admin_apps.AdminConfig):
    """The admin is for platform administrators only (superusers), see samen.admin."""

    default = False
    default_site = "samen.admin.PlatformAdminSite"
