"""Request middleware: enters the partnership's scope for tenant URLs (see samen.tenancy)."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import Resolver404, resolve
from django_scopes import scope, scopes_disabled

TENANT_KWARG = "partnership_slug"


class TenantMiddleware:
    """Runs every tenant URL inside the scope of the partnership in its path."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.partnership = None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)

        if match.namespaces and match.namespaces[0] == "admin":
            if request.user.is_authenticated and request.user.is_superuser:
                # Platform administrators work across tenants, on purpose, in the admin only.
                with scopes_disabled():
                    return self.get_response(request)
            return self.get_response(request)

        slug = match.kwargs.get(TENANT_KWARG)
        if slug is None:
            # Not a tenant page: no scope is active, so any tenant query here fails loudly.
            return self.get_response(request)

        from partnerships.models import Partnership
        from roles.permissions import PartnershipAccess

        partnership = Partnership.objects.filter(slug=slug, is_active=True).first()
        if partnership is None:
            raise Http404
        access = PartnershipAccess.for_user(request.user, partnership)
        if not access.may_enter and not getattr(match.func, "samen_public", False):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            raise Http404
        # Public pages (samen.access.public) run in the scope too, for anyone: they must
        # filter on what is published themselves.
        request.partnership = partnership
        request.access = access
        with scope(partnership=partnership):
            return self.get_response(request)
