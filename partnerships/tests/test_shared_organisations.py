"""An organisation shared by partnerships: linking it changes nothing for anyone else.

Finding 9 of the security review: VO Groningen's coordinator linked SAMEN's board as a partner
of its own partnership, and SAMEN's coordinator lost the organisation's fields on the edit
page; a search listed other partnerships' organisations with their details; history rows
named other partnerships' users.
"""

import datetime as dt

from django.urls import reverse
from django_scopes import scopes_disabled

from partnerships.models import Organisation, Partner
from tests import factories as f


def url(tenant, name, **kwargs):
    return reverse(
        f"partnerships:{name}", kwargs={"partnership_slug": tenant.partnership.slug, **kwargs}
    )


def added_by(tenant, client_for, name="Stichting Gedeeld"):
    """The tenant's coordinator adds a new board organisation as a partner."""
    client_for(tenant.users["coordinator"]).post(
        url(tenant, "partner_create"),
        {"name": name, "kind": "board", "place": "Lelystad", "joined_on": "2024-08-01"},
    )
    with scopes_disabled():
        return Partner.objects.get(partnership=tenant.partnership, organisation__name=name)


def linked_by(tenant, organisation):
    with scopes_disabled():
        return f.PartnerFactory(
            partnership=tenant.partnership, organisation=organisation, joined_on=dt.date(2025, 8, 1)
        )


def test_the_partnership_that_added_it_keeps_editing_it_after_another_links_it(
    samen, other, client_for
):
    ours = added_by(samen, client_for)
    linked_by(other, ours.organisation)
    client = client_for(samen.users["coordinator"])
    page = client.get(url(samen, "partner_edit", pk=ours.pk))
    assert 'name="org-name"' in page.content.decode()
    client.post(
        url(samen, "partner_edit", pk=ours.pk),
        {"joined_on": "2024-08-01", "org-name": "Stichting Hernoemd", "org-place": "Almere"},
    )
    assert Organisation.objects.get(pk=ours.organisation_id).name == "Stichting Hernoemd"


def test_a_partnership_that_linked_it_cannot_change_it(samen, other, client_for):
    ours = added_by(samen, client_for)
    theirs = linked_by(other, ours.organisation)
    client = client_for(other.users["coordinator"])
    page = client.get(url(other, "partner_edit", pk=theirs.pk))
    assert 'name="org-name"' not in page.content.decode()
    assert "bijgehouden door het partnerschap dat haar heeft toegevoegd" in page.content.decode()
    client.post(
        url(other, "partner_edit", pk=theirs.pk),
        {"joined_on": "2025-08-01", "org-name": "Gekaapt", "org-place": "Nergens"},
    )
    organisation = Organisation.objects.get(pk=ours.organisation_id)
    assert (organisation.name, organisation.place) == ("Stichting Gedeeld", "Lelystad")


def test_the_search_shows_only_name_and_kind_of_what_can_be_linked(samen, other, client_for):
    ours = added_by(samen, client_for, name="Stichting Zoekbaar")
    Organisation.objects.filter(pk=ours.organisation_id).update(region="Flevoland")
    client = client_for(other.users["coordinator"])
    page = client.get(url(other, "partner_create"), {"zoek": "Zoekbaar"}).content.decode()
    assert "Stichting Zoekbaar" in page and "Schoolbestuur" in page
    for detail in ("Lelystad", "Flevoland", samen.partnership.name):
        assert detail not in page
    # Two letters list nothing: a search is for linking one organisation, not browsing.
    assert (
        "Stichting Zoekbaar"
        not in client.get(url(other, "partner_create"), {"zoek": "Zo"}).content.decode()
    )


def test_only_a_coordinator_for_the_whole_partnership_searches_organisations(samen, client_for):
    with scopes_disabled():
        user = f.UserFactory()
        person = f.PersonFactory(partnership=samen.partnership, user=user)
        f.RoleAssignmentFactory(
            partnership=samen.partnership, person=person, role="cooper", partner=samen.board
        )
    response = client_for(user).get(url(samen, "partner_create"), {"zoek": "Stichting"})
    assert response.status_code == 404


def test_the_history_names_no_user_of_another_partnership(samen, other, client_for):
    ours = added_by(other, client_for, name="Stichting Historie")  # maintained by `other`
    mine = linked_by(samen, ours.organisation)
    client_for(other.users["coordinator"]).post(
        url(other, "partner_edit", pk=ours.pk),
        {"joined_on": "2024-08-01", "org-name": "Stichting Historie Hernoemd"},
    )
    page = client_for(samen.users["coordinator"]).get(url(samen, "partner_detail", pk=mine.pk))
    body = page.content.decode()
    assert "Stichting Historie Hernoemd" in body  # the change is visible…
    assert str(other.users["coordinator"]) not in body  # …but not who made it
    assert "iemand buiten dit partnerschap" in body
