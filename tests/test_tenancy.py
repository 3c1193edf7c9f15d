"""The tenancy guarantees: unscoped queries fail, cross-tenant links are refused."""

import pytest
from django.core.exceptions import ValidationError
from django_scopes import ScopeError, scopes_disabled

from placements.models import Placement
from roles.models import Person


def test_a_query_outside_any_partnership_scope_fails_loudly(samen):
    with pytest.raises(ScopeError):
        list(Placement.objects.all())


def test_a_scoped_query_returns_only_that_partnerships_rows(samen, other):
    with samen.scope():
        assert list(Placement.objects.all()) == [samen.placement]
    with other.scope():
        assert list(Placement.objects.all()) == [other.placement]


def test_linking_a_row_to_another_partnerships_person_is_refused(samen, other):
    with scopes_disabled():
        placement = Placement.objects.get(pk=samen.placement.pk)
        placement.mentor = other.people["mentor"]
        with pytest.raises(ValidationError, match="ander partnerschap"):
            placement.save()
        placement.refresh_from_db()
        assert placement.mentor == samen.people["mentor"]


def test_people_are_per_partnership_even_for_one_account(samen, other):
    user = samen.users["io"]
    with scopes_disabled():
        Person.objects.create(
            partnership=other.partnership, user=user, first_name="Io", last_name="Dubbel"
        )
    with samen.scope():
        assert Person.objects.filter(user=user).count() == 1
    with other.scope():
        assert Person.objects.get(user=user).last_name == "Dubbel"
