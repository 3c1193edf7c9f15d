"""The startgesprek's move onto the questionnaire engine (0008_placement_forms), on rows shaped
as they were before it."""

import datetime as dt

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("placements", "0007_capacity_requests_matching")]
AFTER = [("placements", "0008_placement_forms")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    apps = {app for app, _name in targets}
    others = [node for node in executor.loader.graph.leaf_nodes() if node[0] not in apps]
    return executor.loader.project_state(targets + others).apps


def migrate_to_latest():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_start_forms_become_engine_responses_with_the_same_answers(transactional_db):
    try:
        old = migrate(BEFORE)
        partnership = old.get_model("partnerships", "Partnership").objects.create(
            name="Oud", slug="oud", sector="po"
        )
        organisation = old.get_model("partnerships", "Organisation").objects.create(
            name="Stichting Oud", kind="board"
        )
        board = old.get_model("partnerships", "Partner").objects.create(
            partnership=partnership, organisation=organisation, joined_on=dt.date(2020, 8, 1)
        )
        school = old.get_model("partnerships", "School").objects.create(
            partnership=partnership, board=board, name="De Oude School", place="Ede", sector="po"
        )
        Person = old.get_model("roles", "Person")
        student, mentor, io, other = (
            Person.objects.create(
                partnership=partnership, first_name=name, last_name="Oud", email=f"{name}@oud.nl"
            )
            for name in ("Stu", "Men", "Io", "Leeg")
        )
        Placement = old.get_model("placements", "Placement")

        def placement(who):
            return Placement.objects.create(
                partnership=partnership,
                student=who,
                school=school,
                mentor=mentor,
                instituutsopleider=io,
                starts_on=dt.date(2026, 9, 7),
                ends_on=dt.date(2027, 1, 29),
            )

        filled, empty = placement(student), placement(other)
        StartForm = old.get_model("placements", "StartForm")
        submitted_at = timezone.now() - dt.timedelta(days=2)
        StartForm.objects.create(
            partnership=partnership,
            placement=filled,
            learning_goals="Klassenmanagement",
            needs_from_school="Een vaste dag",
            status="submitted",
            submitted_at=submitted_at,
            updated_by=mentor,
        )
        StartForm.objects.create(partnership=partnership, placement=empty)

        new = migrate(AFTER)
        PlacementForm = new.get_model("placements", "PlacementForm")
        [form] = PlacementForm.objects.all()  # the empty draft is not carried over
        assert (form.placement_id, form.kind) == (filled.pk, "start")
        assert form.due_on == dt.date(2026, 9, 21)
        response = form.response
        assert response.status == "submitted" and response.submitted_at == submitted_at
        version = response.version
        assert version.status == "published"
        assert version.signers == ["student", "mentor", "instituutsopleider"]
        assert version.questionnaire.name == "Startgesprek (overgenomen)"
        Answer = new.get_model("questionnaires", "Answer")
        assert dict(
            Answer.objects.filter(response=response).values_list("question__key", "value")
        ) == {"leerdoelen": "Klassenmanagement", "nodig_van_school": "Een vaste dag"}

        # And back: the answers return to the StartForm's columns.
        back = migrate(BEFORE)
        [restored] = back.get_model("placements", "StartForm").objects.all()
        assert restored.placement_id == filled.pk
        assert (restored.learning_goals, restored.needs_from_school, restored.status) == (
            "Klassenmanagement",
            "Een vaste dag",
            "submitted",
        )
    finally:
        migrate_to_latest()
