"""System checks of the notification engine: a mail server may hang, a claim may not expire
while a send is still allowed to run."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from .claims import CLAIM_TIMEOUT
from .sending import RENEW_EVERY, SMTP_ROUND_TRIPS, longest_send


@register(Tags.compatibility)
def check_email_timeout(app_configs=None, **kwargs):
    """EMAIL_TIMEOUT must be set, and short enough that a sweep's claim outlives every mail:
    RENEW_EVERY + SMTP_ROUND_TRIPS × EMAIL_TIMEOUT < CLAIM_TIMEOUT. Otherwise a hanging mail
    server blocks the sweep, or another sweep takes its notifications over and sends twice."""
    timeout = getattr(settings, "EMAIL_TIMEOUT", None)
    if not timeout or longest_send() >= CLAIM_TIMEOUT:
        limit = (CLAIM_TIMEOUT - RENEW_EVERY) / SMTP_ROUND_TRIPS
        return [
            Error(
                f"EMAIL_TIMEOUT is {timeout!r}: it must be set and below "
                f"{limit.total_seconds():.0f} seconds.",
                hint="Set EMAIL_TIMEOUT in the environment (seconds, e.g. 10).",
                id="notifications.E001",
            )
        ]
    return []
