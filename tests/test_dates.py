"""Dates read as Dutch (issue 18 §5, "Words"): month and day names in lower case ("28 mei"),
never English. Django's nl formats print them so; what could undo it is code that names them
itself — strftime's %B, %b, %A and %a speak the C locale's English ("September") — or a
filter that capitalises a date in the middle of a sentence."""

import datetime as dt
import functools
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation
from django_scopes import scopes_disabled

from demo.forms import period_name

ROOT = Path(settings.BASE_DIR)
DUTCH_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
SKIP = {".venv", "node_modules", "migrations", ".git", "staticfiles", "vendor", "media"}


def _sources(*suffixes, tests=True):
    """The project's own files ending in `suffixes` (no virtualenv, vendored code, migrations;
    without the tests when `tests` is False)."""
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIP and (tests or d != "tests")]
        for name in files:
            if name.endswith(suffixes):
                yield Path(folder) / name


@functools.cache
def _template_formats():
    """Every format a template gives the date filter ({{ x|date:"j F Y" }})."""
    found = set()
    for path in _sources(".html", ".txt"):
        found |= set(re.findall(r"\|date:[\"']([^\"']+)[\"']", path.read_text(encoding="utf-8")))
    return sorted(found)


@pytest.mark.parametrize("month", range(1, 13))
def test_every_date_format_of_the_templates_prints_dutch_lower_case_month_names(month):
    """Django's "M" is title-cased ("28 Mei 2027"): the templates say "b" ("28 mei 2027")."""
    day = dt.datetime(2027, month, 28, 14, 5)
    formats = _template_formats()
    assert "j F Y" in formats
    with translation.override("nl"):
        for fmt in formats:
            text = Template(f'{{{{ day|date:"{fmt}" }}}}').render(Context({"day": day}))
            assert text == text.lower(), (fmt, text)
        long = Template('{{ day|date:"j F" }}').render(Context({"day": day}))
    assert long == f"28 {DUTCH_MONTHS[month - 1]}"


#: A month or day name from strftime or an f-string's date format: English in the C locale.
STRFTIME_NAMES = re.compile(r"%[aAbBh]")
FORMAT_SPEC = re.compile(r"(strftime\(\s*[\"'][^\"']*|\{[^{}\n]*:[^{}\n\"']*)%[aAbBh]")


def test_no_code_prints_a_month_or_day_name_itself():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _sources(".py", tests=False)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if STRFTIME_NAMES.search(line) and FORMAT_SPEC.search(line)
    ]
    assert found == [], "use django.utils.formats.date_format (Dutch month names):\n" + "\n".join(
        found
    )


#: A date filter capitalised: "28 Mei" mid-sentence.
CAPITALISED = re.compile(r"\|date:[\"'][^\"']*[FMbNlDE][^\"']*[\"']\s*\|\s*(title|upper)\b")


def test_no_template_capitalises_a_month_name():
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _sources(".html", ".txt")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if CAPITALISED.search(line)
    ]
    assert found == []


def test_the_demos_period_names_are_dutch_and_tell_the_halves_and_years_apart(samen):
    institute = samen.institute
    who = institute.organisation.short_name or institute.organisation.name
    with scopes_disabled():
        first = period_name(institute, dt.date(2026, 9, 7), dt.date(2027, 1, 31))
        second = period_name(institute, dt.date(2027, 2, 1), dt.date(2027, 6, 30))
        last_year = period_name(institute, dt.date(2026, 2, 2), dt.date(2026, 6, 30))
    assert first == f"{who} periode 1 (sep 2026–jan 2027)"
    assert second == f"{who} periode 2 (feb 2027–jun 2027)"
    assert len({first, second, last_year}) == 3
