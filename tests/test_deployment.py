"""The production deployment: docker-compose.yml, .env.example, the Dockerfile, check --deploy.

None of these tests needs a database or a Docker daemon.
"""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker", "beat")
SERVICES = ("postgres", "redis", *APP_SERVICES)


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


@pytest.fixture(scope="module")
def documented():
    """Variable names set in .env.example (`NAME=` at the start of a line)."""
    text = (REPO / ".env.example").read_text()
    return set(re.findall(r"^([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def command_of(service):
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def settings_variables():
    """Every environment variable samen/settings.py reads through django-environ."""
    source = (REPO / "samen" / "settings.py").read_text()
    # env("X", …), env.str("X", …), env.db("X", …), env.email_url("X", …), environ.Env().str(…)
    pattern = r"""(?:\benv|\bEnv\(\))(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]*)["']"""
    return set(re.findall(pattern, source))


def test_all_services_exist(services):
    assert set(SERVICES) <= set(services)


@pytest.mark.parametrize("name", SERVICES)
def test_service_has_healthcheck_and_restarts(services, name):
    service = services[name]
    healthcheck = service.get("healthcheck") or {}
    assert healthcheck.get("test"), f"{name} has no healthcheck test"
    assert not healthcheck.get("disable"), f"{name} disables its healthcheck"
    assert service.get("restart") == "unless-stopped", name


def test_web_runs_gunicorn_after_migrating(services):
    command = command_of(services["web"])
    assert "gunicorn" in command
    assert "samen.wsgi" in command
    assert "migrate --noinput" in command
    assert command.index("migrate") < command.index("gunicorn")
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])


def test_worker_runs_celery_worker_with_prefork(services):
    command = command_of(services["worker"])
    assert "celery -A samen worker" in command
    assert "--pool prefork" in command


def test_exactly_one_beat(services):
    beat = services["beat"]
    assert "celery -A samen beat" in command_of(beat)
    replicas = (beat.get("deploy") or {}).get("replicas", 1)
    assert replicas <= 1
    assert "scale" not in beat


def test_beat_healthcheck_is_supported_by_installed_celery(services):
    # `celery beat --enable-remote-control` (beat answers `inspect ping`) is new in Celery 5.7;
    # an older Celery refuses the option and beat would not start at all.
    from celery.bin.beat import beat as beat_command

    beat = services["beat"]
    assert "--enable-remote-control" in command_of(beat)
    assert "celerybeat@" in " ".join(beat["healthcheck"]["test"])
    options = {opt for param in beat_command.params for opt in param.opts}
    assert "--enable-remote-control" in options


def test_locked_celery_supports_beat_remote_control():
    lock = REPO / "requirements.lock"
    if not lock.exists():
        pytest.skip("requirements.lock not written yet")
    pins = re.findall(r"^celery(?:\[[^\]]*\])?==(\d+)\.(\d+)", lock.read_text(), re.M | re.I)
    assert pins, "celery is not pinned in requirements.lock"
    assert all((int(major), int(minor)) >= (5, 7) for major, minor in pins), pins


def test_worker_shares_media_with_web(services):
    assert services["worker"]["volumes"] == services["web"]["volumes"]
    assert any(v.endswith(":/app/var/media") for v in services["worker"]["volumes"])


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_wait_for_healthy_backends(services, name):
    depends_on = services[name]["depends_on"]
    assert isinstance(depends_on, dict), "depends_on must be the long form with conditions"
    for backend in ("postgres", "redis"):
        assert depends_on[backend]["condition"] == "service_healthy", (name, backend)


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_use_compose_backends(services, name):
    service = services[name]
    assert service["env_file"] in (".env", [".env"])
    environment = service["environment"]
    assert "@postgres:5432/samen" in environment["DATABASE_URL"]
    assert environment["DATABASE_URL"].startswith("postgres://samen:${POSTGRES_PASSWORD")
    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    assert environment["SAMEN_MEDIA_ROOT"] == "/app/var/media"


def test_settings_variables_are_found():
    # Guards the regex: if it stopped matching, the next test would pass vacuously.
    found = settings_variables()
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "EMAIL_URL", "SAMEN_VAR_DIR"} <= found


def test_settings_variables_are_documented(documented):
    missing = settings_variables() - documented
    assert not missing, f"add to .env.example: {sorted(missing)}"


def test_compose_variables_are_documented(compose, services, documented):
    names = set()
    for name in APP_SERVICES:
        names |= set(services[name].get("environment") or {})
    # ${VAR}, ${VAR:?message}, ${VAR:-default} substituted by compose from .env
    raw = (REPO / "docker-compose.yml").read_text()
    names |= set(re.findall(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)", raw))
    missing = names - documented
    assert not missing, f"add to .env.example: {sorted(missing)}"


def test_env_example_holds_production_values():
    values = dict(
        re.findall(r"^([A-Z][A-Z0-9_]*)=(.*)$", (REPO / ".env.example").read_text(), re.M)
    )
    assert values["DJANGO_DEBUG"] == "false"
    assert values["SAMEN_REQUIRE_MFA"] == "true"
    assert values["DJANGO_SECRET_KEY"].startswith("change-me")
    assert values["POSTGRES_PASSWORD"].startswith("change-me")
    assert values["EMAIL_URL"].startswith("smtp+tls://")
    # The web healthcheck requests http://localhost:8000/healthz.
    assert "localhost" in values["DJANGO_ALLOWED_HOSTS"].split(",")


def test_dockerfile_bakes_in_no_secret_key():
    dockerfile = (REPO / "Dockerfile").read_text()
    instructions = re.sub(r"\\\n", " ", dockerfile)  # join continuation lines
    for line in instructions.splitlines():
        words = line.strip().split(maxsplit=1)
        if words and words[0].upper() in ("ENV", "ARG"):
            assert "DJANGO_SECRET_KEY" not in line, line
    assert re.search(r"^ENV\b.*\bDJANGO_DEBUG=false", instructions, re.M)
    assert re.search(r"^USER\s+(?!root\b)\S+", instructions, re.M), "runs as root"


def test_dockerignore_keeps_local_state_out():
    ignored = set((REPO / ".dockerignore").read_text().split())
    assert {".venv", "var", "media", ".git", "test-artifacts", ".env"} <= ignored


def check_deploy(tmp_path, **variables):
    """`manage.py check --deploy --fail-level WARNING` with production settings plus `variables`.

    Only our own variables are passed (none of the caller's DJANGO_/SAMEN_/… ones). Nothing is
    connected to: REDIS_URL may name a server that does not run.
    """
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SAMEN_", "DATABASE_URL", "REDIS_URL", "EMAIL_URL"))
    }
    environment.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="samen.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
        SAMEN_VAR_DIR=str(tmp_path),
        **variables,
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    print(result.stdout)
    print(result.stderr, file=sys.stderr)
    return result.returncode, result.stdout + result.stderr


def test_check_deploy_passes(tmp_path):
    returncode, output = check_deploy(
        tmp_path,
        REDIS_URL="redis://redis.invalid:6379/0",
        SAMEN_BASE_URL="https://samen.example.org",
    )
    assert returncode == 0, output
    assert "no issues" in output, output


def test_check_deploy_fails_when_links_would_follow_the_host_header_or_localhost(settings):
    from samen.checks import check_base_url

    settings.DEBUG = False
    settings.SAMEN_LINKS_FOLLOW_REQUEST = False
    settings.SAMEN_BASE_URL = "http://localhost:8000"  # the default: SAMEN_BASE_URL not set
    assert [e.id for e in check_base_url()] == ["samen.E003"]
    settings.SAMEN_BASE_URL = "https://samen.example.org"
    assert check_base_url() == []
    settings.SAMEN_LINKS_FOLLOW_REQUEST = True
    assert [e.id for e in check_base_url()] == ["samen.E003"]


def test_check_deploy_fails_without_a_shared_cache_and_a_real_broker(tmp_path):
    # Without REDIS_URL: the laptop defaults, LocMemCache and the file-system broker.
    returncode, output = check_deploy(tmp_path)
    assert returncode != 0, output
    assert "samen.E001" in output and "LocMemCache" in output, output
    assert "samen.E002" in output and "filesystem://" in output, output


def test_deploy_checks_name_per_process_caches_and_local_brokers(settings):
    from samen.checks import check_real_broker, check_shared_cache

    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    settings.CELERY_BROKER_URL = "memory://"
    assert [e.id for e in check_shared_cache()] == ["samen.E001"]
    assert [e.id for e in check_real_broker()] == ["samen.E002"]

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": "/tmp/x",
        }
    }
    assert [e.id for e in check_shared_cache()] == ["samen.W001"]

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "x"}
    }
    settings.CELERY_BROKER_URL = "rediss://redis.example.org:6380/0"
    assert check_shared_cache() == check_real_broker() == []

    # A developer's laptop (DEBUG on) keeps its defaults without complaint.
    settings.DEBUG = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.CELERY_BROKER_URL = "filesystem://"
    assert check_shared_cache() == check_real_broker() == []
