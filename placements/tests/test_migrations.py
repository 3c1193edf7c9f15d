"""The startgesprek's move onto the questionnaire engine (0008_placement_forms), on rows shaped
as they were before it."""

import datetime as dt

from django.utils import timezone

from tests.migrations import migrate

BEFORE = [("placements", "0007_capacity_requests_matching")]
AFTER = [("placements", "0008_placement_forms")]


def test_start_forms_become_engine_responses_with_the_same_answers(scratch_db):
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
    assert dict(Answer.objects.filter(response=response).values_list("question__key", "value")) == {
        "leerdoelen": "Klassenmanagement",
        "nodig_van_school": "Een vaste dag",
    }

    # And back: the answers return to the StartForm's columns.
    back = migrate(BEFORE)
    [restored] = back.get_model("placements", "StartForm").objects.all()
    assert restored.placement_id == filled.pk
    assert (restored.learning_goals, restored.needs_from_school, restored.status) == (
        "Klassenmanagement",
        "Een vaste dag",
        "submitted",
    )


MOVE_BEFORE = [("placements", "0008_placement_forms")]
MOVE_AFTER = [
    ("matching", "0001_initial"),
    ("formtemplates", "0001_initial"),
    ("placementforms", "0001_initial"),
]


def _old_world(old):
    """A partnership with a period, a placement, its capacity, a request matched to it, a
    form template and a startgesprek with a reminder pointing at it — in the old tables."""
    partnership = old.get_model("partnerships", "Partnership").objects.create(
        name="Verhuis", slug="verhuis", sector="po"
    )
    Organisation = old.get_model("partnerships", "Organisation")
    Partner = old.get_model("partnerships", "Partner")
    board = Partner.objects.create(
        partnership=partnership,
        organisation=Organisation.objects.create(name="Stichting Verhuis", kind="board"),
        joined_on=dt.date(2020, 8, 1),
    )
    institute = Partner.objects.create(
        partnership=partnership,
        organisation=Organisation.objects.create(name="Hogeschool Verhuis", kind="institute"),
        joined_on=dt.date(2020, 8, 1),
    )
    school = old.get_model("partnerships", "School").objects.create(
        partnership=partnership, board=board, name="De Verhuisdoos", place="Ede", sector="po"
    )
    Person = old.get_model("roles", "Person")
    student, mentor, io = (
        Person.objects.create(
            partnership=partnership, first_name=n, last_name="V", email=f"{n}@v.nl"
        )
        for n in ("Stu", "Men", "Io")
    )
    period = old.get_model("placements", "PlacementPeriod").objects.create(
        partnership=partnership,
        institute=institute,
        schooljaar=2026,
        name="Najaar",
        programme="pabo_voltijd",
        study_year=2,
        phase="hoofdfase",
        starts_on=dt.date(2026, 9, 7),
        ends_on=dt.date(2027, 1, 29),
        days_per_week=2,
    )
    placement = old.get_model("placements", "Placement").objects.create(
        partnership=partnership,
        student=student,
        school=school,
        mentor=mentor,
        instituutsopleider=io,
        period=period,
        starts_on=period.starts_on,
        ends_on=period.ends_on,
        status="bevestigd",
    )
    capacity = old.get_model("placements", "Capacity").objects.create(
        partnership=partnership, school=school, period=period, notes="Twee groepen"
    )
    old.get_model("placements", "CapacityPlace").objects.create(
        partnership=partnership, capacity=capacity, group="Groep 5/6", places=2, duo_possible=True
    )
    old.get_model("placements", "CapacityMentor").objects.create(
        partnership=partnership, capacity=capacity, person=mentor, places=1
    )
    request = old.get_model("placements", "PlacementRequest").objects.create(
        partnership=partnership,
        student=student,
        period=period,
        learning_wishes="Rekenen",
        status="matched",
        placement=placement,
    )
    questionnaire = old.get_model("questionnaires", "Questionnaire").objects.create(
        partnership=partnership, name="Startgesprek Verhuis"
    )
    version = old.get_model("questionnaires", "Version").objects.create(
        partnership=partnership, questionnaire=questionnaire, number=1, status="published"
    )
    template = old.get_model("placements", "FormTemplate").objects.create(
        partnership=partnership, institute=institute, kind="start", questionnaire=questionnaire
    )
    response = old.get_model("questionnaires", "Response").objects.create(
        partnership=partnership, version=version
    )
    form = old.get_model("placements", "PlacementForm").objects.create(
        partnership=partnership,
        placement=placement,
        kind="start",
        response=response,
        due_on=dt.date(2026, 9, 21),
    )
    ContentType = old.get_model("contenttypes", "ContentType")
    form_type, _ = ContentType.objects.get_or_create(app_label="placements", model="placementform")
    notification = old.get_model("notifications", "Notification").objects.create(
        partnership=partnership,
        kind="placementform.due",
        content_type=form_type,
        object_id=form.pk,
        send_on=dt.date(2026, 9, 18),
    )
    return {
        "capacity": capacity.pk,
        "request": request.pk,
        "template": template.pk,
        "form": form.pk,
        "placement": placement.pk,
        "notification": notification.pk,
        "form_type": form_type.pk,
    }


def test_moving_capacity_requests_templates_and_forms_to_their_apps_keeps_every_row(
    scratch_db,
):
    """placements 0009 and the new apps' 0001: the rows stay where they are (the tables are
    renamed), the content types move along, and a reminder's generic target still resolves —
    forward and back."""
    ids = _old_world(migrate(MOVE_BEFORE))

    new = migrate(MOVE_AFTER)
    capacity = new.get_model("matching", "Capacity").objects.get(pk=ids["capacity"])
    assert capacity.notes == "Twee groepen" and capacity.period.name == "Najaar"
    assert [(p.group, p.places, p.duo_possible) for p in capacity.places.all()] == [
        ("Groep 5/6", 2, True)
    ]
    assert [m.person.first_name for m in capacity.mentors.all()] == ["Men"]
    request = new.get_model("matching", "PlacementRequest").objects.get(pk=ids["request"])
    assert (request.learning_wishes, request.placement_id) == ("Rekenen", ids["placement"])
    template = new.get_model("formtemplates", "FormTemplate").objects.get(pk=ids["template"])
    assert template.questionnaire.name == "Startgesprek Verhuis"
    form = new.get_model("placementforms", "PlacementForm").objects.get(pk=ids["form"])
    assert (form.placement_id, form.kind, form.due_on) == (
        ids["placement"],
        "start",
        dt.date(2026, 9, 21),
    )
    # The reminder still points at the form, through the content type that moved with it.
    notification = new.get_model("notifications", "Notification").objects.get(
        pk=ids["notification"]
    )
    assert notification.content_type_id == ids["form_type"]
    assert (notification.content_type.app_label, notification.content_type.model) == (
        "placementforms",
        "placementform",
    )
    ContentType = new.get_model("contenttypes", "ContentType")
    assert not ContentType.objects.filter(
        app_label="placements", model__in=["capacity", "placementrequest", "placementform"]
    ).exists()

    # And back: the rows are in the old tables again, the content type with them.
    back = migrate(MOVE_BEFORE)
    assert back.get_model("placements", "Capacity").objects.get(pk=ids["capacity"]).notes
    assert back.get_model("placements", "PlacementForm").objects.filter(pk=ids["form"]).exists()
    assert back.get_model("placements", "FormTemplate").objects.count() == 1
    moved_back = back.get_model("contenttypes", "ContentType").objects.get(pk=ids["form_type"])
    assert moved_back.app_label == "placements"
