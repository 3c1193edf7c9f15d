from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from .models import MFA_REQUIRED_ROLES, RoleAssignment

#: Paths a user without MFA may still open: setting it up, logging out, static files.
MFA_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz")


def requires_mfa(user) -> bool:
    """Whether this account holds a role for which TOTP is mandatory, in any partnership."""
    # Crosses tenants on purpose: the rule is about the account, in every partnership.
    with scopes_disabled():
        return RoleAssignment.objects.filter(
            person__user=user, role__in=MFA_REQUIRED_ROLES
        ).exists()


class RequireMFAMiddleware:
    """allauth offers MFA but does not require it: we do, for coordinators and the stuurgroep."""

    def __init__(self, get_response):
        self.get_response = get_response

    SESSION_FLAG = "samen_mfa_ok"

    def __call__(self, request):
        user = request.user
        if not (settings.SAMEN_REQUIRE_MFA and user.is_authenticated):
            return self.get_response(request)
        if request.path.startswith("/accounts/2fa/"):
            # Authenticators may change here: check again on the next page.
            request.session.pop(self.SESSION_FLAG, None)
        if request.path.startswith(MFA_EXEMPT_PREFIXES) or request.session.get(self.SESSION_FLAG):
            return self.get_response(request)
        has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        if not has_totp and requires_mfa(user):
            messages.warning(
                request,
                _("Voor uw rol is tweestapsverificatie verplicht. Stel die eerst in."),
            )
            return redirect("mfa_activate_totp")
        request.session[self.SESSION_FLAG] = True
        return self.get_response(request)
