"""The portal's address in the links it hands out: mails, the agenda feed and its URL.

In production the configured SAMEN_BASE_URL, always: a link never follows a Host header
someone else chose. In the demo and in development (SAMEN_LINKS_FOLLOW_REQUEST, on while
DEBUG is on and no SAMEN_BASE_URL is set) the address the portal is reached on, since there
it runs wherever someone started it (`runserver 0.0.0.0:8123`, a forwarded port):
- during a request, that request's scheme and host (OriginMiddleware keeps them for the
  request's own thread);
- in the background (a reminder the Celery worker mails), the address a signed-in person
  last reached the portal on, never an anonymous request's (a login page, a feed read by its
  token: any port passes ALLOWED_HOSTS, so anyone could choose it), which the middleware
  records in the sites framework's one Site row (its domain, with the scheme: the demo's
  worker and web process share nothing else but the database), and SAMEN_BASE_URL until it
  was reached at all.
"""

import contextvars
import time

from django.conf import settings
from django.contrib.sites.models import Site

_request_origin = contextvars.ContextVar("samen_request_origin", default=None)
#: The origin this process last recorded, and the one it last read back (with when).
_recorded = {"origin": None}
_read = {"origin": None, "at": float("-inf")}
#: How long the background trusts what it read of the recorded origin.
READ_SECONDS = 60
#: The sites framework's placeholder: nothing recorded yet.
PLACEHOLDER = "example.com"


def base_url():
    """The portal's address, without a trailing slash (see the module's docstring)."""
    if not settings.SAMEN_LINKS_FOLLOW_REQUEST:
        return settings.SAMEN_BASE_URL.rstrip("/")
    return _request_origin.get() or _last_reached() or settings.SAMEN_BASE_URL.rstrip("/")


def absolute(path):
    """`path` (from reverse()) on the portal's address."""
    return base_url() + path


def _last_reached():
    now = time.monotonic()
    if now - _read["at"] > READ_SECONDS:
        domain = Site.objects.filter(pk=settings.SITE_ID).values_list("domain", flat=True).first()
        _read.update(origin=domain if domain and "://" in domain else None, at=now)
    return _read["origin"]


def forget():
    """Forgets what this process recorded and read (tests whose database rolled back)."""
    _recorded["origin"] = None
    _read.update(origin=None, at=float("-inf"))


class OriginMiddleware:
    """Keeps the request's origin for links built during it, and records it for the
    background when it changed; only where links follow the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.SAMEN_LINKS_FOLLOW_REQUEST:
            return self.get_response(request)
        origin = f"{request.scheme}://{request.get_host()}"
        token = _request_origin.set(origin)
        try:
            response = self.get_response(request)
        finally:
            _request_origin.reset(token)
        # Only a signed-in person's request tells the background where the portal is: an
        # anonymous one (any port passes ALLOWED_HOSTS) must not redirect everyone's mails.
        # After the response, since authentication runs below this middleware.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            _record(origin)
        return response


def _record(origin):
    if _recorded["origin"] != origin:
        Site.objects.update_or_create(
            pk=settings.SITE_ID, defaults={"domain": origin, "name": "Samen"}
        )
        _recorded["origin"] = origin
        _read.update(origin=origin, at=time.monotonic())
