"""The test databases of a run: migrated once, cloned for each xdist worker.

Migrating the test database takes 15 s on an idle machine and a minute on a busy one; with a
worker per core each migrating its own, that was the start of every run. As Django's own
parallel test runner does, the first worker creates and migrates the test database and commits
the test world into it (tests/fixtures.py); the others wait for it; every worker then works on
a clone of its own (`test_<name>_gw0`, …: PostgreSQL `CREATE DATABASE … TEMPLATE`, SQLite a
copy of the file) and drops it at the end. The controller drops the migrated original once all
workers are done.

Without xdist (`-n 0`) this is pytest-django's own setup: one test database, migrated.
"""

import contextlib
import fcntl
import pickle

from django.conf import settings
from django.db import connections
from django.test.utils import setup_databases, teardown_databases

ALIAS = "default"
READY = "test-database.ready"  # in the run's shared temporary directory: the migrated name
WORLD = "test-world.pickle"  # the world committed into it, as SessionWorld snapshots


@contextlib.contextmanager
def _locked(path):
    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _point_at(name):
    """The default connection's settings name `name` (as Django's create_test_db does)."""
    connection = connections[ALIAS]
    connection.close()
    settings.DATABASES[ALIAS]["NAME"] = name
    connection.settings_dict["NAME"] = name


def setup(config, shared, world, keepdb):
    """Creates this process's test database; returns what tears it down.

    In an xdist worker `shared` is the run's temporary directory (each worker's own is in it)
    and the world is committed in the clone; otherwise the world is left to `world.prepare`.
    """
    verbosity = config.option.verbose
    worker = getattr(config, "workerinput", None)
    if worker is None:
        created = setup_databases(
            verbosity=verbosity, interactive=False, aliases={ALIAS}, keepdb=keepdb
        )
        return lambda: keepdb or teardown_databases(created, verbosity)

    connection = connections[ALIAS]
    original_name = connection.settings_dict["NAME"]
    with _locked(shared / "test-database.lock"):
        if not (shared / READY).exists():
            migrated = connection.creation.create_test_db(
                verbosity=verbosity, autoclobber=True, keepdb=keepdb, serialize=False
            )
            world.commit_afresh()
            (shared / WORLD).write_bytes(pickle.dumps(world.snapshots))
            (shared / READY).write_text(migrated)
        else:
            _point_at((shared / READY).read_text())
            world.load(pickle.loads((shared / WORLD).read_bytes()))
        connection.close()  # nobody may be connected to a template
        suffix = worker["workerid"]
        clone = connection.creation.get_test_db_clone_settings(suffix)["NAME"]
        connection.creation.clone_test_db(suffix=suffix, verbosity=verbosity)
    _point_at(clone)

    def teardown():
        connection.creation.destroy_test_db(original_name, verbosity=verbosity, keepdb=keepdb)

    return teardown


def drop_migrated(shared, blocker):
    """In the xdist controller, after the workers: drops the migrated original."""
    if not (shared / READY).exists():
        return
    with blocker.unblock(), contextlib.suppress(Exception):
        connections[ALIAS].creation._destroy_test_db((shared / READY).read_text(), verbosity=0)
