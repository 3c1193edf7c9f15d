"""Load on the real thing: gunicorn with 2 sync workers on PostgreSQL and Redis, production
settings, the demo data, and people working as the SAMEN coordinator and mentor.

Three runs against the same server:
  1. one person at a time (the single-user p50);
  2. closed loop: CLIENTS people each sending their next request as soon as the last one
     answered (the throughput limit, requests/s);
  3. open loop: 100 people each sending a request every 2 s (50 requests/s offered), timed
     from when each request was due, so waiting in a queue counts.
Every request is a page a person opens (dashboard, lists, a placement, the forms).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/samen_load REDIS_URL=redis://127.0.0.1:6379/3 \\
        .venv/bin/python bench/load.py

DATABASE_URL must name a scratch database: it is dropped and created. The last line is the
headline: requests/s closed loop, and the open loop's p95 against the single-user p50.
"""

import asyncio
import http.client
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", 8765))
WORKERS = 2
CLIENTS = int(os.environ.get("BENCH_CLIENTS", 6))
SECONDS = int(os.environ.get("BENCH_SECONDS", 20))
OPEN_USERS, OPEN_EVERY = 100, 2.0


def env():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("bench/load.py needs DATABASE_URL pointing at a scratch PostgreSQL database")
    if not os.environ.get("REDIS_URL"):
        sys.exit("bench/load.py needs REDIS_URL (the production cache and broker)")
    return {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "SAMEN_REQUIRE_MFA": "true",
        "SAMEN_VAR_DIR": str(ROOT / "var" / "bench-load"),
        "DJANGO_LOG_LEVEL": "WARNING",
    }


def manage(environment, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def prepare(environment):
    """A fresh database with the demo data, static files, and a session per person."""
    database = urlparse(environment["DATABASE_URL"])
    name = database.path.lstrip("/")
    import psycopg

    admin_url = environment["DATABASE_URL"].replace(f"/{name}", "/postgres")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    manage(environment, "migrate", "--noinput")
    manage(environment, "load_demo")
    manage(environment, "collectstatic", "--noinput")
    script = r"""
import json
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django_scopes import scopes_disabled
from placements.models import Placement
from roles.models import User

out = {}
people = (("coordinator", "coordinator@samen.example"), ("mentor", "mentor@samen.example"))
for key, email in people:
    user = User.objects.get(email=email)
    if key == "coordinator":
        TOTP.activate(user, generate_totp_secret())  # coordinators work with a second factor
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    out[key] = session.session_key
with scopes_disabled():
    samen = Placement.objects.filter(partnership__slug="samen")
    mine = samen.filter(mentor__user__email="mentor@samen.example")
    out["placements"] = list(samen.values_list("pk", flat=True))
    out["mine"] = list(mine.values_list("pk", flat=True))
print(json.dumps(out))
"""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    import json

    return json.loads(result.stdout.strip().splitlines()[-1])


def start_server(environment):
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "samen.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(WORKERS),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=environment,
    )
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=1)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    sys.exit("gunicorn did not start")


def pages(ids):
    """(session key, path) pairs a coordinator and a mentor open in a day's work."""
    coordinator = [
        "/samen/",
        "/samen/stages/",
        "/samen/stages/?q=de",
        "/samen/organisatie/scholen/",
        "/samen/mensen/",
        *(f"/samen/stages/{pk}/" for pk in ids["placements"][:5]),
    ]
    mentor = [
        "/samen/",
        "/samen/expertise/",
        *(f"/samen/stages/{pk}/" for pk in ids["mine"]),
        "/samen/stages/formulieren/",
    ]
    return [(ids["coordinator"], p) for p in coordinator] + [(ids["mentor"], p) for p in mentor]


async def get(session, path):
    """Seconds for one page over a fresh connection (gunicorn's sync workers close it);
    raises on anything but 200. One asyncio loop drives every person: a thread per person
    would take the CPU the server needs, on the same machine."""
    start = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: sessionid={session}\r\n"
        "Connection: close\r\n\r\n".encode()
    )
    await writer.drain()
    response = await reader.read()
    writer.close()
    status = int(response[9:12])
    if status != 200:
        raise RuntimeError(f"{path}: {status}")
    return time.perf_counter() - start


def closed_loop(work, clients, seconds):
    return asyncio.run(_closed_loop(work, clients, seconds))


async def _closed_loop(work, clients, seconds):
    latencies, errors = [], [0]
    started = time.perf_counter()
    deadline = started + seconds

    async def person(n):
        rng = random.Random(n)
        while time.perf_counter() < deadline:
            session, path = rng.choice(work)
            try:
                latencies.append(await get(session, path))
            except Exception:  # noqa: BLE001 (counted, the run goes on)
                errors[0] += 1

    await asyncio.gather(*(person(n) for n in range(clients)))
    return latencies, errors[0], time.perf_counter() - started


def open_loop(work, users, every, seconds):
    return asyncio.run(_open_loop(work, users, every, seconds))


async def _open_loop(work, users, every, seconds):
    """Each person sends a request every `every` seconds; latency counts from the due time."""
    latencies, errors = [], [0]
    begin = time.perf_counter() + 0.5

    async def one(session, path, due):
        try:
            await get(session, path)
        except Exception:  # noqa: BLE001
            errors[0] += 1
        else:
            latencies.append(time.perf_counter() - due)

    async def person(n):
        rng = random.Random(n)
        due = begin + rng.uniform(0, every)
        pending = []
        while due < begin + seconds:
            pause = due - time.perf_counter()
            if pause > 0:
                await asyncio.sleep(pause)
            pending.append(asyncio.create_task(one(*rng.choice(work), due)))
            due += every
        await asyncio.gather(*pending)

    await asyncio.gather(*(person(n) for n in range(users)))
    return latencies, errors[0]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


def main():
    environment = env()
    ids = prepare(environment)
    work = pages(ids)
    server = start_server(environment)
    try:
        for session, path in work:  # warm up every page in both workers
            asyncio.run(get(session, path))
            asyncio.run(get(session, path))
        single, single_errors, _ = closed_loop(work, 1, 8)
        p50_single = percentile(single, 50)
        print(f"one person: p50 {p50_single:.0f} ms, p95 {percentile(single, 95):.0f} ms")
        closed, closed_errors, took = closed_loop(work, CLIENTS, SECONDS)
        rate = len(closed) / took
        print(
            f"closed loop, {CLIENTS} people: {rate:.1f} req/s, "
            f"p50 {percentile(closed, 50):.0f} ms, "
            f"p95 {percentile(closed, 95):.0f} ms, p99 {percentile(closed, 99):.0f} ms, "
            f"{closed_errors} errors"
        )
        opened, open_errors = open_loop(work, OPEN_USERS, OPEN_EVERY, SECONDS)
        p95 = percentile(opened, 95)
        print(
            f"open loop, {OPEN_USERS} people every {OPEN_EVERY:.0f} s: {len(opened) / SECONDS:.1f} "
            f"req/s served, p50 {percentile(opened, 50):.0f} ms, p95 {p95:.0f} ms, "
            f"p99 {percentile(opened, 99):.0f} ms, {open_errors} errors"
        )
    finally:
        server.terminate()
        server.wait(10)
    errors = single_errors + closed_errors + open_errors
    print(
        f"load @{WORKERS} workers: closed loop {rate:.0f} req/s (p50 {percentile(closed, 50):.0f} "
        f"ms, p95 {percentile(closed, 95):.0f} ms, p99 {percentile(closed, 99):.0f} ms); "
        f"{OPEN_USERS} people every {OPEN_EVERY:.0f} s: p95 {p95:.0f} ms = "
        f"{p95 / p50_single:.1f}x single-user p50 {p50_single:.0f} ms; {errors} errors"
    )
    return 0 if rate >= 60 and p95 <= 3 * p50_single and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
