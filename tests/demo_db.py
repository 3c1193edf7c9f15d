"""The demo, loaded once per test process and copied for each test that wants it.

`manage.py load_demo` costs seconds; the browser tests each want the whole demo, and change it.
So each test process loads it once into a template database (per local date: the demo is built
relative to today, and a test's clock may have moved) and hands every test a fresh copy:

- PostgreSQL: `CREATE DATABASE <copy> TEMPLATE <template>`, a file-level copy;
- SQLite: `sqlite3.Connection.backup()` from the template's file into the copy's.

For the length of the test the default connection's settings point at the copy. They are one
dict shared by every thread's connection, and the live server closes its connections after each
request, so the server's threads, the test thread and a Celery worker's thread all reach the
copy; afterwards the settings point back at the test database and the copy is dropped.
"""

import contextlib
import os
import sqlite3
import threading
from pathlib import Path

from django.core.management import call_command
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone


def close_connections():
    """Closes this thread's database connections, wherever asgiref keeps them.

    Django's connections are thread-local, except in a thread with a running event loop, where
    asgiref keeps them per context; Playwright's sync API runs its loop in the test thread. So a
    connection opened before the browser started (setting up the test database) is out of reach
    of `connections.close_all()` once it runs, and stays open.
    """
    connections.close_all()
    thread_local = getattr(connections._connections, "_storage", None)
    if isinstance(thread_local, threading.local):
        for wrapper in list(vars(thread_local).values()):
            if isinstance(wrapper, BaseDatabaseWrapper):
                wrapper.close()


def _drop_in_background(params, name):
    import psycopg
    from psycopg import sql

    with psycopg.connect(**params, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


class DemoDatabases:
    def __init__(self):
        self.templates = {}  # local date -> template database name (or file)
        self.copies = 0
        self.dropping = []  # threads dropping copies

    @property
    def connection(self):
        return connections["default"]

    @property
    def settings_dict(self):
        return self.connection.settings_dict

    @property
    def postgresql(self):
        return self.connection.vendor == "postgresql"

    # --- Switching the connection ------------------------------------------------------

    @contextlib.contextmanager
    def pointed_at(self, name):
        test_name = self.settings_dict["NAME"]
        close_connections()
        self.settings_dict["NAME"] = name
        try:
            yield
        finally:
            close_connections()
            self.settings_dict["NAME"] = test_name

    # --- PostgreSQL / SQLite -----------------------------------------------------------

    def _sql(self, statement):
        with self.connection._nodb_cursor() as cursor:
            cursor.execute(statement)

    def _name(self, suffix):
        base = self.settings_dict["NAME"]
        if self.postgresql:
            return f"{base}_{suffix}"
        return str(Path(base).with_name(f"{Path(base).stem}-{suffix}.sqlite3"))

    def _copy(self, source, target):
        """`target`: a new database with what `source` holds (no one may be connected)."""
        self._drop(target)
        if self.postgresql:
            quote = self.connection.ops.quote_name
            self._sql(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(source)}")
        else:
            with (
                contextlib.closing(sqlite3.connect(source)) as src,
                contextlib.closing(sqlite3.connect(target)) as dst,
            ):
                src.backup(dst)

    def _drop(self, name):
        if self.postgresql:
            quote = self.connection.ops.quote_name
            self._sql(f"DROP DATABASE IF EXISTS {quote(name)} WITH (FORCE)")
        else:
            with contextlib.suppress(FileNotFoundError):
                os.remove(name)

    # --- The demo ------------------------------------------------------------------------

    def template(self):
        """The template holding the demo as loaded today (by the tests' clock)."""
        today = timezone.localdate()
        if today not in self.templates:
            name = self._name(f"demo_{today:%Y%m%d}")
            close_connections()
            # The test database is empty here (a transactional test starts empty): the
            # template is it, migrated, plus the demo.
            self._copy(self.settings_dict["NAME"], name)
            with self.pointed_at(name), open(os.devnull, "w") as quiet:
                call_command("load_demo", stdout=quiet)
            self.templates[today] = name
        return self.templates[today]

    @contextlib.contextmanager
    def copy(self, *, demo=True):
        """For the length of the block, every connection reaches a fresh copy of the demo (or,
        with `demo=False`, of the empty, migrated test database: a scratch database for a test
        that migrates it back and forth, so that it need not migrate it forward again)."""
        template = self.template() if demo else self.settings_dict["NAME"]
        if not demo:
            close_connections()
        self.copies += 1
        name = self._name(f"demo_copy_{self.copies}")
        self._copy(template, name)
        try:
            with self.pointed_at(name):
                yield
        finally:
            if self.postgresql:
                # Nobody reaches the copy any more; DROP DATABASE waits for a checkpoint, so
                # let it do so while the next test runs (on a connection of its own: Django's
                # are closed to the thread once the test is over).
                params = {**self.connection.get_connection_params(), "dbname": "postgres"}
                dropping = threading.Thread(target=_drop_in_background, args=[params, name])
                dropping.start()
                self.dropping.append(dropping)
            else:
                self._drop(name)

    def drop_all(self):
        for dropping in self.dropping:
            dropping.join()
        for name in self.templates.values():
            self._drop(name)
        self.templates.clear()

    def drop_leftovers(self):
        """The templates and copies a run that was killed left behind."""
        if self.postgresql:
            with self.connection._nodb_cursor() as cursor:
                cursor.execute(
                    "SELECT datname FROM pg_database WHERE datname LIKE %s",
                    [self.settings_dict["NAME"].replace("_", r"\_") + r"\_demo\_%"],
                )
                names = [name for (name,) in cursor.fetchall()]
        else:
            names = [str(p) for p in Path(self._name("x")).parent.glob("*-demo_*.sqlite3")]
        for name in names:
            self._drop(name)
