"""The test world: two partnerships, each with a person per role, a placement and a dossier.

Like healthchecks' Alice/Bob/Charlie, every test has an outsider at hand: the people of
partnership `other` must never see anything of partnership `samen`.

The world is built once per test process (each xdist worker), at the world day
(tests/clock.py), and committed into that process's test database; every `db` test rolls back
to it, so it is there for every `db` test, whether the test asks for it or not. `samen` and
`other` hand each test a deep copy of the built tenants (as Django's TestData does for
setUpTestData), so what a test changes in memory never reaches the next. A transactional test
(`transactional_db`, `live_server`, `celery_worker`) starts from an empty database, and gets a
world built inside it when it asks for `samen` or `other`. docs/testing.md tells the whole
story.
"""

import os
import pickle
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.utils import translation
from django_scopes import scope, scopes_disabled

from pdca.tests.pdca_world import build_pdca
from placements.models import FormKind
from quality.services import ensure_sections
from roles.models import Role

from . import clock, databases
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


#: The world's tenants: fixture name -> (slug, name, marker).
WORLD = {
    "samen": ("samen-test", "Partnerschap Samen Test", "Zonnebloem"),
    "other": ("andere-regio", "Andere Regio", "Kraanvogel"),
}
#: Fast hashing: the world has fourteen accounts, and tests make more.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def build_world():
    """Both tenants, built on the morning of the world day with the tests' settings:
    {"samen": …, "other": …}."""
    with (
        clock.travel(clock.WORLD_BUILT),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        translation.override(django_settings.LANGUAGE_CODE),
    ):
        return {key: build_tenant(*spec) for key, spec in WORLD.items()}


def uses_world(item):
    return bool(WORLD.keys() & set(getattr(item, "fixturenames", ())))


def database_use(item):
    """None, "db" (rolls back to the session's world) or "transactional" (starts empty), as
    pytest-django decides it (its ordering runs the "db" tests first)."""
    names = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    transactional = bool(
        {"transactional_db", "live_server", "django_db_reset_sequences"} & names
        or (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
        or (marker and marker.args and marker.args[0])
    )
    if transactional:
        return "transactional"
    if marker or "db" in names:
        return "db"
    return None


class SessionWorld:
    """The world of this test process: the tenants as built, and whether their rows are what
    the test database holds now (a transactional test's flush takes them away)."""

    def __init__(self):
        self.tenants = {}
        self.snapshots = {}  # fixture name -> the built tenant, pickled
        self.in_database = False
        self.ready = False  # the test database exists (django_db_setup ran)
        self.current = None  # the test being set up

    def commit(self):
        """Builds the world and commits it; the tests roll back to this."""
        with transaction.atomic():
            self.tenants = build_world()
            # A TestCase never runs on_commit callbacks; neither does the world's build (none
            # is expected: a task sent here would reach a worker of some later test).
            assert not connection.run_on_commit, connection.run_on_commit
        self.snapshots = {
            key: pickle.dumps(tenant, pickle.HIGHEST_PROTOCOL)
            for key, tenant in self.tenants.items()
        }
        self.in_database = True

    def copy_of(self, key):
        """A deep copy of the built tenant `key`, as Django's TestData hands out class-level
        test data: unpickling the snapshot taken after the build makes the same independent
        copy as copy.deepcopy, ten times faster (0.7 ms against 7 ms a tenant)."""
        return pickle.loads(self.snapshots[key])

    def commit_afresh(self):
        """Commits the world into a test database that may hold one of an earlier run."""
        from partnerships.models import Partnership

        if Partnership._base_manager.exists():
            self.flush()
        self.commit()

    def load(self, snapshots):
        """The world another worker committed into the database this one cloned."""
        self.snapshots = snapshots
        self.tenants = {key: pickle.loads(data) for key, data in snapshots.items()}
        self.in_database = True

    def flush(self):
        """Empties the test database, as TransactionTestCase does after each test."""
        call_command("flush", verbosity=0, interactive=False, database="default")
        self.in_database = False

    def prepare(self, item):
        """The database as `item` expects it: the world for a "db" test, empty for a
        transactional one."""
        use = database_use(item)
        if use == "db" and not self.in_database:
            self.commit()
        elif use == "transactional" and self.in_database:
            self.flush()


session_world = SessionWorld()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    session_world.current = item
    if session_world.ready and database_use(item):
        with item.config.stash[_blocker_key()].unblock():
            session_world.prepare(item)


def _blocker_key():
    from pytest_django.plugin import blocking_manager_key

    return blocking_manager_key


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("dated") and uses_world(item):
            raise pytest.UsageError(
                f"{item.nodeid}: a `dated` test cannot use the world (`samen`, `other`): the "
                "world lives on its own day (tests/clock.py WORLD_DAY)"
            )


@pytest.fixture(scope="session")
def django_db_modify_db_settings_xdist_suffix():
    """No `_gw0` suffix from pytest-django: each worker clones the one migrated test database
    instead (tests/databases.py), under the same names."""


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings, request, tmp_path_factory):
    """On SQLite, a test database file (the workers' clones beside it) in this run's temporary
    directory: the live server's threads open their own connections to it, as on PostgreSQL,
    instead of sharing the test thread's in-memory one."""
    db = django_settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3" and not db.get("TEST", {}).get("NAME"):
        shared = _shared_temp(request.config, tmp_path_factory)
        db.setdefault("TEST", {})["NAME"] = str(shared / "test.sqlite3")


def _is_worker(config):
    return hasattr(config, "workerinput")


def _shared_temp(config, tmp_path_factory):
    """This run's temporary directory: an xdist worker's own is a directory in it."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if _is_worker(config) else base


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
    tmp_path_factory,
):
    """The test database (tests/databases.py), with the world committed in it: in an xdist
    worker it is in the clone already; otherwise it is committed if the first test wants it."""
    from partnerships.models import Partnership

    if not django_db_use_migrations:
        from pytest_django.fixtures import _disable_migrations

        _disable_migrations()
    keepdb = django_db_keepdb and not django_db_createdb
    with django_db_blocker.unblock():
        teardown = databases.setup(
            request.config, _shared_temp(request.config, tmp_path_factory), session_world, keepdb
        )
        if not session_world.in_database and Partnership._base_manager.exists():
            session_world.flush()  # a world left by --reuse-db
        session_world.ready = True
        if session_world.current is not None:
            session_world.prepare(session_world.current)
    yield
    with django_db_blocker.unblock():
        teardown()


def pytest_sessionfinish(session):
    config = session.config
    if _is_worker(config) or config.getvalue("reuse_db"):
        return
    factory = getattr(config, "_tmp_path_factory", None)
    if factory is not None and factory._basetemp is not None:  # xdist's workers used it
        databases.drop_migrated(factory.getbasetemp(), config.stash[_blocker_key()])


@pytest.fixture(autouse=True)
def _world_day(request):
    """A test of the world runs at the world day (ticking); its own travel wins."""
    if not uses_world(request.node):
        yield
        return
    with clock.travel(clock.WORLD_DAY):
        yield


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # MFA enforcement has its own tests (roles/tests/test_mfa.py).
    settings.SAMEN_REQUIRE_MFA = False
    settings.PASSWORD_HASHERS = FAST_HASHERS
    # Links as in production (SAMEN_BASE_URL); the demo's, which follow the request, have their
    # own tests (cycle/tests/test_agenda_feed.py).
    settings.SAMEN_LINKS_FOLLOW_REQUEST = False
    # Every test starts in Dutch, whatever language an earlier test left active.
    translation.activate(settings.LANGUAGE_CODE)


def _tenant(request, key):
    if database_use(request.node) == "db":
        return session_world.copy_of(key)
    # A transactional test started empty: its world is built inside it, once.
    world = request.node.stash.get(_test_world, None)
    if world is None:
        world = request.node.stash[_test_world] = build_world()
    return world[key]


_test_world = pytest.StashKey[dict]()


@pytest.fixture
def samen(db, request):
    return _tenant(request, "samen")


@pytest.fixture
def other(db, request):
    return _tenant(request, "other")


@pytest.fixture
def client_for(client):
    """Log the test client in as a user: `client_for(samen.users["mentor"])`."""

    def login(user):
        client.force_login(user)
        return client

    return login


BROKER_PREFIX_ENV = "SAMEN_TEST_BROKER_PREFIX"


def pytest_configure(config):
    """Give this test process (each xdist worker, each run) its own broker keys, cache keys and
    media root, so that two of them never meet.

    Celery uses the test broker: with REDIS_URL (CI) that is the local Redis, with every key
    (the queue, and kombu's unacked messages, which another process would otherwise restore
    to its own queue) under a prefix of this process's own; without it, kombu's in-memory
    transport. The cache keys get a prefix of their own too (`clear_cache` below clears only
    those), and generated files go to a temporary media root.
    """
    from samen.celery import app

    run = f"samen-test-{uuid.uuid4().hex[:8]}"
    app.conf.broker_url = os.environ.get("REDIS_URL") or "memory://"
    app.conf.task_default_queue = run
    # The beat and worker processes some tests start (notifications/tests/processes.py) use
    # the same prefix.
    os.environ[BROKER_PREFIX_ENV] = f"{run}:"
    app.conf.broker_transport_options = {
        **(app.conf.broker_transport_options or {}),
        "global_keyprefix": os.environ[BROKER_PREFIX_ENV],
    }
    django_settings.CACHES["default"]["KEY_PREFIX"] = run
    django_settings.MEDIA_ROOT = tempfile.mkdtemp(prefix=f"{run}-media-")
    config.stash[_media_root] = django_settings.MEDIA_ROOT


def pytest_unconfigure(config):
    if _media_root in config.stash:
        shutil.rmtree(config.stash[_media_root], ignore_errors=True)


_media_root = pytest.StashKey[str]()


def clear_cache():
    """Empties this process's cache: its own keys only, never the rest of a Redis database that
    other workers, other runs and the Celery broker share (RedisCache.clear() is FLUSHDB)."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    # The backend itself: `django.core.cache.cache` is a proxy, never an instance of RedisCache
    # (so this once fell through to FLUSHDB, and another worker's sessions went with it).
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        cache.clear()
        return
    client = cache._cache.get_client(None, write=True)
    keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


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


# --- Copies of the test database: the demo, a scratch database ------------------------------


@pytest.fixture(scope="session")
def demo_databases(django_db_setup, django_db_blocker):
    """This process's demo templates and copies (tests/demo_db.py), dropped when the session
    ends."""
    from tests.demo_db import DemoDatabases

    databases = DemoDatabases()
    with django_db_blocker.unblock():
        databases.drop_leftovers()
    yield databases
    with django_db_blocker.unblock():
        databases.drop_all()


IN_A_COPY = pytest.StashKey[bool]()


@pytest.fixture
def scratch_db(request, transactional_db, demo_databases):
    """A copy of the empty, migrated test database, for this test alone, that every connection
    reaches: for a migration test, which moves the database to the past and back. Dropped
    afterwards, so the test need not migrate it forward to the present again (the longest of
    its trips) and the test database is still as the test found it."""
    from django.contrib.contenttypes.models import ContentType

    with demo_databases.copy(demo=False):
        request.node.stash[IN_A_COPY] = True
        yield
    ContentType.objects.clear_cache()  # ids of the scratch database's content types


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item):
    """After a test that worked in a copy of the test database (the demo, a scratch database),
    pytest-django's flush of the test database is skipped: every connection reached the copy
    (dropped afterwards), so the test database is still as empty as the test found it, and
    truncating its tables again costs a second or more of the test's time."""
    if not item.stash.get(IN_A_COPY, False):
        return (yield)
    from django.test import TransactionTestCase

    flush = TransactionTestCase._fixture_teardown
    TransactionTestCase._fixture_teardown = lambda self: None
    try:
        return (yield)
    finally:
        TransactionTestCase._fixture_teardown = flush


@pytest.fixture
def links_follow_request(settings):
    """The demo: no SAMEN_BASE_URL of its own, reached on a port of someone's choosing
    (samen/origin.py)."""
    from samen import origin

    settings.SAMEN_LINKS_FOLLOW_REQUEST = True
    settings.ALLOWED_HOSTS = ["demo.example", "testserver"]
    origin.forget()
    yield
    origin.forget()
