"""Shared set-up for benchmarks: a throw-away database, migrated, with Django ready.

Runs on SQLite in a temporary folder unless DATABASE_URL is set: then it names a scratch
PostgreSQL database, which is dropped and created afresh (the benchmark writes rows into it).
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fresh_postgres_database(url):
    """Drop and create the database `url` names, so every run starts from the same rows."""
    from urllib.parse import urlparse

    import psycopg

    name = urlparse(url).path.lstrip("/")
    with psycopg.connect(url.replace(f"/{name}", "/postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_django():
    sys.path.insert(0, str(ROOT))
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        fresh_postgres_database(url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samen.settings")
    os.environ.setdefault("SAMEN_VAR_DIR", tempfile.mkdtemp(prefix="samen-bench-"))
    os.environ.setdefault("SAMEN_REQUIRE_MFA", "false")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
