"""Every list page and its export take the same number of queries for 10 rows and for 1,000.

Generated from LISTS: one entry per list route (who looks at it, and how to add n rows).
`test_every_list_is_measured` fails when a route served by samen.lists.ListView is missing,
so a new list cannot ship without its query count.
"""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from cycle.models import ReviewMoment
from formtemplates.models import FormTemplate
from matching.models import Capacity, CapacityMentor, CapacityPlace, PlacementRequest
from network.models import Body, Certificate, ExpertiseArea
from notifications.models import Delivery, Notification
from partnerships.models import Grouping, Organisation, Partner, School, SchoolProfile
from pdca.models import DialogueSession, FollowUpAction, Gesprekskader, GesprekskaderItem, Jaarplan
from placements.models import (
    FormKind,
    Leergroep,
    LeergroepMeeting,
    Placement,
    PlacementPeriod,
)
from questionnaires.models import Questionnaire, Version
from roles.models import Person, RoleAssignment
from samen.lists import ListView
from samen.schooljaar import Schooljaar
from tests import factories as f
from tests.test_isolation import iter_routes


def _schools(t, n, **extra):
    return School.objects.bulk_create(
        School(
            partnership=t.partnership,
            board=t.board,
            name=f"School {i}",
            place="Ede",
            sector="po",
            **extra,
        )
        for i in range(n)
    )


def add_schools(t, n):
    _schools(t, n)


def add_partners(t, n):
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Stichting {i}", kind="board") for i in range(n)
    )
    Partner.objects.bulk_create(
        Partner(partnership=t.partnership, organisation=o, joined_on=dt.date(2020, 8, 1))
        for o in orgs
    )


def add_groupings(t, n):
    groupings = Grouping.objects.bulk_create(
        Grouping(partnership=t.partnership, kind="cluster", name=f"Cluster {i}") for i in range(n)
    )
    Grouping.schools.through.objects.bulk_create(
        Grouping.schools.through(grouping=g, school=t.school) for g in groupings
    )


def add_public_schools(t, n):
    schools = _schools(t, n, training_status="actief")
    SchoolProfile.objects.bulk_create(
        SchoolProfile(partnership=t.partnership, school=s, is_published=True) for s in schools
    )


def _people(t, n, role="mentor"):
    people = Person.objects.bulk_create(
        Person(
            partnership=t.partnership, first_name="P", last_name=f"Persoon {i}", email=f"p{i}@x.nl"
        )
        for i in range(n)
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(
            partnership=t.partnership,
            person=p,
            role=role,
            school=t.school,
            schooljaar_from=Schooljaar.current().start_year,
        )
        for p in people
    )
    return people


def add_people(t, n):
    _people(t, n)


def add_certificates(t, n):
    Certificate.objects.bulk_create(
        Certificate(
            partnership=t.partnership,
            person=p,
            kind="mentorentraining",
            obtained_on=dt.date(2025, 6, 1),
        )
        for p in _people(t, n)
    )


def add_experts(t, n):
    area, _ = ExpertiseArea.objects.get_or_create(partnership=t.partnership, name="Rekenen")
    Person.expertise.through.objects.bulk_create(
        Person.expertise.through(person=p, expertisearea=area) for p in _people(t, n)
    )


def add_placements(t, n):
    year = Schooljaar.current().start_year
    students = _people(t, n, role="student")
    placements = Placement.objects.bulk_create(
        Placement(
            partnership=t.partnership,
            student=s,
            school=t.school,
            mentor=t.people["mentor"],
            instituutsopleider=t.people["io"],
            starts_on=dt.date(year, 9, 1),
            ends_on=dt.date(year + 1, 1, 31),
        )
        for s in students
    )
    return placements


def add_placement_forms(t, n):
    """n placements of the IO's students, each with its startgesprek."""
    template = FormTemplate.objects.get(institute=t.institute, kind=FormKind.START, phase="")
    for placement in add_placements(t, n):
        f.open_placement_form(placement, FormKind.START, template=template)


def add_leergroepen(t, n):
    """n leergroepen led by the tenant's schoolopleider, each with a member and a meeting."""
    year = Schooljaar.current().start_year
    groups = Leergroep.objects.bulk_create(
        Leergroep(
            partnership=t.partnership,
            school=t.school,
            schooljaar=year,
            name=f"Leergroep {i}",
            leader=t.people["schoolopleider"],
        )
        for i in range(n)
    )
    Leergroep.members.through.objects.bulk_create(
        Leergroep.members.through(leergroep=g, placement=t.placement) for g in groups
    )
    LeergroepMeeting.objects.bulk_create(
        LeergroepMeeting(
            partnership=t.partnership,
            leergroep=g,
            starts_at=dt.datetime(year + 1, 3, 1, 15, tzinfo=dt.UTC),
            topic="Intervisie",
        )
        for g in groups
    )


def add_bodies(t, n):
    Body.objects.bulk_create(
        Body(partnership=t.partnership, kind="kenniskring", name=f"Kring {i}") for i in range(n)
    )


def add_moments(t, n):
    year = Schooljaar.current().start_year
    ReviewMoment.objects.bulk_create(
        ReviewMoment(
            partnership=t.partnership,
            school=t.school,
            kind="evaluatiegesprek",
            schooljaar=year,
            title=f"Evaluatiegesprek {i}",
            due_on=dt.date(year + 1, 3, 1),
        )
        for i in range(n)
    )


def add_schools_with_moments(t, n):
    year = Schooljaar.current().start_year
    today = timezone.localdate()
    ReviewMoment.objects.bulk_create(
        ReviewMoment(
            partnership=t.partnership,
            school=school,
            kind=kind,
            schooljaar=year,
            title="Moment",
            due_on=today + dt.timedelta(days=days),
            done_on=today if done else None,
        )
        for school in _schools(t, n)
        for kind, days, done in (
            ("scan", -40, True),
            ("evaluatiegesprek", -3, False),
            ("peerreview_intern", 20, False),
        )
    )


def _notifications(t, n, offset=0, **fields):
    school = ContentType.objects.get_for_model(School)
    return Notification.objects.bulk_create(
        Notification(
            partnership=t.partnership,
            kind="reviewmoment.upcoming",
            content_type=school,
            object_id=t.school.pk,
            send_on=dt.date(2020, 1, 1) + dt.timedelta(days=offset + i),
            **fields,
        )
        for i in range(n)
    )


def add_failed_notifications(t, n):
    start = Notification.objects.filter(partnership=t.partnership).count()
    _notifications(
        t,
        n,
        start,
        attempts=8,
        failed_at=timezone.now(),
        last_error="SMTPRecipientsRefused",
        failed_recipients=["Iemand <iemand@example.org>"],
    )


def add_deliveries(t, n):
    start = Notification.objects.filter(partnership=t.partnership).count()
    Delivery.objects.bulk_create(
        Delivery(
            partnership=t.partnership,
            notification=notification,
            person_id=t.people["coordinator"].pk,
            name="Coördinator",
            email="coordinator@example.org",
            subject="Herinnering",
            sent_at=timezone.now(),
        )
        for notification in _notifications(t, n, start, done_at=timezone.now())
    )


def _next_years(model, t, n):
    """n schooljaren not used yet (one Gesprekskader and one jaarplan per schooljaar)."""
    taken = max(
        model.objects.filter(partnership=t.partnership).values_list("schooljaar", flat=True)
    )
    return range(taken + 1, taken + 1 + n)


def add_kaders(t, n):
    kaders = Gesprekskader.objects.bulk_create(
        Gesprekskader(partnership=t.partnership, schooljaar=y)
        for y in _next_years(Gesprekskader, t, n)
    )
    GesprekskaderItem.objects.bulk_create(
        GesprekskaderItem(partnership=t.partnership, kader=k, waarborg=1, theme="T", text="Item")
        for k in kaders
    )


def add_jaarplannen(t, n):
    Jaarplan.objects.bulk_create(
        Jaarplan(partnership=t.partnership, schooljaar=y, title=f"Jaarplan {y}")
        for y in _next_years(Jaarplan, t, n)
    )


def add_sessions(t, n):
    sessions = DialogueSession.objects.bulk_create(
        DialogueSession(
            partnership=t.partnership,
            held_on=dt.date(2025, 10, 1),
            schooljaar=2025,
            title=f"Sessie {i}",
            context="netwerkbijeenkomst",
        )
        for i in range(n)
    )
    DialogueSession.participants.through.objects.bulk_create(
        DialogueSession.participants.through(dialoguesession=s, person=t.people["schoolopleider"])
        for s in sessions
    )


def add_actions(t, n):
    FollowUpAction.objects.bulk_create(
        FollowUpAction(
            partnership=t.partnership,
            schooljaar=2025,
            waarborg=1 + i % 4,
            title=f"Actie {i}",
            owner=t.people["mentor"],
            due_on=dt.date(2026, 3, 1),
        )
        for i in range(n)
    )


def add_form_templates(t, n):
    """n startgesprek templates, one per institute (the combination is unique), half of them
    published and half a draft."""
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Hogeschool {i}", kind="institute") for i in range(n)
    )
    institutes = Partner.objects.bulk_create(
        Partner(partnership=t.partnership, organisation=o, joined_on=dt.date(2020, 8, 1))
        for o in orgs
    )
    questionnaires = Questionnaire.objects.bulk_create(
        Questionnaire(partnership=t.partnership, name=f"Startgesprek {i}") for i in range(n)
    )
    Version.objects.bulk_create(
        Version(
            partnership=t.partnership,
            questionnaire=q,
            number=1,
            status="published" if i % 2 else "draft",
        )
        for i, q in enumerate(questionnaires)
    )
    FormTemplate.objects.bulk_create(
        FormTemplate(partnership=t.partnership, institute=p, kind="start", questionnaire=q)
        for p, q in zip(institutes, questionnaires, strict=True)
    )


def add_capacities(t, n):
    """n schools with capacity in a new period each, with a place line and a mentor offer."""
    schools = _schools(t, n, training_status="actief")
    period = PlacementPeriod.objects.create(
        partnership=t.partnership,
        institute=t.institute,
        schooljaar=Schooljaar.current().start_year,
        name=f"Periode {len(schools)}-{PlacementPeriod.objects.count()}",
        programme="pabo_voltijd",
        study_year=2,
        phase="hoofdfase",
        starts_on=dt.date(Schooljaar.current().start_year, 9, 7),
        ends_on=dt.date(Schooljaar.current().start_year + 1, 1, 29),
        days_per_week=2,
    )
    capacities = Capacity.objects.bulk_create(
        Capacity(partnership=t.partnership, school=s, period=period) for s in schools
    )
    CapacityPlace.objects.bulk_create(
        CapacityPlace(partnership=t.partnership, capacity=c, group="groep 5", places=2)
        for c in capacities
    )
    CapacityMentor.objects.bulk_create(
        CapacityMentor(partnership=t.partnership, capacity=c, person=t.people["mentor"])
        for c in capacities
    )


def add_requests(t, n):
    students = _people(t, n, role="student")
    PlacementRequest.objects.bulk_create(
        PlacementRequest(partnership=t.partnership, student=s, period=t.period, subject="groep 5")
        for s in students
    )


# route -> (who looks, how to add n rows)
LISTS = {
    "partnerships:school_list": ("coordinator", add_schools),
    "partnerships:partner_list": ("coordinator", add_partners),
    "partnerships:grouping_list": ("coordinator", add_groupings),
    "partnerships:public_index": (None, add_public_schools),
    "roles:person_list": ("coordinator", add_people),
    "network:certificate_list": ("coordinator", add_certificates),
    "network:expertise_directory": ("mentor", add_experts),
    "network:body_list": ("mentor", add_bodies),
    "placements:list": ("coordinator", add_placements),
    # The coordinator's list of forms (with their next signer: one query for the page).
    "placementforms:list": ("coordinator", add_placement_forms),
    # The students see their own leergroepen through their placements (an OWN subquery).
    "placements:leergroep_list": ("student", add_leergroepen),
    "cycle:moments": ("schoolopleider", add_moments),
    # Each school with a moment done, one overdue and one soon: the light's counts are
    # annotations of the same query.
    "cycle:school_quality_list": ("coordinator", add_schools_with_moments),
    "pdca:gesprekskaders": ("projectgroep", add_kaders),
    "pdca:jaarplannen": ("stuurgroep", add_jaarplannen),
    # A participant reads the sessions they took part in (an OWN subquery through the M2M).
    "pdca:dialogues": ("schoolopleider", add_sessions),
    "pdca:actions": ("projectgroep", add_actions),
    "formtemplates:list": ("coordinator", add_form_templates),
    "matching:capacity_list": ("coordinator", add_capacities),
    "matching:request_list": ("coordinator", add_requests),
    "notifications:failed": ("coordinator", add_failed_notifications),
    "notifications:deliveries": ("coordinator", add_deliveries),
}


def test_every_list_is_measured():
    from django.urls import resolve

    lists = set()
    for route, name in iter_routes():
        if not route.startswith("<slug:partnership_slug>/"):
            continue
        match = resolve(reverse(name, kwargs=_dummy_kwargs(route)))
        view_class = getattr(match.func, "view_class", None)
        if view_class is not None and issubclass(view_class, ListView):
            lists.add(name)
    assert lists == set(LISTS)


def _dummy_kwargs(route):
    kwargs = {"partnership_slug": "x"}
    for part in (
        "pk",
        "membership_pk",
        "meeting_pk",
        "assignment_pk",
        "waarborg",
        "section_pk",
        "question_pk",
        "number",
        "request_pk",
        "year",
        "month",
    ):
        if f"<int:{part}>" in route:
            kwargs[part] = 1
    if "<slug:role>" in route:
        kwargs["role"] = "mentor"
    if "<slug:picker>" in route:
        kwargs["picker"] = "school"
    if "<str:token>" in route:
        kwargs["token"] = "x"
    if "<slug:kind>" in route:
        kwargs["kind"] = "kritische_reflectie"
    return kwargs


def _count(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


CASES = [
    (name, params)
    for name in sorted(LISTS)
    for params in ({}, {"export": "csv"})
    if not (name == "partnerships:public_index" and params)  # it has no download
]


@pytest.mark.parametrize(
    ("name", "params"), CASES, ids=[f"{n}-{'export' if p else 'page'}" for n, p in CASES]
)
def test_a_list_takes_as_many_queries_for_1000_rows_as_for_10(samen, client, name, params):
    who, add = LISTS[name]
    if who is not None:
        client.force_login(samen.users[who])
    url = reverse(name, kwargs={"partnership_slug": samen.partnership.slug})
    with scopes_disabled():
        add(samen, 10)
    _count(client, url, params)  # warm caches (sessions, content types), reading a download
    few = _count(client, url, params)
    with scopes_disabled():
        add(samen, 990)
    many = _count(client, url, params)
    assert many == few, f"{name} {params}: {few} queries at 10 rows, {many} at 1,000"
