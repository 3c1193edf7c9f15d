"""Professionalisation: certificates, recording a training for a group, the trained overview."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from network import services
from network.models import Certificate
from roles.models import Person, Role, RoleAssignment
from samen.errors import DomainError
from samen.schooljaar import Schooljaar
from tests import factories as f
from tests.fixtures import actor
from tests.queries import assert_same_queries, page_queries

pytestmark = pytest.mark.django_db

MENTORENTRAINING = Certificate.Kind.MENTORENTRAINING
SO_TRAINING = Certificate.Kind.SCHOOLOPLEIDERSTRAINING


def url(t, name, **kwargs):
    return reverse(f"network:{name}", kwargs={"partnership_slug": t.partnership.slug, **kwargs})


# --- recording trainings -------------------------------------------------------------------


def test_recording_a_training_gives_every_selected_person_a_certificate(samen):
    people = [samen.people["mentor"], samen.people["schoolopleider"], samen.people["io"]]
    with samen.scope():
        result = services.record_training(
            actor(samen),
            people=people,
            kind=MENTORENTRAINING,
            name="Mentorentraining najaar",
            obtained_on=dt.date(2025, 11, 12),
        )
        assert len(result.created) == 3
        assert set(
            Certificate.objects.filter(kind=MENTORENTRAINING).values_list("person_id", flat=True)
        ) == {p.pk for p in people}


def test_recording_the_same_training_twice_records_nobody_twice(samen):
    with samen.scope():
        kwargs = dict(kind=MENTORENTRAINING, obtained_on=dt.date(2025, 11, 12))
        services.record_training(actor(samen), people=[samen.people["mentor"]], **kwargs)
        result = services.record_training(
            actor(samen), people=[samen.people["mentor"], samen.people["io"]], **kwargs
        )
        assert [c.person for c in result.created] == [samen.people["io"]]
        assert result.skipped == [samen.people["mentor"]]
        assert Certificate.objects.count() == 2


def test_a_training_needs_at_least_one_person(samen):
    with samen.scope(), pytest.raises(DomainError, match="ten minste één persoon"):
        services.record_training(
            actor(samen),
            people=[],
            kind=MENTORENTRAINING,
            obtained_on=dt.date(2025, 11, 12),
        )


def test_a_training_cannot_be_valid_until_before_it_was_obtained(samen):
    with samen.scope(), pytest.raises(DomainError, match="Geldig tot"):
        services.record_training(
            actor(samen),
            people=[samen.people["mentor"]],
            kind=MENTORENTRAINING,
            obtained_on=dt.date(2025, 11, 12),
            valid_until=dt.date(2025, 1, 1),
        )


def test_a_training_is_recorded_for_nobody_when_one_person_is_of_another_partnership(samen, other):
    with scopes_disabled():
        with pytest.raises(DomainError):
            services.record_training(
                actor(samen),
                people=[samen.people["mentor"], other.people["mentor"]],
                kind=MENTORENTRAINING,
                obtained_on=dt.date(2025, 11, 12),
            )
        assert not Certificate.objects.exists()


def test_coordinator_records_the_mentorentraining_for_several_mentors_at_once(samen, client_for):
    with scopes_disabled():
        extra = [
            f.RoleAssignmentFactory(
                partnership=samen.partnership, role=Role.MENTOR, school=samen.school
            ).person
            for _ in range(3)
        ]
    client = client_for(samen.users["coordinator"])
    page = client.get(url(samen, "training_record") + f"?rol=mentor&school={samen.school.pk}")
    html = page.content.decode()
    assert all(f'value="{p.pk}"' in html for p in extra)
    assert f'value="{samen.people["io"].pk}"' not in html  # not a mentor
    response = client.post(
        url(samen, "training_record") + "?rol=mentor",
        {
            "kind": MENTORENTRAINING,
            "name": "",
            "obtained_on": "2025-11-12",
            "valid_until": "",
            "people": [p.pk for p in extra] + [samen.people["mentor"].pk],
        },
    )
    assert response.status_code == 302
    with samen.scope():
        assert Certificate.objects.filter(kind=MENTORENTRAINING).count() == 4


def test_recording_a_training_without_people_shows_a_dutch_message(samen, client_for):
    client = client_for(samen.users["coordinator"])
    response = client.post(
        url(samen, "training_record"),
        {"kind": MENTORENTRAINING, "obtained_on": "2025-11-12"},
    )
    assert response.status_code == 200
    assert "Kies ten minste één persoon." in response.content.decode()


def test_people_of_another_partnership_cannot_be_ticked(samen, other, client_for):
    client = client_for(samen.users["coordinator"])
    response = client.post(
        url(samen, "training_record"),
        {
            "kind": MENTORENTRAINING,
            "obtained_on": "2025-11-12",
            "people": [other.people["mentor"].pk],
        },
    )
    assert response.status_code == 200
    with scopes_disabled():
        assert not Certificate.objects.exists()


def test_coordinator_adds_one_certificate(samen, client_for):
    client = client_for(samen.users["coordinator"])
    response = client.post(
        url(samen, "certificate_create"),
        {
            "person": samen.people["schoolopleider"].pk,
            "kind": SO_TRAINING,
            "name": "Basisopleiding schoolopleider",
            "obtained_on": "2024-06-01",
            "valid_until": "",
        },
    )
    assert response.status_code == 302
    with samen.scope():
        certificate = Certificate.objects.get()
    assert certificate.person == samen.people["schoolopleider"]


@pytest.mark.parametrize("who", ["mentor", "student", "stuurgroep", "schoolopleider"])
def test_only_coordinators_manage_certificates(samen, client_for, who):
    client = client_for(samen.users[who])
    assert client.get(url(samen, "certificate_list")).status_code == 404
    assert client.get(url(samen, "training_record")).status_code == 404
    assert client.get(url(samen, "certificate_create")).status_code == 404


def test_a_mentor_cannot_see_the_trained_overview(samen, client_for):
    client = client_for(samen.users["mentor"])
    assert client.get(url(samen, "training_overview")).status_code == 404


# --- the certificate list ------------------------------------------------------------------


@pytest.fixture
def certificates(samen):
    today = timezone.localdate()
    with scopes_disabled():
        other_school = f.SchoolFactory(
            partnership=samen.partnership, board=samen.board, name="OBS Elders"
        )
        elsewhere = f.RoleAssignmentFactory(
            partnership=samen.partnership,
            role=Role.MENTOR,
            school=other_school,
            person__last_name="Elders",
        ).person
        rows = {
            "valid": Certificate.objects.create(
                partnership=samen.partnership,
                person=samen.people["mentor"],
                kind=MENTORENTRAINING,
                obtained_on=today - dt.timedelta(days=100),
            ),
            "expired": Certificate.objects.create(
                partnership=samen.partnership,
                person=elsewhere,
                kind=MENTORENTRAINING,
                obtained_on=today - dt.timedelta(days=1000),
                valid_until=today - dt.timedelta(days=1),
            ),
            "so": Certificate.objects.create(
                partnership=samen.partnership,
                person=samen.people["schoolopleider"],
                kind=SO_TRAINING,
                obtained_on=today - dt.timedelta(days=10),
            ),
        }
    return rows


def _listed(client, t, query):
    response = client.get(url(t, "certificate_list") + query)
    assert response.status_code == 200
    return [c.pk for c in response.context["page"].object_list]


def test_the_certificate_list_filters_on_training_school_and_validity(
    samen, client_for, certificates
):
    client = client_for(samen.users["coordinator"])
    c = certificates
    assert set(_listed(client, samen, "")) == {c["valid"].pk, c["expired"].pk, c["so"].pk}
    assert set(_listed(client, samen, f"?training={SO_TRAINING}")) == {c["so"].pk}
    assert set(_listed(client, samen, f"?school={samen.school.pk}")) == {
        c["valid"].pk,
        c["so"].pk,
    }
    assert _listed(client, samen, "?status=verlopen") == [c["expired"].pk]
    assert set(_listed(client, samen, "?status=geldig")) == {c["valid"].pk, c["so"].pk}
    assert _listed(client, samen, "?q=elders") == [c["expired"].pk]
    assert _listed(client, samen, "?sorteer=behaald") == [
        c["expired"].pk,
        c["valid"].pk,
        c["so"].pk,
    ]


def test_the_certificate_list_exports_the_filtered_rows_as_csv_and_xlsx(
    samen, client_for, certificates
):
    client = client_for(samen.users["coordinator"])
    response = client.get(url(samen, "certificate_list") + "?status=verlopen&export=csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.getvalue().decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("Naam;E-mailadres;Training")
    assert len(lines) == 2 and "Elders" in lines[1] and lines[1].endswith("nee")
    response = client.get(url(samen, "certificate_list") + "?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    assert sheet.max_row == 4


def test_a_certificate_is_deleted_by_a_coordinator_only(samen, client_for, certificates):
    pk = certificates["so"].pk
    assert client_for(samen.users["stuurgroep"]).post(
        url(samen, "certificate_delete", pk=pk)
    ).status_code == (404)
    client = client_for(samen.users["coordinator"])
    assert (
        "Certificaat verwijderen?"
        in client.post(url(samen, "certificate_delete", pk=pk)).content.decode()
    )
    with samen.scope():
        assert Certificate.objects.filter(pk=pk).exists()
    client.post(url(samen, "certificate_delete", pk=pk), {"confirm": "1"})
    with samen.scope():
        assert not Certificate.objects.filter(pk=pk).exists()


def _add_certified_mentors(t, n, school):
    with scopes_disabled():
        people = Person.objects.bulk_create(
            Person(partnership=t.partnership, first_name="Mentor", last_name=f"Bulk {i}")
            for i in range(n)
        )
        RoleAssignment.objects.bulk_create(
            RoleAssignment(
                partnership=t.partnership,
                person=p,
                role=Role.MENTOR,
                school=school,
                schooljaar_from=Schooljaar.current().start_year,
            )
            for p in people
        )
        Certificate.objects.bulk_create(
            Certificate(
                partnership=t.partnership,
                person=p,
                kind=MENTORENTRAINING,
                obtained_on=dt.date(2024, 1, 1),
                valid_until=None if i % 3 else dt.date(2024, 12, 31),
            )
            for i, p in enumerate(people)
        )
    return people


def test_the_certificate_list_needs_the_same_number_of_queries_for_10_and_1000_certificates(
    samen, client_for
):
    client = client_for(samen.users["coordinator"])
    _add_certified_mentors(samen, 10, samen.school)
    path = url(samen, "certificate_list") + f"?school={samen.school.pk}&status=geldig"
    page_queries(client, path)  # warm caches (sessions, content types)
    few = page_queries(client, path)
    _add_certified_mentors(samen, 990, samen.school)
    many = page_queries(client, path)
    print(f"\ncertificate list queries: 10 people={len(few)}, 1000 people={len(many)}")
    assert_same_queries(few, many)


def test_the_bulk_page_needs_the_same_number_of_queries_for_10_and_1000_people(samen, client_for):
    client = client_for(samen.users["coordinator"])
    _add_certified_mentors(samen, 10, samen.school)
    path = url(samen, "training_record") + "?rol=mentor"
    page_queries(client, path)  # warm caches (sessions, content types)
    few = page_queries(client, path)
    _add_certified_mentors(samen, 490, samen.school)
    many = page_queries(client, path)
    print(f"\nbulk training page queries: 10 people={len(few)}, 500 people={len(many)}")
    assert_same_queries(few, many)


# --- the trained overview ------------------------------------------------------------------


@pytest.fixture
def hand_made(db):
    """A partnership drawn by hand, to check the overview's numbers.

    Board Noord: school A and school B. Board Zuid: school C.
    School A, mentors this schooljaar:
      anna   mentorentraining without end date          -> trained
      bram   mentorentraining expired yesterday         -> not trained
      cees   mentorentraining valid until today         -> trained
      dirk   no certificate                             -> not trained
      (oud: mentor until last schooljaar, trained       -> not active, not counted)
      (gijs: mentor for the whole board, not a school   -> not counted)
    School B, mentors: anna again (trained), eva with a schoolopleiderstraining only
      (the wrong kind) -> 1 of 2.
    School C: no mentors; schoolopleider fien with a schoolopleiderstraining -> 1 of 1.
    Board Noord counts people once: anna, bram, cees, dirk, eva -> 2 of 5 (40 %).
    Total: mentors 2 of 5 (40 %), schoolopleiders 1 of 1 (100 %).
    """
    today = timezone.localdate()
    year = Schooljaar.current().start_year
    with scopes_disabled():
        p = f.PartnershipFactory(slug="hand")
        noord = f.PartnerFactory(partnership=p, organisation__name="Noord")
        zuid = f.PartnerFactory(partnership=p, organisation__name="Zuid")
        a = f.SchoolFactory(partnership=p, board=noord, name="A")
        b = f.SchoolFactory(partnership=p, board=noord, name="B")
        c = f.SchoolFactory(partnership=p, board=zuid, name="C")
        people = {}

        def person(key, role, school=None, partner=None, years=(year, None)):
            if key not in people:
                people[key] = f.PersonFactory(partnership=p, first_name=key)
            RoleAssignment.objects.create(
                partnership=p,
                person=people[key],
                role=role,
                school=school,
                partner=partner,
                schooljaar_from=years[0],
                schooljaar_to=years[1],
            )

        def cert(key, kind, valid_until=None):
            Certificate.objects.create(
                partnership=p,
                person=people[key],
                kind=kind,
                obtained_on=today - dt.timedelta(days=400),
                valid_until=valid_until,
            )

        for key in ("anna", "bram", "cees", "dirk"):
            person(key, Role.MENTOR, school=a)
        person("oud", Role.MENTOR, school=a, years=(year - 2, year - 1))
        person("gijs", Role.MENTOR, partner=noord)
        person("anna", Role.MENTOR, school=b)
        person("eva", Role.MENTOR, school=b)
        person("fien", Role.SCHOOLOPLEIDER, school=c)
        cert("anna", MENTORENTRAINING)
        cert("bram", MENTORENTRAINING, today - dt.timedelta(days=1))
        cert("cees", MENTORENTRAINING, today)
        cert("oud", MENTORENTRAINING)
        cert("gijs", MENTORENTRAINING)
        cert("eva", SO_TRAINING)
        cert("fien", SO_TRAINING)
    return p


def _overview(partnership):
    from partnerships.models import School

    with scope(partnership=partnership):
        return services.trained_overview(
            School.objects.all(), Schooljaar.current(), timezone.localdate()
        )


def counts(row):
    return (
        row.mentors.trained,
        row.mentors.active,
        row.mentors.percentage,
        row.schoolopleiders.trained,
        row.schoolopleiders.active,
        row.schoolopleiders.percentage,
    )


@pytest.mark.dated
def test_the_trained_overview_counts_active_mentors_with_a_valid_certificate(hand_made):
    overview = _overview(hand_made)
    schools = {row.label: counts(row) for row in overview.schools}
    assert schools == {
        "A": (2, 4, 50, 0, 0, None),
        "B": (1, 2, 50, 0, 0, None),
        "C": (0, 0, None, 1, 1, 100),
    }
    boards = {row.label: counts(row) for row in overview.boards}
    assert boards == {"Noord": (2, 5, 40, 0, 0, None), "Zuid": (0, 0, None, 1, 1, 100)}
    assert counts(overview.total) == (2, 5, 40, 1, 1, 100)


@pytest.mark.dated
def test_the_trained_overview_sorts_by_percentage_with_empty_rows_last(hand_made):
    overview = _overview(hand_made)
    rows = services.sort_rows(overview.schools, "-schoolopleiders")
    assert [r.label for r in rows] == ["C", "A", "B"]
    rows = services.sort_rows(overview.schools, "mentoren")
    assert [r.label for r in rows][-1] == "C"


def test_a_schoolopleider_sees_the_overview_of_their_own_school_only(samen, client_for):
    with scopes_disabled():
        f.SchoolFactory(partnership=samen.partnership, board=samen.board, name="OBS Elders")
    response = client_for(samen.users["schoolopleider"]).get(url(samen, "training_overview"))
    assert response.status_code == 200
    assert [r.label for r in response.context["overview"].schools] == ["School Zonnebloem"]


def test_the_trained_overview_changes_when_a_training_is_recorded(samen, client_for):
    client = client_for(samen.users["coordinator"])
    before = client.get(url(samen, "training_overview")).context["overview"].total.mentors
    assert (before.trained, before.active) == (0, 1)
    client.post(
        url(samen, "training_record"),
        {
            "kind": MENTORENTRAINING,
            "obtained_on": timezone.localdate().isoformat(),
            "people": [samen.people["mentor"].pk],
        },
    )
    after = client.get(url(samen, "training_overview")).context["overview"].total.mentors
    assert (after.trained, after.active, after.percentage) == (1, 1, 100)


def test_the_trained_overview_exports_csv_and_xlsx(samen, client_for):
    client = client_for(samen.users["stuurgroep"])
    response = client.get(url(samen, "training_overview") + "?export=csv")
    lines = response.getvalue().decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("Soort;Naam;Bestuur;Mentoren actief;Mentoren getraind")
    assert lines[1].startswith("School;School Zonnebloem;")
    assert lines[-1].startswith("Totaal;Totaal;;1;0;0;1;0;0")
    response = client.get(url(samen, "training_overview") + "?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    assert sheet.cell(1, 1).value == "Soort"


def test_the_trained_overview_needs_the_same_number_of_queries_for_10_and_1000_people(
    samen, client_for
):
    client = client_for(samen.users["coordinator"])
    with scopes_disabled():
        schools = [
            f.SchoolFactory(partnership=samen.partnership, board=samen.board) for _ in range(5)
        ]
    _add_certified_mentors(samen, 10, schools[0])
    path = url(samen, "training_overview") + "?sorteer=-mentoren"
    page_queries(client, path)  # warm caches (sessions, content types)
    few = page_queries(client, path)
    for school in schools:
        _add_certified_mentors(samen, 198, school)
    with scopes_disabled():
        more_schools = [
            f.SchoolFactory(partnership=samen.partnership, board=samen.board) for _ in range(20)
        ]
    _add_certified_mentors(samen, 0, more_schools[0])
    many = page_queries(client, url(samen, "training_overview") + "?sorteer=-mentoren")
    print(f"\ntrained overview queries: 10 people={len(few)}, 1000 people/26 schools={len(many)}")
    assert_same_queries(few, many)
    overview = client.get(url(samen, "training_overview")).context["overview"]
    # 1 fixture mentor (untrained) + 1000 bulk mentors, of whom every third has expired.
    assert overview.total.mentors.active == 1001
    assert overview.total.mentors.trained == 1000 - len(range(0, 10, 3)) - 5 * len(range(0, 198, 3))
