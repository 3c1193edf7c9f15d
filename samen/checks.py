"""Deployment checks (`manage.py check --deploy`): production needs Redis, not laptop defaults.

Without REDIS_URL the settings fall back to a per-process cache and kombu's file-system broker.
That is right for `bin/dev`, but in production it silently breaks things: allauth's login rate
limits count per gunicorn worker (so an attacker gets workers × the limit), and the worker and
beat containers do not share a file-system queue with web. These checks make `check --deploy`
fail instead.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

#: Cache backends whose data is not shared between processes.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}
#: Cache backends shared only between the processes of one machine.
PER_MACHINE_CACHES = {"django.core.cache.backends.filebased.FileBasedCache"}
#: Broker transports that only reach processes on the same machine (or in the same process).
LOCAL_BROKERS = {"filesystem", "memory"}


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs=None, **kwargs):
    """Error when DEBUG is off and the default cache is not shared by every web process."""
    if settings.DEBUG:
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        return [
            Error(
                f"The default cache is {backend.rsplit('.', 1)[-1]}: every web process keeps "
                "its own, so login rate limits count per process.",
                hint="Set REDIS_URL (see .env.example).",
                id="samen.E001",
            )
        ]
    if backend in PER_MACHINE_CACHES:
        return [
            Warning(
                "The default cache is FileBasedCache: web processes on other machines or "
                "containers do not share it.",
                hint="Set REDIS_URL (see .env.example).",
                id="samen.W001",
            )
        ]
    return []


@register(deploy=True)
def check_real_broker(app_configs=None, **kwargs):
    """Error when DEBUG is off and Celery's broker is the file system or memory."""
    if settings.DEBUG:
        return []
    url = getattr(settings, "CELERY_BROKER_URL", "") or ""
    scheme = urlsplit(url).scheme.lower() if "://" in url else url.lower()
    if not url or scheme in LOCAL_BROKERS:
        return [
            Error(
                f"The Celery broker is {url or 'not set'}: only processes on this machine "
                "(filesystem://) or in this process (memory://) get its tasks, so a worker "
                "elsewhere never makes the PDFs and reminders.",
                hint="Set REDIS_URL (see .env.example).",
                id="samen.E002",
            )
        ]
    return []


@register(deploy=True)
def check_base_url(app_configs=None, **kwargs):
    """Error when DEBUG is off and the links in mails and agenda feeds would not point at the
    portal's public https address: SAMEN_BASE_URL unset (its localhost default) or plain http,
    or links set to follow the request's Host header."""
    if settings.DEBUG:
        return []
    parts = urlsplit(settings.SAMEN_BASE_URL)
    if parts.scheme != "https" or parts.hostname in {None, "localhost", "127.0.0.1"}:
        problem = f"SAMEN_BASE_URL is {settings.SAMEN_BASE_URL}"
    elif getattr(settings, "SAMEN_LINKS_FOLLOW_REQUEST", False):
        problem = "SAMEN_LINKS_FOLLOW_REQUEST is on"
    else:
        return []
    return [
        Error(
            f"{problem}: the links in reminders and agenda feeds must lead to the portal's "
            "public https address, not to a request's Host header or this machine.",
            hint="Set SAMEN_BASE_URL (see .env.example) and leave SAMEN_LINKS_FOLLOW_REQUEST off.",
            id="samen.E003",
        )
    ]
