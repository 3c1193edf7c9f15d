"""The English catalog: complete, compiled, in step with the source, and actually used.

Samen's source strings (msgids) are Dutch; `locale/en/LC_MESSAGES/django.po` translates them
into English and the compiled `django.mo` next to it is committed, so the portal runs without
GNU gettext installed. After changing a translatable string, update both with:

    .venv/bin/python manage.py makemessages -l en --no-obsolete \\
        --ignore=.venv --ignore=staticfiles --ignore=var --ignore=test-artifacts \\
        --ignore=tests --ignore=build --ignore='*.egg-info' --ignore=node_modules
    # translate the new (empty or fuzzy) entries, then:
    .venv/bin/python manage.py compilemessages -l en --ignore=.venv

Tests that need the gettext tools (msgfmt, xgettext, ...) are skipped when they are missing,
except when the CI environment variable is set: then they fail.
"""

import gettext
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

REPO = Path(__file__).resolve().parent.parent
PO = REPO / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

#: The --ignore patterns of makemessages (see the module docstring).
MAKEMESSAGES_IGNORE = [
    ".venv",
    "staticfiles",
    "var",
    "test-artifacts",
    "tests",
    "build",
    "*.egg-info",
    "node_modules",
]


def require_tools(*names):
    """Skip (or, under CI, fail) unless every GNU gettext tool in `names` is on PATH."""
    missing = [name for name in names if shutil.which(name) is None]
    if not missing:
        return
    message = (
        f"GNU gettext tools not installed ({', '.join(missing)}): the translation catalog "
        "check did NOT run. Install gettext (apt-get install gettext) to run it."
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


# --- A small .po parser ---------------------------------------------------------------------

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')


def _unquote(literal, lineno):
    if not (len(literal) >= 2 and literal[0] == '"' and literal[-1] == '"'):
        raise ValueError(f"line {lineno}: not a quoted string: {literal}")

    def unescape(match):
        char = match.group(1)
        if char not in _ESCAPES:
            raise ValueError(f"line {lineno}: unknown escape \\{char}")
        return _ESCAPES[char]

    return re.sub(r"\\(.)", unescape, literal[1:-1])


@dataclass
class Entry:
    lineno: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict = field(default_factory=dict)  # plural index (0 for singular) -> text
    flags: set = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self):
        return (self.msgctxt, self.msgid, self.msgid_plural)

    @property
    def is_header(self):
        return self.msgid == "" and self.msgctxt is None

    @property
    def translated(self):
        expected = 2 if self.msgid_plural is not None else 1
        return len(self.msgstr) >= expected and all(self.msgstr.values())

    def __str__(self):
        return f"line {self.lineno}: {self.msgid!r}"


def parse_po(path):
    """Parse a .po file into Entries (obsolete `#~` entries included, marked obsolete)."""
    entries = []
    entry = None
    current = None  # (attribute, plural index) that continuation lines extend

    def finish():
        nonlocal entry, current
        if entry is not None and (entry.msgid or entry.msgstr):
            entries.append(entry)
        entry, current = None, None

    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
            if line.startswith("|"):  # an obsolete entry's previous msgid
                continue
        if not line:
            finish()
            continue
        if line.startswith("#"):
            if entry is not None and entry.msgstr:
                finish()  # comments start the next entry
            entry = entry or Entry(lineno)
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, index, literal = match.groups()
            if keyword in ("msgctxt", "msgid") and entry is not None and entry.msgstr:
                finish()
            entry = entry or Entry(lineno)
            entry.obsolete |= obsolete
            text = _unquote(literal, lineno)
            if keyword.startswith("msgstr"):
                current = ("msgstr", int(index or 0))
                entry.msgstr[current[1]] = text
            else:
                current = (keyword, None)
                setattr(entry, keyword, text)
                if keyword == "msgid":
                    entry.lineno = lineno
            continue
        if line.startswith('"') and current is not None:
            text = _unquote(line, lineno)
            attribute, n = current
            if attribute == "msgstr":
                entry.msgstr[n] += text
            else:
                setattr(entry, attribute, getattr(entry, attribute) + text)
            continue
        raise ValueError(f"{path.name} line {lineno}: cannot parse {raw!r}")
    finish()
    return entries


def header_fields(entries):
    header = next(e for e in entries if e.is_header)
    fields = {}
    for line in header.msgstr.get(0, "").splitlines():
        name, _, value = line.partition(":")
        fields[name.strip()] = value.strip()
    return header, fields


@pytest.fixture(scope="module")
def entries():
    assert PO.is_file(), f"{PO.relative_to(REPO)} is missing; run makemessages (module docstring)"
    return parse_po(PO)


@pytest.fixture(scope="module")
def messages(entries):
    return [e for e in entries if not e.is_header and not e.obsolete]


def mo_catalog(path):
    with path.open("rb") as fp:
        return gettext.GNUTranslations(fp)._catalog


# --- The catalog itself ---------------------------------------------------------------------


def test_po_header(entries):
    header, fields = header_fields(entries)
    assert "fuzzy" not in header.flags, "the header is still marked fuzzy"
    assert fields.get("Language") == "en"
    assert fields.get("Content-Type") == "text/plain; charset=UTF-8"
    assert fields.get("Plural-Forms") == "nplurals=2; plural=(n != 1);"


def test_every_message_is_translated_and_none_is_fuzzy(messages):
    assert len(messages) > 100, "suspiciously few messages; is this the real catalog?"
    untranslated = [str(e) for e in messages if not e.translated]
    fuzzy = [str(e) for e in messages if "fuzzy" in e.flags]
    assert not untranslated, "untranslated entries in the en catalog:\n" + "\n".join(untranslated)
    assert not fuzzy, "fuzzy entries in the en catalog (review, then drop the flag):\n" + (
        "\n".join(fuzzy)
    )


def test_no_obsolete_entries(entries):
    obsolete = [str(e) for e in entries if e.obsolete]
    assert not obsolete, "obsolete (#~) entries; run makemessages --no-obsolete:\n" + (
        "\n".join(obsolete)
    )


_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
# Entities and real HTML tags (not e.g. the "/<webadres>/" in a help text).
_MARKUP = re.compile(
    r"&[a-z]+;|&#\d+;|</?(?:a|abbr|b|br|code|div|em|i|kbd|li|ol|p|small|span|strong|sub|sup|"
    r"time|u|ul)(?:\s[^>]*)?/?>"
)


def test_translations_keep_placeholders_and_markup(messages):
    problems = []
    for e in messages:
        for n, text in e.msgstr.items():
            source = e.msgid_plural if n > 0 and e.msgid_plural is not None else e.msgid
            if "python-format" in e.flags:
                want = sorted(p for p in _PLACEHOLDER.findall(source) if p != "%%")
                got = sorted(p for p in _PLACEHOLDER.findall(text) if p != "%%")
                if want != got:
                    problems.append(f"{e} msgstr[{n}]: placeholders {got} != {want}")
            if sorted(_MARKUP.findall(source)) != sorted(_MARKUP.findall(text)):
                problems.append(f"{e} msgstr[{n}]: HTML tags/entities differ from the msgid")
            if source.endswith("\n") != text.endswith("\n"):
                problems.append(f"{e} msgstr[{n}]: trailing newline differs from the msgid")
    assert not problems, "\n".join(problems)


def test_msgfmt_accepts_the_catalog():
    require_tools("msgfmt")
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(PO)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C"},
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


# --- The compiled catalog -------------------------------------------------------------------


def test_mo_matches_po_without_gettext_tools(messages, entries):
    """Pure Python, so it also runs where msgfmt is missing."""
    assert MO.is_file(), f"{MO.relative_to(REPO)} is missing; run compilemessages"
    expected = {}
    for e in messages:
        if not e.translated or "fuzzy" in e.flags:
            continue  # msgfmt leaves these out
        msgid = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
        if e.msgid_plural is None:
            expected[msgid] = e.msgstr[0]
        else:
            expected.update({(msgid, n): text for n, text in e.msgstr.items()})
    compiled = mo_catalog(MO)
    compiled_header = compiled.pop("", "")
    assert compiled == expected, "django.mo is stale; run compilemessages -l en"
    # msgfmt drops POT-Creation-Date from the compiled header; every other field is copied.
    _, fields = header_fields(entries)
    fields.pop("POT-Creation-Date", None)
    compiled_fields = dict(
        (name.strip(), value.strip())
        for name, _, value in (line.partition(":") for line in compiled_header.splitlines())
    )
    compiled_fields.pop("POT-Creation-Date", None)
    assert compiled_fields == fields, "django.mo's header is stale; run compilemessages -l en"


def test_mo_is_what_msgfmt_makes_of_the_po(tmp_path):
    require_tools("msgfmt")
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(PO)], check=True, timeout=30)
    assert mo_catalog(MO) == mo_catalog(fresh), "django.mo is stale; run compilemessages -l en"


# --- The catalog against the source ---------------------------------------------------------


def _copy_ignore(directory, names):
    top = Path(directory).resolve() == REPO
    return {
        name
        for name in names
        if name.startswith(".")
        or name == "__pycache__"
        or (top and name == "locale")
        or any(fnmatch(name, pattern) for pattern in MAKEMESSAGES_IGNORE)
    }


def test_catalog_has_exactly_the_messages_the_source_uses(tmp_path, messages):
    """Run makemessages on a copy of the source tree, so the working tree stays untouched."""
    require_tools("xgettext", "msguniq", "msgmerge", "msgattrib")
    src = tmp_path / "src"
    shutil.copytree(REPO, src, ignore=_copy_ignore)
    po_before = PO.read_bytes()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSTARTUP")}
    env.update(
        DJANGO_SETTINGS_MODULE="samen.settings",
        DJANGO_DEBUG="true",  # settings import without a .env; makemessages needs nothing else
        SAMEN_VAR_DIR=str(tmp_path / "var"),
        LC_ALL="C.UTF-8",
    )
    ignores = [f"--ignore={pattern}" for pattern in MAKEMESSAGES_IGNORE]
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete", *ignores],
        cwd=src,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert PO.read_bytes() == po_before, "makemessages wrote into the working tree"

    extracted = {e.key for e in parse_po(src / PO.relative_to(REPO)) if not e.is_header}
    catalog = {e.key for e in messages}
    missing = sorted(extracted - catalog, key=str)
    stale = sorted(catalog - extracted, key=str)
    assert not missing, "strings in the source but not in the en catalog (run makemessages):\n" + (
        "\n".join(map(str, missing))
    )
    assert not stale, "entries in the en catalog no longer in the source (makemessages):\n" + (
        "\n".join(map(str, stale))
    )


# --- The catalog at work --------------------------------------------------------------------


def test_dutch_msgids_stay_dutch(messages):
    """No third-party nl catalog (Django, allauth) may "translate" one of our Dutch msgids.

    Entries whose English is the msgid itself are English words (e.g. allauth's "Sign In" in
    our login template, which allauth's nl catalog translates on purpose) or words spelled
    the same in both languages ("Status"); the Dutch UI may take those from allauth/Django.
    """

    def is_dutch(e):
        sources = [e.msgid, e.msgid_plural or e.msgid]
        return any(text != sources[min(n, 1)] for n, text in e.msgstr.items())

    changed = []
    with translation.override("nl"):
        for e in filter(is_dutch, messages):
            if e.msgctxt is not None:
                got = translation.pgettext(e.msgctxt, e.msgid)
            elif e.msgid_plural is not None:
                got = translation.ngettext(e.msgid, e.msgid_plural, 1)
            else:
                got = translation.gettext(e.msgid)
            if got != e.msgid:
                changed.append(f"{e}: nl shows {got!r}")
    assert not changed, "\n".join(changed)


def test_english_gettext_and_plurals():
    with translation.override("en"):
        assert translation.gettext("Nieuwe stage") == "New placement"
        stage = ("%(counter)s stage", "%(counter)s stages")
        assert translation.ngettext(*stage, 1) % {"counter": 1} == "1 placement"
        assert translation.ngettext(*stage, 3) % {"counter": 3} == "3 placements"
    with translation.override("nl"):
        assert translation.ngettext(*stage, 3) % {"counter": 3} == "3 stages"


@pytest.mark.parametrize(
    ("cookie", "accept_language", "language"),
    [
        ("en", None, "en"),
        ("nl", None, "nl"),
        ("en", "nl", "en"),
        (None, None, "nl"),
        # Dutch first: the browser's Accept-Language alone does not switch to English
        # (samen.locale.DutchFirstLocaleMiddleware); only the language switch (cookie) does.
        (None, "en", "nl"),
    ],
)
def test_home_page_speaks_the_chosen_language(client, db, cookie, accept_language, language):
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    response = client.get("/", **headers)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    shown, hidden = ("Log in", "Inloggen") if language == "en" else ("Inloggen", "Log in")
    assert shown in html
    assert hidden not in html


def test_language_switcher_sets_english(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert "Training together, improving together" in html
    assert "Inloggen" not in html


EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}


def _import_time_translations(path):
    """Calls of an eager gettext (imported as itself or as `_`) that run when the module is
    imported: outside any function, e.g. a list view's column headers."""
    import ast

    tree = ast.parse(path.read_text())
    eager = {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.name in EAGER
    }
    found = []

    def walk(node, in_function):
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
            )
            if (
                not inside
                and isinstance(child, ast.Call)
                and isinstance(child.func, ast.Name)
                and child.func.id in eager
            ):
                found.append(f"{path.relative_to(settings.BASE_DIR)}:{child.lineno}")
            walk(child, inside)

    walk(tree, False)
    return found


def test_no_text_is_translated_once_at_import_time():
    """Text that lives as long as the process (class attributes, module constants) must be
    lazy: translated eagerly, it keeps the language of whichever request first imported the
    module, so one English visitor after a restart would give every coordinator English
    column headers."""
    base = Path(settings.BASE_DIR)
    found = [
        hit
        for path in sorted(base.glob("*/**/*.py"))
        if not {".venv", "tests", "migrations", "bench", "node_modules"} & set(path.parts)
        for hit in _import_time_translations(path)
    ]
    assert not found, "use gettext_lazy here: " + ", ".join(found)
