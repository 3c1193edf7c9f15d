"""Search-as-you-type choices offer exactly what the searcher may choose, and no more.

A picker answers from a permission rule (samen.pickers), so its results differ per person:
the board's CoOP'er finds that board's schools only, a mentor finds no one to add to a
placement, and nobody finds another partnership's rows.
"""

import pytest
from django.urls import reverse

from tests.test_reach import board_cooper, second_board


def search(client, tenant, picker, text):
    url = reverse("picker", kwargs={"partnership_slug": tenant.partnership.slug, "picker": picker})
    response = client.get(url, {"picker_q": text})
    assert response.status_code == 200
    return response.content.decode()


def test_a_board_cooper_finds_only_the_boards_schools(samen, client_for):
    second_board(samen)  # "School Elders" of "Stichting Elders"
    user, _person = board_cooper(samen)
    client = client_for(user)
    for picker in ("school", "school-roles", "placement-school"):
        found = search(client, samen, picker, "School")
        assert "School Zonnebloem" in found, picker
        assert "School Elders" not in found, picker


@pytest.mark.parametrize(
    "picker",
    [
        "person",
        "placement-student",
        "placement-mentor",
        "placement-coach",
        "school-roles",
        "leergroep-school",
        "leergroep-leader",
    ],
)
def test_a_mentor_finds_nobody_to_choose(samen, client_for, picker):
    found = search(client_for(samen.users["mentor"]), samen, picker, "Zonnebloem")
    assert "Zonnebloem" not in found


def test_nobody_finds_another_partnerships_people(samen, other, client_for):
    found = search(client_for(samen.users["coordinator"]), samen, "person", "Kraanvogel")
    assert "Kraanvogel" not in found
    assert "Niets gevonden" in found


def test_an_unknown_picker_is_not_found(samen, client_for):
    url = reverse("picker", kwargs={"partnership_slug": samen.partnership.slug, "picker": "geheim"})
    assert client_for(samen.users["coordinator"]).get(url).status_code == 404


def test_a_chosen_row_outside_the_pickers_rule_is_refused_by_the_form(samen, client_for):
    """The picker's query is the form's: a forged school id of another board is invalid."""
    _board, elsewhere = second_board(samen)
    user, person = board_cooper(samen)
    response = client_for(user).post(
        reverse(
            "roles:assignment_create",
            kwargs={"partnership_slug": samen.partnership.slug, "pk": person.pk},
        ),
        {"role": "mentor", "scope_kind": "school", "school": elsewhere.pk, "schooljaar_from": 2026},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["school"]


def test_the_cluster_to_grant_a_role_in_is_searched_within_the_partnership(
    samen, other, client_for
):
    """The role form's "cluster of netwerk" is a picker: the coordinator finds the partnership's
    own cluster by name, never another partnership's, and a mentor finds none."""
    from django_scopes import scopes_disabled

    from partnerships.models import Grouping

    with scopes_disabled():
        Grouping.objects.create(partnership=samen.partnership, kind="cluster", name="Cluster Oost")
        Grouping.objects.create(partnership=other.partnership, kind="cluster", name="Cluster West")
    coordinator = client_for(samen.users["coordinator"])
    found = search(coordinator, samen, "grouping-roles", "Cluster")
    assert "Cluster Oost" in found
    assert "Cluster West" not in found
    assert "Cluster Oost" not in search(
        client_for(samen.users["mentor"]), samen, "grouping-roles", "Cluster"
    )
