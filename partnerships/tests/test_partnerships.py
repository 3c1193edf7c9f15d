import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django_scopes import scopes_disabled

from partnerships.models import Partnership, School
from tests import factories as f


@pytest.mark.django_db
def test_a_partnership_cannot_take_a_reserved_address():
    p = Partnership(name="Accounts", slug="accounts", sector="po")
    with pytest.raises(ValidationError) as exc:
        p.full_clean()
    assert "gereserveerd" in str(exc.value)


def test_an_institute_is_one_organisation_in_several_partnerships(samen, other):
    with scopes_disabled():
        institute = samen.institute.organisation
        f.PartnerFactory(partnership=other.partnership, organisation=institute)
        assert institute.memberships.count() == 2


def test_brin_is_unique_within_a_partnership_but_not_across(samen, other):
    with scopes_disabled():
        f.SchoolFactory(partnership=samen.partnership, board=samen.board, brin="12AB")
        f.SchoolFactory(partnership=other.partnership, board=other.board, brin="12AB")
        with pytest.raises(IntegrityError):
            f.SchoolFactory(partnership=samen.partnership, board=samen.board, brin="12AB")


def test_a_school_cannot_belong_to_another_partnerships_board(samen, other):
    with scopes_disabled(), pytest.raises(ValidationError):
        School.objects.create(
            partnership=samen.partnership, board=other.board, name="X", place="Y", sector="po"
        )
