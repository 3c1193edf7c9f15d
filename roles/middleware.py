"""Request middleware: who the user is in the partnership of the URL, and their second factor.

`TenantMiddleware` resolves `/<partnership_slug>/…`, loads the user's `Access` there and runs
the view inside that partnership's scope (see samen.tenancy); someone who may not enter gets
404 (outsiders learn nothing), an anonymous visitor the login page. `RequireMFAMiddleware`
sends privileged accounts without TOTP to its set-up, deciding on every request.
"""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django_scopes import scope, scopes_disabled

from partnerships.models import Partnership
from samen.permissions import MFA_REQUIRED_ROLES

from .access import access_for
from .models import RoleAssignment, User

TENANT_KWARG = "partnership_slug"
#: Paths a user without MFA may still open: setting it up, logging out, static files, and the
#: health check (exactly that path: a partnership could be called "healthzorg").
MFA_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/i18n/")
MFA_EXEMPT_PATHS = {"/healthz"}


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

        partnership = Partnership.objects.filter(slug=slug, is_active=True).first()
        if partnership is None:
            raise Http404
        access = access_for(request.user, partnership)
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


def mfa_status(user):
    """(has TOTP, needs it) for `user`, in one query.

    Needed by staff and superusers, and by anyone holding a coordinator or stuurgroep role in
    any partnership, in any schooljaar: last year's coordinator still manages last year's
    placements (the rule is about the account, in every partnership).
    """
    # Crosses tenants on purpose: it reads only this account's own assignments.
    with scopes_disabled():
        privileged = RoleAssignment.objects.filter(
            person__user=OuterRef("pk"), role__in=MFA_REQUIRED_ROLES
        )
        totp = Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
        row = (
            User.objects.filter(pk=user.pk)
            .annotate(has_totp=Exists(totp), privileged=Exists(privileged))
            .values_list("has_totp", "privileged")
            .first()
        )
    has_totp, privileged = row or (False, False)
    return has_totp, privileged or user.is_staff or user.is_superuser


class RequireMFAMiddleware:
    """allauth offers MFA but does not require it: we do, for privileged accounts.

    Decided on every request from the account's current roles, so someone promoted to
    coordinator in the middle of a (two-week) session is asked on their next page. Once the
    account has TOTP the session remembers that (one query fewer per page); removing the
    authenticator on /accounts/2fa/ forgets it.
    """

    SESSION_FLAG = "samen_has_totp"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not (settings.SAMEN_REQUIRE_MFA and user.is_authenticated):
            return self.get_response(request)
        if request.path.startswith("/accounts/2fa/"):
            request.session.pop(self.SESSION_FLAG, None)
        exempt = request.path.startswith(MFA_EXEMPT_PREFIXES) or request.path in MFA_EXEMPT_PATHS
        if exempt or request.session.get(self.SESSION_FLAG):
            return self.get_response(request)
        has_totp, needs_totp = mfa_status(user)
        if has_totp:
            request.session[self.SESSION_FLAG] = True
        elif needs_totp:
            messages.warning(
                request,
                _("Voor uw rol is tweestapsverificatie verplicht. Stel die eerst in."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
