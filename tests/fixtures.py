"""The test world: two partnerships, each with a person per role, a placement and a dossier.

Like healthchecks' Alice/Bob/Charlie, every test has an outsider at hand: the people of
partnership `other` must never see anything of partnership `samen`.
"""

from dataclasses import dataclass, field

import pytest
from django.utils import translation
from django_scopes import scope, scopes_disabled

from pdca.tests.pdca_world import build_pdca
from placements.models import FormKind
from quality.services import ensure_sections
from roles.models import Role

from . import factories as f


@dataclass
class Tenant:
    partnership: object
    board: object
    institute: object
    school: object
    users: dict = field(default_factory=dict)  # role key -> User
    people: dict = field(default_factory=dict)  # role key -> Person
    placement: object = None
    dossier: object = None
    leergroep: object = None  # the school's leergroep, holding the placement
    leergroep_meeting: object = None
    pdca: object = None  # the quality cycle's rows (pdca/tests/pdca_world.py)
    form_template: object = None  # the institute's hoofdfase startgesprek: a draft, one question
    capacity: object = None  # the school's capacity in `period`
    placement_request: object = None  # the student's open request for `period`
    placement_period: object = None  # the institute's period the placement belongs to
    period: object = None  # a period of the matching: the school's capacity, the request
    placement_form: object = None  # the placement's startgesprek (questionnaire engine)

    def scope(self):
        return scope(partnership=self.partnership)


ROLE_ACCOUNTS = {
    "coordinator": (Role.PROJECTCOORDINATOR, "partnership"),
    "mentor": (Role.MENTOR, "school"),
    "student": (Role.STUDENT, "institute"),
    "io": (Role.INSTITUUTSOPLEIDER, "institute"),
    "stuurgroep": (Role.STUURGROEP, "partnership"),
    "schoolopleider": (Role.SCHOOLOPLEIDER, "school"),
    "projectgroep": (Role.PROJECTGROEP, "partnership"),
}


def build_tenant(slug, name, marker):
    """One partnership with an account per role. `marker` makes its names recognisable."""
    with scopes_disabled():
        partnership = f.PartnershipFactory(slug=slug, name=name)
        board = f.PartnerFactory(partnership=partnership, organisation__name=f"Stichting {marker}")
        institute = f.PartnerFactory(
            partnership=partnership,
            organisation__name=f"Hogeschool {marker}",
            organisation__kind="institute",
        )
        school = f.SchoolFactory(partnership=partnership, board=board, name=f"School {marker}")
        tenant = Tenant(partnership, board, institute, school)
        for key, (role, scope_kind) in ROLE_ACCOUNTS.items():
            user = f.UserFactory(
                email=f"{key}@{slug}.test", first_name=key.title(), last_name=marker
            )
            person = f.PersonFactory(
                partnership=partnership,
                user=user,
                first_name=key.title(),
                last_name=f"{marker}{key}",
                email=user.email,
            )
            f.RoleAssignmentFactory(
                partnership=partnership,
                person=person,
                role=role,
                school=school if scope_kind == "school" else None,
                partner=institute if scope_kind == "institute" else None,
            )
            tenant.users[key] = user
            tenant.people[key] = person
        tenant.placement_period = f.PlacementPeriodFactory(
            partnership=partnership,
            institute=institute,
            schooljaar=2026,
            name=f"Stageperiode {marker}",
        )
        for kind in FormKind:
            f.form_template(partnership, institute, kind)
        tenant.placement = f.PlacementFactory(
            partnership=partnership,
            period=tenant.placement_period,
            school=school,
            student=tenant.people["student"],
            mentor=tenant.people["mentor"],
            instituutsopleider=tenant.people["io"],
            group=f"Groep {marker}",
        )
        tenant.placement_form = f.open_placement_form(tenant.placement, FormKind.START)
        tenant.leergroep = f.LeergroepFactory(
            partnership=partnership,
            school=school,
            leader=tenant.people["schoolopleider"],
            name=f"Leergroep {marker}",
        )
        tenant.leergroep.members.add(tenant.placement)
        tenant.leergroep_meeting = f.LeergroepMeetingFactory(
            partnership=partnership, leergroep=tenant.leergroep, topic=f"Intervisie {marker}"
        )
        tenant.form_template = f.draft_form_template(
            partnership, institute, marker, phase="hoofdfase"
        )
        # The matching's period: the school offers capacity in it and the student asks for it.
        tenant.period = f.PlacementPeriodFactory(
            partnership=partnership, institute=institute, name=f"Periode {marker}"
        )
        tenant.capacity = f.CapacityFactory(
            partnership=partnership, school=school, period=tenant.period
        )
        tenant.placement_request = f.PlacementRequestFactory(
            partnership=partnership,
            student=tenant.people["student"],
            period=tenant.period,
            learning_wishes=f"Wens {marker}",
        )
        tenant.dossier = f.DossierFactory(partnership=partnership, title=f"Reflectie {marker}")
        ensure_sections(tenant.dossier)
        tenant.dossier.sections.filter(waarborg=1).update(
            narrative=f"Het beroepsbeeld van {marker} staat centraal."
        )
        tenant.pdca = build_pdca(partnership, marker)
    return tenant


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # MFA enforcement has its own tests (roles/tests/test_mfa.py).
    settings.SAMEN_REQUIRE_MFA = False
    # Fast hashing: the fixtures create fourteen accounts per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Every test starts in Dutch, whatever language an earlier test left active.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def samen(db):
    return build_tenant("samen-test", "Partnerschap Samen Test", "Zonnebloem")


@pytest.fixture
def other(db):
    return build_tenant("andere-regio", "Andere Regio", "Kraanvogel")


@pytest.fixture
def client_for(client):
    """Log the test client in as a user: `client_for(samen.users["mentor"])`."""

    def login(user):
        client.force_login(user)
        return client

    return login


def pytest_configure(config):
    """Point Celery at the test broker before anything sends a task.

    With REDIS_URL (CI) that is the local Redis, on a queue of this run's own so that messages
    left over from other runs never reach its worker; without it, kombu's in-memory transport.
    """
    import os
    import uuid

    from samen.celery import app

    app.conf.broker_url = os.environ.get("REDIS_URL") or "memory://"
    app.conf.task_default_queue = f"samen-test-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker (Celery's own test worker, in a thread) on the test broker.

    The worker's thread opens its own database connection, hence `transactional_db`.
    """
    from celery.contrib.testing.worker import start_worker

    from samen.celery import app

    with start_worker(
        app,
        pool="solo",
        concurrency=1,
        perform_ping_check=False,
        loglevel="WARNING",
        shutdown_timeout=30,
    ) as worker:
        yield worker


def actor(tenant, who="coordinator"):
    """The samen.permissions.Access of one of the tenant's people, for calling services:
    `services.create_placement(actor(samen), …)`."""
    from roles.access import access_for

    return access_for(tenant.users[who], tenant.partnership)
