"""The kinds of document: each app registers the ones it prints.

A kind is a name (letters, digits and "_": it appears in URLs), the model of the rows it
prints, how to make its HTML and its file name, and the two actions of the permission table
(samen.permissions) that guard it; optionally the page a plain form returns to (by default
the target's get_absolute_url()) and the line shown to who may not download:

    registry.register(
        "kritische_reflectie",
        model=Dossier,
        html=reflectie_html,  # target -> the finished HTML (rendered in the worker)
        filename=lambda dossier: f"{slugify(dossier.title)}.pdf",
        render="dossier.render",  # may have it made and follow its status
        download="dossier.download",  # may download the PDF
    )

Apps register their kinds in `<app>/documents.py`, which DocumentsConfig.ready() imports (as
samen imports `<app>/rules.py`). The engine knows no app: it calls these callables and asks
the acting person's Access about these actions, on the target.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _

NAME = re.compile(r"[a-z0-9_]+")


@dataclass(frozen=True)
class DocumentKind:
    name: str
    model: type[models.Model]
    html: Callable[[Any], str]
    filename: Callable[[Any], str]
    render_action: str
    download_action: str
    #: Shown under a finished PDF to someone who may follow it but not download it.
    download_refused: str
    #: target -> the URL of its page, where "PDF maken" without htmx returns to.
    page: Callable[[Any], str]


class UnknownKind(LookupError):
    """No app registered a document kind of this name."""


_KINDS: dict[str, DocumentKind] = {}


def register(name, *, model, html, filename, render, download, download_refused=None, page=None):
    """Registers a kind. A name is registered once: two apps cannot silently share one."""
    if not NAME.fullmatch(name):
        raise ImproperlyConfigured(f"Document kind {name!r}: use a-z, 0-9 and _ only.")
    if name in _KINDS:
        raise ImproperlyConfigured(f"Document kind {name!r} is registered twice.")
    kind = DocumentKind(
        name,
        model,
        html,
        filename,
        render,
        download,
        download_refused or _("U kunt deze PDF niet downloaden."),
        page or _absolute_url,
    )
    _KINDS[name] = kind
    return kind


def _absolute_url(target):
    return target.get_absolute_url()


def unregister(name: str) -> None:
    """Forgets a kind (tests register their own and clean up after themselves)."""
    _KINDS.pop(name, None)


def get(name: str) -> DocumentKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise UnknownKind(name) from None


def kinds() -> dict[str, DocumentKind]:
    return dict(_KINDS)
