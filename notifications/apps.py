from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Herinneringen")

    def ready(self):
        from . import checks, digests  # noqa: F401 (registers the check and the digest kind)

        # Each app registers the notification kinds it sends in <app>/notifications.py.
        autodiscover_modules("notifications")
