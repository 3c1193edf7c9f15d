"""Expertise in beeld: the directory every member searches, and the areas coordinators keep."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from network import services
from network.models import ExpertiseArea
from roles.models import Person, Role, RoleAssignment
from samen.errors import DomainError
from samen.schooljaar import Schooljaar
from tests.fixtures import actor
from tests.queries import assert_same_queries, page_queries

pytestmark = pytest.mark.django_db


def url(t, name, **kwargs):
    return reverse(f"network:{name}", kwargs={"partnership_slug": t.partnership.slug, **kwargs})


def area(t, name):
    with scopes_disabled():
        return ExpertiseArea.objects.create(partnership=t.partnership, name=name)


@pytest.fixture
def directory(samen):
    rekenen, jonge_kind = area(samen, "Rekenen"), area(samen, "Jonge kind")
    with scopes_disabled():
        samen.people["schoolopleider"].expertise.add(rekenen)
        samen.people["io"].expertise.add(rekenen, jonge_kind)
    return {"rekenen": rekenen, "jonge_kind": jonge_kind}


def listed(client, t, query=""):
    response = client.get(url(t, "expertise_directory") + query)
    assert response.status_code == 200
    return {p.last_name for p in response.context["page"].object_list}


# --- services ------------------------------------------------------------------------------


def test_an_expertise_area_name_is_unique_in_a_partnership_whatever_its_case(samen, other):
    with samen.scope():
        services.save_area(actor(samen), name="Rekenen")
        with pytest.raises(DomainError, match="‘rekenen’ bestaat al"):
            services.save_area(actor(samen), name=" rekenen ")
    with other.scope():
        services.save_area(actor(other), name="Rekenen")  # another partnership


def test_renaming_an_area_to_its_own_name_is_allowed_but_not_to_another(samen):
    with samen.scope():
        rekenen = services.save_area(actor(samen), name="Rekenen")
        services.save_area(actor(samen), name="Taal")
        services.save_area(actor(samen), name="Rekenen en wiskunde", area=rekenen)
        with pytest.raises(DomainError):
            services.save_area(actor(samen), name="taal", area=rekenen)
        assert ExpertiseArea.objects.get(pk=rekenen.pk).name == "Rekenen en wiskunde"


def test_a_person_cannot_get_an_area_of_another_partnership(samen, other):
    foreign = area(other, "Rekenen")
    with scopes_disabled(), pytest.raises(DomainError):
        services.set_expertise(actor(samen), samen.people["mentor"], [foreign])


def test_deleting_an_area_removes_it_from_everyone(samen, directory):
    with samen.scope():
        services.delete_area(actor(samen), directory["rekenen"])
        assert list(samen.people["io"].expertise.all()) == [directory["jonge_kind"]]


# --- the directory -------------------------------------------------------------------------


def test_a_mentor_finds_colleagues_by_expertise_area_or_by_name(samen, client_for, directory):
    client = client_for(samen.users["mentor"])
    assert listed(client, samen) == {"Zonnebloemschoolopleider", "Zonnebloemio"}
    assert listed(client, samen, f"?gebied={directory['jonge_kind'].pk}") == {"Zonnebloemio"}
    assert listed(client, samen, "?q=rekenen") == {"Zonnebloemschoolopleider", "Zonnebloemio"}
    assert listed(client, samen, "?q=schoolopleider") == {"Zonnebloemschoolopleider"}
    assert listed(client, samen, "?q=io+jonge") == {"Zonnebloemio"}
    assert listed(client, samen, "?q=onbekend") == set()


def test_the_directory_shows_areas_roles_and_schools(samen, client_for, directory):
    html = client_for(samen.users["student"]).get(url(samen, "expertise_directory")).content
    html = html.decode()
    assert "Rekenen" in html and "Jonge kind" in html
    assert "Schoolopleider" in html and "School Zonnebloem" in html
    assert "Expertisegebieden beheren" not in html


def test_the_directory_never_shows_another_partnerships_people(samen, other, client_for):
    foreign = area(other, "Rekenen")
    with scopes_disabled():
        other.people["mentor"].expertise.add(foreign)
    assert listed(client_for(samen.users["coordinator"]), samen) == set()


def test_only_coordinators_manage_areas_and_a_persons_expertise(samen, client_for, directory):
    pk = directory["rekenen"].pk
    person = samen.people["io"].pk  # somebody else's expertise
    for who in ("mentor", "stuurgroep", "schoolopleider"):
        client = client_for(samen.users[who])
        assert client.get(url(samen, "expertise_areas")).status_code == 404
        assert client.get(url(samen, "expertise_area_edit", pk=pk)).status_code == 404
        assert client.post(url(samen, "expertise_area_delete", pk=pk)).status_code == 404
        assert client.get(url(samen, "expertise_person", pk=person)).status_code == 404


def test_everyone_chooses_their_own_expertise(samen, client_for, directory):
    mentor = samen.people["mentor"]
    client = client_for(samen.users["mentor"])
    page = client.get(url(samen, "expertise_directory"))
    own = url(samen, "expertise_person", pk=mentor.pk)
    assert own in page.content.decode()  # "Mijn expertise"
    response = client.post(own, {"areas": [directory["rekenen"].pk]})
    assert response.status_code == 302
    with samen.scope():
        assert list(mentor.expertise.all()) == [directory["rekenen"]]


def test_coordinator_adds_renames_and_deletes_areas(samen, client_for):
    client = client_for(samen.users["coordinator"])
    client.post(url(samen, "expertise_areas"), {"name": "Praktijkonderzoek"})
    response = client.post(url(samen, "expertise_areas"), {"name": "praktijkonderzoek"})
    assert "bestaat al" in response.content.decode()
    with samen.scope():
        created = ExpertiseArea.objects.get()
    client.post(url(samen, "expertise_area_edit", pk=created.pk), {"name": "Onderzoek"})
    with samen.scope():
        assert ExpertiseArea.objects.get().name == "Onderzoek"
    delete = url(samen, "expertise_area_delete", pk=created.pk)
    assert "‘Onderzoek’ verwijderen?" in client.post(delete).content.decode()  # asks first
    with samen.scope():
        assert ExpertiseArea.objects.exists()
    client.post(delete, {"confirm": "1"})
    with samen.scope():
        assert not ExpertiseArea.objects.exists()


def test_coordinator_adds_and_removes_areas_on_a_person(samen, client_for, directory):
    client = client_for(samen.users["coordinator"])
    io = samen.people["io"]
    response = client.post(
        url(samen, "expertise_person", pk=io.pk), {"areas": [directory["rekenen"].pk]}
    )
    assert response.status_code == 302
    with samen.scope():
        assert list(io.expertise.all()) == [directory["rekenen"]]


def test_the_directory_needs_the_same_number_of_queries_for_10_and_1000_people(samen, client_for):
    areas = [area(samen, name) for name in ("Rekenen", "Taal", "Jonge kind")]

    def add(n, offset):
        with scopes_disabled():
            people = Person.objects.bulk_create(
                Person(partnership=samen.partnership, first_name="Expert", last_name=f"N{i}")
                for i in range(offset, offset + n)
            )
            Person.expertise.through.objects.bulk_create(
                Person.expertise.through(person_id=p.pk, expertisearea_id=a.pk)
                for p in people
                for a in areas[: 1 + p.pk % 3]
            )
            RoleAssignment.objects.bulk_create(
                RoleAssignment(
                    partnership=samen.partnership,
                    person=p,
                    role=Role.MENTOR,
                    school=samen.school,
                    schooljaar_from=Schooljaar.current().start_year,
                )
                for p in people
            )

    client = client_for(samen.users["mentor"])

    def count(query):
        return page_queries(client, url(samen, "expertise_directory") + query)

    add(10, 0)
    count(f"?gebied={areas[0].pk}&q=expert")  # warm caches (sessions, content types)
    few = count(f"?gebied={areas[0].pk}&q=expert")
    add(990, 10)
    many = count(f"?gebied={areas[0].pk}&q=expert")
    print(f"\nexpertise directory queries: 10 people={len(few)}, 1000 people={len(many)}")
    assert_same_queries(few, many)
