"""The engine's tests' own notification kind, and helpers to plan and read its rows."""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from notifications import registry, services
from notifications.models import Delivery, Notification

KIND = "test.bericht"


class ScriptedKind:
    """The test's notification kind: whom it goes to is whatever the test says, per target,
    at the moment the sweep asks (`people`); `broken` recipients make the message fail."""

    def __init__(self):
        self.people = {}  # target pk -> recipients
        self.broken = set()  # recipient pks whose message raises
        self.asked = 0

    def recipients(self, target):
        self.asked += 1
        yield from self.people.get(target.pk, [])

    def message(self, target, recipient):
        if recipient.pk in self.broken:
            raise RuntimeError(f"no message for {recipient.pk}")
        return registry.Message(
            f"Bericht: {target.name}",
            f"Beste {recipient.first_name},\n\n{services.absolute_url('/bericht/')}\n",
        )


@pytest.fixture
def kind():
    """The test kind, registered for the test (imported by notifications/tests/conftest.py)."""
    test_kind = ScriptedKind()
    registry.register(KIND, recipients=test_kind.recipients, message=test_kind.message)
    yield test_kind
    registry.unregister(KIND)


def plan(tenant, kind, *, target=None, days_ago=0, who=("coordinator", "schoolopleider")):
    """A notification of the test kind about `target` (the tenant's school), due `days_ago`."""
    target = target or tenant.school
    kind.people[target.pk] = [tenant.people[key] for key in who]
    with tenant.scope():
        return services.schedule(KIND, target, timezone.localdate() - dt.timedelta(days=days_ago))


def notifications(**filters):
    with scopes_disabled():
        return list(Notification.objects.filter(**filters).order_by("pk"))


def deliveries(**filters):
    with scopes_disabled():
        return list(Delivery.objects.filter(**filters).order_by("pk"))


def emails(tenant, *keys):
    return sorted(tenant.people[key].email for key in keys)
