"""The public index and profiles: open to anyone, showing only published opleidingsscholen."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from partnerships.models import SchoolProfile
from tests import factories as f


def url(t, name, **kwargs):
    return reverse(
        f"partnerships:{name}", kwargs={"partnership_slug": t.partnership.slug, **kwargs}
    )


def publish(t, school=None, published=True, **fields):
    with scopes_disabled():
        return SchoolProfile.objects.create(
            partnership=t.partnership,
            school=school or t.school,
            is_published=published,
            **fields,
        )


def test_anonymous_visitor_opens_a_published_profile(samen, client):
    publish(
        samen,
        proud_of="Onze leergroep van aankomende leraren.",
        speerpunten="Begrijpend lezen",
        onderwijsconcept="Daltononderwijs",
        contact_email="info@zonnebloem.example",
    )
    response = client.get(url(samen, "public_profile", pk=samen.school.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Onze leergroep van aankomende leraren." in body
    assert "Daltononderwijs" in body and "info@zonnebloem.example" in body


def test_an_unpublished_profile_is_not_found(samen, client):
    publish(samen, published=False, speerpunten="Geheim plan")
    response = client.get(url(samen, "public_profile", pk=samen.school.pk))
    assert response.status_code == 404
    assert "Geheim plan" not in response.content.decode()


def test_a_school_without_profile_is_not_found(samen, client):
    assert client.get(url(samen, "public_profile", pk=samen.school.pk)).status_code == 404


@pytest.mark.parametrize("status", ["none", "verkennend", "go", "nulmeting", "gestopt"])
def test_a_published_profile_of_a_school_that_is_not_active_is_not_found(samen, client, status):
    publish(samen)
    with scopes_disabled():
        type(samen.school).objects.filter(pk=samen.school.pk).update(training_status=status)
    assert client.get(url(samen, "public_profile", pk=samen.school.pk)).status_code == 404
    assert "School Zonnebloem" not in client.get(url(samen, "public_index")).content.decode()


def test_another_partnerships_school_is_not_found_under_this_address(samen, other, client):
    publish(other)
    assert client.get(url(samen, "public_profile", pk=other.school.pk)).status_code == 404


def test_index_lists_published_schools_only_and_searches_speerpunten(samen, client):
    with scopes_disabled():
        hidden = f.SchoolFactory(partnership=samen.partnership, board=samen.board, name="Verborgen")
        second = f.SchoolFactory(
            partnership=samen.partnership, board=samen.board, name="OBS Klimop", place="Urk"
        )
    publish(samen, speerpunten="Wetenschap en techniek", onderwijsconcept="Jenaplan")
    publish(samen, school=second, expertise="Meertaligheid", onderwijsconcept="IPC")
    publish(samen, school=hidden, published=False, speerpunten="Wetenschap")
    response = client.get(url(samen, "public_index"))
    names = [s.name for s in response.context["page"].object_list]
    assert names == ["OBS Klimop", "School Zonnebloem"]
    found = client.get(url(samen, "public_index"), {"q": "wetenschap"})
    assert [s.name for s in found.context["page"].object_list] == ["School Zonnebloem"]
    by_concept = client.get(url(samen, "public_index"), {"concept": "IPC"})
    assert [s.name for s in by_concept.context["page"].object_list] == ["OBS Klimop"]
    by_place = client.get(url(samen, "public_index"), {"place": "Urk"})
    assert [s.name for s in by_place.context["page"].object_list] == ["OBS Klimop"]
    concepts = dict(response.context["filters"].form.fields["concept"].choices)
    assert "Jenaplan" in concepts and "IPC" in concepts


def test_index_of_another_partnership_does_not_show_this_ones_schools(samen, other, client):
    publish(samen)
    response = client.get(url(other, "public_index"))
    assert response.status_code == 200
    assert "School Zonnebloem" not in response.content.decode()


def test_the_public_home_page_leads_to_each_partnerships_school_index(client, samen, other):
    body = client.get("/").content.decode()
    assert f"/{samen.partnership.slug}/scholen/" in body
    assert f"/{other.partnership.slug}/scholen/" in body
