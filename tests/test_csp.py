"""The Content-Security-Policy: on every response, strict (nothing inline), templates fit it.

The browser tests (tests/browser/) fail on any violation Chromium reports; these tests guard the
header itself and catch inline code in templates before a browser sees it.
"""

import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

REPO = Path(__file__).resolve().parent.parent

EXPECTED = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
    "base-uri": {"'self'"},
    "object-src": {"'none'"},
}


def policy_of(response):
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = set(sources)
    return header, directives


def assert_strict(response):
    header, directives = policy_of(response)
    for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*"):
        assert unsafe not in header.split(), f"{unsafe} in {header}"
    for name, sources in EXPECTED.items():
        assert directives.get(name) == sources, (name, header)


def test_public_pages_carry_the_policy(client, db):
    for url in ("/", reverse("account_login")):
        response = client.get(url)
        assert response.status_code == 200
        assert_strict(response)


def test_answers_before_the_view_carry_the_policy_too(client, samen):
    # Redirect to the login page (not logged in) and the tenant middleware's 404 (an outsider).
    dossier = reverse("quality:dossier", args=[samen.partnership.slug, samen.dossier.pk])
    assert_strict(client.get(dossier))
    assert_strict(client.get("/geen-partnerschap/"))


def test_pages_and_htmx_fragments_of_a_member_carry_the_policy(client_for, samen):
    client = client_for(samen.users["stuurgroep"])
    dossier = reverse("quality:dossier", args=[samen.partnership.slug, samen.dossier.pk])
    response = client.get(dossier)
    assert response.status_code == 200
    assert_strict(response)
    placements = reverse("placements:list", args=[samen.partnership.slug])
    assert_strict(client_for(samen.users["coordinator"]).get(placements, HTTP_HX_REQUEST="true"))


def test_htmx_injects_no_inline_style(client, db):
    html = client.get("/").content.decode()
    meta = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", html)
    assert meta, "base.html lacks the htmx-config meta tag"
    config = json.loads(meta.group(1))
    assert config["includeIndicatorStyles"] is False
    # Settling a swap, htmx would copy style="" (left by any script using element.style).
    assert "style" not in config["attributesToSettle"]
    # The indicator rules htmx would have injected live in our stylesheet instead.
    assert ".htmx-indicator" in (REPO / "static" / "css" / "samen.css").read_text()


# --- Templates -------------------------------------------------------------------------------

#: Templates that never reach a browser: the PDF (WeasyPrint) and e-mails.
NOT_FOR_BROWSERS = ("/pdf/", "/email/")
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I), "script"),
    (re.compile(r"<style\b", re.I), "<style>"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event handler attribute"),
    (re.compile(r"\shx-on[:-]", re.I), "hx-on (needs eval)"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def browser_templates():
    for path in sorted(REPO.glob("*/templates/**/*.html")) + sorted(
        (REPO / "templates").glob("**/*.html")
    ):
        relative = path.relative_to(REPO).as_posix()
        if relative.startswith((".venv/", "build/")) or any(
            p in relative for p in NOT_FOR_BROWSERS
        ):
            continue
        yield relative, path


def test_the_scan_sees_the_templates():
    names = [name for name, _ in browser_templates()]
    assert "templates/base.html" in names
    assert "documents/templates/documents/_render_status.html" in names
    assert not any("/pdf/" in name for name in names)


COMMENTS = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.S)


@pytest.mark.parametrize("name", [name for name, _ in browser_templates()])
def test_template_has_no_inline_code(name):
    text = COMMENTS.sub("", (REPO / name).read_text())
    found = [what for pattern, what in INLINE if pattern.search(text)]
    assert not found, f"{name}: {found} — the Content-Security-Policy blocks inline code"
