"""The lists cost the same number of queries with 10 rows as with 1000."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from partnerships.models import Organisation, Partner, School, SchoolProfile
from tests.queries import assert_same_queries, page_queries


def add_schools(t, n):
    with scopes_disabled():
        boards = Partner.objects.filter(partnership=t.partnership, organisation__kind="board")
        board_list = list(boards)
        schools = School.objects.bulk_create(
            School(
                partnership=t.partnership,
                board=board_list[i % len(board_list)],
                name=f"School {i:04d}",
                place=f"Plaats {i % 7}",
                sector="po",
                training_status="actief",
                cohort=i % 4 + 1,
            )
            for i in range(n)
        )
        SchoolProfile.objects.bulk_create(
            SchoolProfile(
                partnership=t.partnership,
                school=s,
                is_published=True,
                speerpunten="Lezen",
                onderwijsconcept=("Dalton", "Jenaplan", "IPC")[i % 3],
            )
            for i, s in enumerate(schools)
        )


def add_partners(t, n):
    with scopes_disabled():
        orgs = Organisation.objects.bulk_create(
            Organisation(name=f"Stichting {t.partnership.slug} {i}", kind="board") for i in range(n)
        )
        Partner.objects.bulk_create(
            Partner(partnership=t.partnership, organisation=o, joined_on=dt.date(2020, 8, 1))
            for o in orgs
        )


def add_groupings(t, n):
    """n groupings, each with a hub, three schools and a team member."""
    from partnerships.models import Grouping
    from tests.factories import PersonFactory

    add_schools(t, 3)
    with scopes_disabled():
        schools = list(School.objects.filter(partnership=t.partnership)[:3])
        person = PersonFactory(partnership=t.partnership)
        groupings = Grouping.objects.bulk_create(
            Grouping(partnership=t.partnership, kind="cluster", name=f"Cluster {i}", hub=schools[0])
            for i in range(n)
        )
        for grouping in groupings:
            grouping.schools.set(schools)
            grouping.team.set([person])


@pytest.mark.parametrize(
    ("name", "who", "grow", "params"),
    [
        ("school_list", "coordinator", add_schools, {}),
        ("school_list", "coordinator", add_schools, {"sorteer": "bestuur", "q": "school"}),
        ("partner_list", "coordinator", add_partners, {}),
        ("grouping_list", "coordinator", add_groupings, {}),
        ("public_index", None, add_schools, {}),
        ("public_index", None, add_schools, {"q": "lezen", "concept": "Dalton"}),
    ],
)
def test_list_queries_do_not_grow_with_rows(samen, client, name, who, grow, params):
    if who:
        client.force_login(samen.users[who])
    path = reverse(f"partnerships:{name}", args=[samen.partnership.slug])
    grow(samen, 10)
    page_queries(client, path, params)  # warm caches (sessions, content types)
    small = page_queries(client, path, params)
    grow(samen, 990)
    large = page_queries(client, path, params)
    print(f"{name} {params}: {len(small)} queries at 10 rows, {len(large)} at 1000")
    assert_same_queries(small, large)
