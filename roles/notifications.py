"""What the mail engine needs of people (notifications.registry): how to read their access,
so that a mail goes only to someone who may still open what it is about."""

from notifications import registry

from .access import accesses_of

registry.register_access(accesses_of)
