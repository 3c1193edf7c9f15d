"""Shared set-up for benchmarks: a throw-away database, migrated, with Django ready.

Runs on SQLite in a temporary folder unless DATABASE_URL is set (then that database is used:
point it at a scratch database, the benchmark writes rows into it).
"""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samen.settings")
    os.environ.setdefault("SAMEN_VAR_DIR", tempfile.mkdtemp(prefix="samen-bench-"))
    os.environ.setdefault("SAMEN_REQUIRE_MFA", "false")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
