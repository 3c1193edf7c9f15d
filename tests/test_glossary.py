"""docs/glossary.md names every model of the portal: a newcomer looks a model up there."""

import re
from pathlib import Path

from django.apps import apps

GLOSSARY = Path(__file__).resolve().parents[1] / "docs" / "glossary.md"
#: The apps whose models are the portal's own (the rest are Django's and the libraries').
OWN_APPS = {
    "notifications",
    "documents",
    "questionnaires",
    "partnerships",
    "roles",
    "network",
    "placements",
    "matching",
    "formtemplates",
    "placementforms",
    "pdca",
    "cycle",
    "quality",
}


def test_every_model_of_the_portal_is_in_the_glossary():
    named = set(re.findall(r"^\| `(\w+)`", GLOSSARY.read_text(), flags=re.M))
    models = {
        model.__name__
        for model in apps.get_models()
        if model._meta.app_label in OWN_APPS and not model.__name__.startswith("Historical")
    }
    assert len(models) >= 50  # the check reads the real app registry
    assert not models - named, f"Models missing from docs/glossary.md: {sorted(models - named)}"
