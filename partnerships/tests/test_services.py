"""The rules of partnerships/services.py: the training-school path, penvoerder, import."""

import datetime as dt
import io

import openpyxl
import pytest
from django_scopes import scopes_disabled

from partnerships import services
from partnerships.models import Organisation, Partner, School, TrainingPathStep, TrainingStatus
from partnerships.resources import UPLOAD
from samen.errors import DomainError
from samen.uploads import read_upload
from tests import factories as f
from tests.fixtures import actor


def dataset_from_bytes(name, data):
    return read_upload(data, name=name, **UPLOAD)


D = dt.date


def new_school(t, **kwargs):
    with scopes_disabled():
        return f.SchoolFactory(
            partnership=t.partnership, board=t.board, training_status="none", **kwargs
        )


# --- The training-school path --------------------------------------------------------------


def test_a_school_walks_verkennend_go_nulmeting_actief(samen):
    school = new_school(samen)
    coordinator = samen.users["coordinator"]
    with samen.scope():
        services.record_training_step(
            actor(samen), school, "verkennend", D(2024, 9, 10), "schoolleider"
        )
        services.record_training_step(
            actor(samen), school, "go", D(2024, 11, 1), "bestuurder SKO", "Akkoord."
        )
        services.record_training_step(actor(samen), school, "nulmeting", D(2025, 1, 15), "CoOP'er")
        step = services.record_training_step(
            actor(samen), school, "actief", D(2025, 8, 1), "stuurgroep"
        )
        school.refresh_from_db()
        assert school.training_status == TrainingStatus.ACTIEF
        assert school.is_opleidingsschool
        assert [s.status for s in school.training_steps.all()] == [
            "verkennend",
            "go",
            "nulmeting",
            "actief",
        ]
        first = school.training_steps.first()
        assert first.recorded_by == coordinator and first.decided_by == "schoolleider"
        assert step.partnership == samen.partnership


def test_coordinator_cannot_record_go_before_verkennend_gesprek(samen):
    school = new_school(samen)
    with samen.scope():
        with pytest.raises(DomainError) as exc:
            services.record_training_step(actor(samen), school, "go", D(2024, 9, 1))
        assert "Go van het bestuur" in exc.value.message
        school.refresh_from_db()
        assert school.training_status == "none"
        assert not TrainingPathStep.objects.filter(school=school).exists()


def test_a_step_cannot_be_dated_before_the_previous_step(samen):
    school = new_school(samen)
    with samen.scope():
        services.record_training_step(actor(samen), school, "verkennend", D(2024, 9, 10))
        with pytest.raises(DomainError) as exc:
            services.record_training_step(actor(samen), school, "go", D(2024, 9, 9))
        assert "vóór de vorige stap" in exc.value.message
        school.refresh_from_db()
        assert school.training_status == "verkennend"
        assert school.training_steps.count() == 1


def test_after_a_no_go_the_school_can_start_a_new_verkennend_gesprek(samen):
    school = new_school(samen)
    with samen.scope():
        services.record_training_step(actor(samen), school, "verkennend", D(2024, 9, 10))
        services.record_training_step(actor(samen), school, "no_go", D(2024, 10, 1))
        with pytest.raises(DomainError):
            services.record_training_step(actor(samen), school, "nulmeting", D(2024, 11, 1))
        services.record_training_step(actor(samen), school, "verkennend", D(2025, 9, 1))
        school.refresh_from_db()
        assert school.training_status == "verkennend"


def test_an_unknown_step_is_refused_in_dutch(samen):
    school = new_school(samen)
    with samen.scope(), pytest.raises(DomainError, match="Onbekende stap"):
        services.record_training_step(actor(samen), school, "geheim", D(2024, 9, 1))


# --- Bulk actions --------------------------------------------------------------------------


def test_bulk_cohort_sets_every_selected_school_and_keeps_history(samen):
    a, b = new_school(samen), new_school(samen)
    with samen.scope():
        count = services.set_cohort(actor(samen), School.objects.filter(pk__in=[a.pk, b.pk]), 3)
        assert count == 2
        assert set(School.objects.filter(cohort=3).values_list("pk", flat=True)) == {a.pk, b.pk}
        assert a.history.first().cohort == 3


def test_bulk_cohort_refuses_a_fifth_cohort(samen):
    with samen.scope(), pytest.raises(DomainError):
        services.set_cohort(actor(samen), School.objects.all(), 5)


def test_bulk_academisch_marks_and_unmarks(samen):
    school = new_school(samen)
    with samen.scope():
        services.set_academisch(actor(samen), School.objects.filter(pk=school.pk), True)
        school.refresh_from_db()
        assert school.is_academisch
        services.set_academisch(actor(samen), School.objects.filter(pk=school.pk), False)
        school.refresh_from_db()
        assert not school.is_academisch


# --- Partners and the penvoerder -----------------------------------------------------------


def test_a_partnership_has_one_penvoerder_at_a_time(samen):
    with samen.scope():
        services.update_membership(
            actor(samen), samen.board, joined_on=D(2020, 8, 1), is_penvoerder=True
        )
        with pytest.raises(DomainError) as exc:
            services.update_membership(
                actor(samen), samen.institute, joined_on=D(2020, 8, 1), is_penvoerder=True
            )
        assert "al penvoerder" in exc.value.message
        samen.institute.refresh_from_db()
        assert not samen.institute.is_penvoerder


def test_a_new_penvoerder_may_follow_one_that_left(samen):
    with samen.scope():
        services.update_membership(
            actor(samen),
            samen.board,
            joined_on=D(2020, 8, 1),
            left_on=D(2023, 7, 31),
            is_penvoerder=True,
        )
        services.update_membership(
            actor(samen), samen.institute, joined_on=D(2023, 8, 1), is_penvoerder=True
        )
        samen.institute.refresh_from_db()
        assert samen.institute.is_penvoerder


def test_leaving_before_joining_is_refused(samen):
    with samen.scope(), pytest.raises(DomainError, match="vóór"):
        services.update_membership(
            actor(samen), samen.board, joined_on=D(2020, 8, 1), left_on=D(2019, 1, 1)
        )


def test_an_existing_institute_joins_as_the_same_organisation(samen, other):
    institute = other.institute.organisation
    with samen.scope():
        partner = services.add_partner(
            actor(samen), organisation=institute, joined_on=D(2022, 1, 1)
        )
    assert partner.organisation_id == institute.pk
    with scopes_disabled():
        assert institute.memberships.count() == 2


def test_an_organisation_cannot_join_the_same_partnership_twice(samen):
    with samen.scope(), pytest.raises(DomainError, match="al partner"):
        services.add_partner(
            actor(samen), organisation=samen.board.organisation, joined_on=D(2022, 1, 1)
        )


def test_a_new_organisation_is_created_with_its_membership(samen):
    with samen.scope():
        partner = services.add_partner(
            actor(samen),
            new_organisation={"name": "Stichting Nieuw", "kind": "board", "sector": "po"},
            joined_on=D(2025, 8, 1),
        )
    with scopes_disabled():
        assert Organisation.objects.get(name="Stichting Nieuw").memberships.get() == partner


# --- Import --------------------------------------------------------------------------------


def csv_bytes(*rows, header="naam,bestuur,plaats,adres,postcode,brin,sector,leerlingen"):
    return ("\n".join((header, *rows)) + "\n").encode()


def test_import_creates_every_school_of_a_good_file(samen):
    data = csv_bytes(
        "OBS Het Anker,Stichting Zonnebloem,Urk,Wijk 1,8321 AB,31AN,po,212",
        "CBS De Regenboog,stichting zonnebloem,Emmeloord,,,32RB,PO,",
    )
    with samen.scope():
        dataset = dataset_from_bytes("scholen.csv", data)
        assert services.preview_school_import(actor(samen), dataset).is_valid
        assert not School.objects.filter(name="OBS Het Anker").exists()  # preview saves nothing
        assert services.import_schools(actor(samen), dataset) == 2
        anker = School.objects.get(name="OBS Het Anker")
        assert anker.board == samen.board
        assert (anker.size, anker.brin, anker.postcode) == (212, "31AN", "8321 AB")
        assert School.objects.get(name="CBS De Regenboog").sector == "po"


def test_import_with_two_bad_rows_saves_nothing_and_names_both_rows(samen):
    data = csv_bytes(
        "OBS Het Anker,Stichting Zonnebloem,Urk,,,31AN,po,212",
        "CBS Onbekend,Stichting Bestaat Niet,Urk,,,,po,",
        "OBS De Klimop,Stichting Zonnebloem,,,,,hbo,veel",
    )
    with samen.scope():
        before = School.objects.count()
        dataset = dataset_from_bytes("scholen.csv", data)
        preview = services.preview_school_import(actor(samen), dataset)
        assert set(preview.errors) == {3, 4}
        assert any("Stichting Bestaat Niet" in e for e in preview.errors[3])
        row3 = " ".join(preview.errors[4])
        assert "hbo" in row3 and "veel" in row3 and "plaats" in row3
        with pytest.raises(DomainError, match="niets geïmporteerd"):
            services.import_schools(actor(samen), dataset)
        assert School.objects.count() == before


def test_import_refuses_a_brin_that_is_already_used(samen):
    with scopes_disabled():
        School.objects.filter(pk=samen.school.pk).update(brin="31AN")
    data = csv_bytes(
        "OBS Het Anker,Stichting Zonnebloem,Urk,,,31AN,po,",
        "OBS Twee,Stichting Zonnebloem,Urk,,,40TW,po,",
        "OBS Drie,Stichting Zonnebloem,Urk,,,40TW,po,",
    )
    with samen.scope():
        preview = services.preview_school_import(actor(samen), dataset_from_bytes("s.csv", data))
        assert set(preview.errors) == {2, 4}


def test_import_reads_xlsx(samen):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Naam", "Bestuur", "Plaats", "Sector", "Leerlingen"])
    sheet.append(["OBS Excel", "Stichting Zonnebloem", "Dronten", "po", 150])
    buffer = io.BytesIO()
    book.save(buffer)
    with samen.scope():
        dataset = dataset_from_bytes("scholen.xlsx", buffer.getvalue())
        assert services.import_schools(actor(samen), dataset) == 1
        assert School.objects.get(name="OBS Excel").size == 150


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        # The type is judged by the content, whatever the name says.
        ("scholen.xlsx", b"naam,bestuur\n", "ontbreken: plaats, sector"),
        ("scholen.pdf", b"%PDF-1.4", "geen CSV-bestand en geen Excel-werkmap"),
        ("scholen.csv", b"\xff\xfe\x00n\x00a", "UTF-8"),
        ("scholen.csv", b"naam,plaats\nX,Y\n", "ontbreken: bestuur, sector"),
        ("scholen.csv", b"x" * (2 * 1024 * 1024 + 1), "2 MB"),
    ],
)
def test_an_unreadable_upload_is_refused_with_a_dutch_message(name, data, message):
    with pytest.raises(DomainError, match=message):
        dataset_from_bytes(name, data)


def test_partner_rows_keep_their_organisation(samen):
    with samen.scope():
        assert Partner.objects.filter(organisation__kind="institute").get() == samen.institute
