"""Browser tests: Playwright drives Debian's headless Chromium against Django's live server.

The tests walk the product's journeys as the demo users (`manage.py load_demo`), through the
real allauth login form, and save a full-page screenshot per step in
`test-artifacts/screenshots/`. Chromium is Debian's (`/usr/bin/chromium`); Playwright never
downloads a browser here. Without Chromium the tests are skipped, except on CI (`CI` set),
where they fail.
"""

import contextlib
import itertools
import os
import re
import shutil
import sys
import warnings
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.fixtures import IN_A_COPY

# Playwright's sync API runs an asyncio event loop in the test thread; Django refuses ORM
# calls from a thread with a running loop unless told this is fine (it is: the loop only
# drives the browser connection).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DEMO_PASSWORD = "samen-demo-2026"
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
DEFAULT_TIMEOUT_MS = 15_000
# expect(...) retries its assertion this long (Playwright's default is 5 s), as the actions wait.
expect.set_options(timeout=DEFAULT_TIMEOUT_MS)
# Runs in every page before its own scripts (an init script is not subject to the page's
# Content-Security-Policy) and reports each violation the browser fires to the test.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__samenCspViolation(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline code"} ` +
    `at ${event.sourceFile || event.documentURI}:${event.lineNumber}` +
    (event.sample ? ` (${event.sample})` : "")
  );
});
"""


def is_csp_message(text):
    """Chromium's console line for a blocked resource or inline code."""
    return "Content Security Policy" in text or "Content-Security-Policy" in text


def close_connections():
    from tests.demo_db import close_connections

    close_connections()


def chromium_path():
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        message = (
            "BROWSER TESTS NOT RUN: Chromium not found (/usr/bin/chromium or `chromium` on "
            "PATH). Install Debian's chromium package; never `playwright install`."
        )
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        banner = "!" * len(message)
        sys.__stderr__.write(f"\n{banner}\n{message}\n{banner}\n")
        warnings.warn(message, stacklevel=1)
        pytest.skip(message)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
        # While Playwright's loop runs, asgiref keeps this thread's connections per context
        # (tests/demo_db.py): close them before they become unreachable, so that the test
        # database can be dropped at the end.
        close_connections()


@pytest.fixture
def demo(request, transactional_db, demo_databases, settings, tmp_path):
    """The demo partnerships (SAMEN and VO Groningen) with their accounts: a fresh copy of the
    demo as `manage.py load_demo` loads it today, for this test alone.

    Rendered PDFs go to a temporary media root, not to var/media.
    """
    from partnerships.models import Partnership

    settings.MEDIA_ROOT = str(tmp_path / "media")
    # A transactional test starts from an empty test database (tests/fixtures.py); a test of
    # the demo works in its copy only, so the test database stays empty (tests/fixtures.py
    # skips its flush).
    assert not Partnership._base_manager.exists(), "the demo needs an empty test database"
    with demo_databases.copy():
        request.node.stash[IN_A_COPY] = True
        yield


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    for item in items:
        if "demo" in getattr(item, "fixturenames", ()) and {"samen", "other"} & set(
            item.fixturenames
        ):
            raise pytest.UsageError(f"{item.nodeid}: the demo and the test world do not mix")


# --- Pages ---------------------------------------------------------------------------------


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.call_failed = True  # new_page's teardown screenshots every page
    return report


_shots: dict[int, tuple[str, itertools.count]] = {}


@pytest.fixture
def new_page(browser, request):
    """Opens a page in a fresh browser context (own cookies): `new_page()`, `new_page(phone=True)`.

    JavaScript errors and Content-Security-Policy violations on any page fail the test when it
    ends.
    """
    test_name = re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")
    counter = itertools.count(1)
    contexts, errors, violations = [], [], []
    for stale in SCREENSHOT_DIR.glob(f"{test_name}-[0-9][0-9]-*.png"):
        stale.unlink()  # from an earlier run, so the directory shows this run's steps only

    def make(*, phone=False):
        context = browser.new_context(
            **(PHONE if phone else DESKTOP),
            locale="nl-NL",
            timezone_id="Europe/Amsterdam",
            accept_downloads=True,
        )
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.expose_function("__samenCspViolation", lambda text: violations.append(text))
        context.add_init_script(CSP_LISTENER)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
        page.on(
            "console",
            lambda msg: (
                violations.append(f"{page.url}: {msg.text}") if is_csp_message(msg.text) else None
            ),
        )
        _shots[id(page)] = (test_name, counter)
        return page

    yield make

    failed = getattr(request.node, "call_failed", False)
    for context in contexts:
        for page in context.pages:
            if failed:  # what each page showed when the test failed
                with contextlib.suppress(Exception):
                    shot(page, "FAILED")
            _shots.pop(id(page), None)
            # A round trip, so violation reports still on their way arrive first (a page that
            # closed or crashed has none).
            with contextlib.suppress(Exception):
                page.evaluate("0")
        context.close()
    assert not errors, f"JavaScript errors in the browser: {errors}"
    assert not violations, f"Content-Security-Policy violations in the browser: {violations}"


@pytest.fixture
def page(new_page):
    """A desktop page (1280×900)."""
    return new_page()


@pytest.fixture
def phone(new_page):
    """A phone page: 390×844 CSS pixels, touch, device scale factor 2."""
    return new_page(phone=True)


def expect_no_horizontal_scroll(page, max_width=None):
    """The page scrolls only vertically: the document is no wider than the viewport (or than
    `max_width` CSS pixels). Waits for the layout to settle, as `expect(...)` does."""
    try:
        page.wait_for_function(
            # Null-safe: called just after a click, the next document may not exist yet.
            "max => !!document.documentElement"
            " && document.documentElement.scrollWidth <= (max || window.innerWidth)",
            arg=max_width,
            timeout=DEFAULT_TIMEOUT_MS,
        )
    except PlaywrightTimeoutError:
        widths = page.evaluate(
            "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
        )
        raise AssertionError(
            f"horizontal scroll on {page.url}: {widths}, allowed {max_width or widths['inner']}"
        ) from None


def shot(page, name):
    """Saves a full-page screenshot: test-artifacts/screenshots/<test>-<nn>-<name>.png."""
    test_name, counter = _shots.get(id(page), ("untracked", itertools.count(1)))
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{test_name}-{next(counter):02d}-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page, live_server, email, password=DEMO_PASSWORD):
    """Logs in through the real allauth form at /accounts/login/."""
    page.goto(f"{live_server.url}/accounts/login/")
    form = page.locator("form", has=page.locator("input[name=login]"))
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "/accounts/login/" not in page.url, f"login as {email} failed: still on {page.url}"


def pick(page, label, text, option):
    """Chooses `option` in the search-as-you-type field `label` (samen.pickers), as a user:
    type `text`, wait for the matches, click the one named `option`."""
    search = page.locator(".picker").get_by_role("combobox", name=label)
    # htmx (deferred) listens only once the page has loaded: text typed earlier asks nothing.
    search.wait_for()
    page.wait_for_load_state("load")
    search.fill(text)
    choice = page.get_by_role("option", name=option, exact=True)
    choice.click()
    return search
