from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class PlatformAdminSite(admin.AdminSite):
    """Django admin for platform administrators.

    Only superusers get in: the admin works across tenants (TenantMiddleware disables the
    scopes for them on /admin/), so it must never be open to a partnership's own staff.
    """

    site_header = _("Samen platformbeheer")
    site_title = _("Samen platformbeheer")

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def login(self, request, extra_context=None):
        # The admin login would bypass allauth (no rate limit, no MFA): route it through allauth.
        return secure_admin_login(super().login)(request, extra_context)
