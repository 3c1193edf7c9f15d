"""View helpers around samen.permissions: every tenant object is fetched through these.

`request.access` is the acting person's `samen.permissions.Access` (set by
roles.middleware.TenantMiddleware). Both helpers answer 404, not 403, for what the user may
not reach: outsiders and members without the permission learn nothing about which objects
exist.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404


def require(request, action, obj=None):
    if not request.access.can(action, obj):
        raise Http404


def get_for(request, action, queryset, **lookup):
    """The object matching `lookup`, if the user may do `action` to it; else 404."""
    return get_object_or_404(request.access.filter(action, queryset), **lookup)


def public(view):
    """Marks a tenant view as open to everyone, anonymous visitors included.

    TenantMiddleware still enters the partnership's scope; the view must show only what is
    published. tests/test_isolation.py lists these routes in PUBLIC_TENANT_ROUTES.
    """
    view.samen_public = True
    return view
