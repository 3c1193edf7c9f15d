"""The engine's own kind: a person's weekly digest.

A digest is a Notification of kind `services.DIGEST` about the person's MailPreference, due on
the digest day; the reminders it collects wait as DigestEntry rows, each made when its own
notification was sent. The sweep sends a digest itself (services._Batch._send_digests): one
mail listing the entries, whose acceptance records a Delivery per reminder.
"""

from django.utils.translation import gettext_lazy as _

from . import registry, services


def _sent_by_the_sweep(*args):
    raise NotImplementedError("A weekly digest is composed by the sweep from its entries.")


registry.register(
    services.DIGEST,
    recipients=_sent_by_the_sweep,
    message=_sent_by_the_sweep,
    label=_("Weekoverzicht"),
)
